"""The three sharing calls through each SDK path, under aliyun-mock and under the SDK's own null
stub (a canned answer at its send point: the cost of the SDK itself)."""

from __future__ import annotations

import contextlib
import json
from typing import Callable, Dict, Iterator, Tuple

from timing import per_call_us, per_call_us_async

REGION = "cn-hangzhou"
SHAREE = "1234567890123456"
ACTIONS = ("ModifyImageSharePermission", "DescribeImageSharePermission", "DescribeImages")


def scene(cloud) -> str:
    """An owner's custom image, shared once: the image every measured call is about."""
    from alibabacloud_ecs20140526 import models
    from alibabacloud_vpc20160428 import models as vpc_models

    client, vpc = cloud.client("v2"), cloud.client("v2", product="vpc")
    vpc_id = vpc.create_vpc(vpc_models.CreateVpcRequest(region_id=REGION)).body.vpc_id
    vswitch_id = vpc.create_vswitch(
        vpc_models.CreateVSwitchRequest(
            region_id=REGION, vpc_id=vpc_id, zone_id="cn-hangzhou-h", cidr_block="172.16.1.0/24"
        )
    ).body.v_switch_id
    group_id = client.create_security_group(
        models.CreateSecurityGroupRequest(region_id=REGION, vpc_id=vpc_id)
    ).body.security_group_id
    instance = client.run_instances(
        models.RunInstancesRequest(
            region_id=REGION,
            image_id="ubuntu_22_04_x64_20G_alibase_20250722.vhd",
            instance_type="ecs.g7.large",
            v_switch_id=vswitch_id,
            security_group_id=group_id,
        )
    )
    image_id = client.create_image(
        models.CreateImageRequest(region_id=REGION, instance_id=instance.body.instance_id_sets.instance_id_set[0])
    ).body.image_id
    client.modify_image_share_permission(
        models.ModifyImageSharePermissionRequest(region_id=REGION, image_id=image_id, add_account=[SHAREE])
    )
    return image_id


def v2_requests(image_id: str):
    from alibabacloud_ecs20140526 import models

    return {
        "ModifyImageSharePermission": (
            "modify_image_share_permission",
            models.ModifyImageSharePermissionRequest(region_id=REGION, image_id=image_id, add_account=[SHAREE]),
        ),
        "DescribeImageSharePermission": (
            "describe_image_share_permission",
            models.DescribeImageSharePermissionRequest(region_id=REGION, image_id=image_id),
        ),
        "DescribeImages": (
            "describe_images",
            models.DescribeImagesRequest(region_id=REGION, image_owner_alias="self", page_size=10),
        ),
    }


def v1_requests(image_id: str):
    from aliyunsdkecs.request.v20140526 import (
        DescribeImageSharePermissionRequest,
        DescribeImagesRequest,
        ModifyImageSharePermissionRequest,
    )

    modify = ModifyImageSharePermissionRequest.ModifyImageSharePermissionRequest()
    modify.set_ImageId(image_id)
    modify.set_AddAccounts([SHAREE])
    permission = DescribeImageSharePermissionRequest.DescribeImageSharePermissionRequest()
    permission.set_ImageId(image_id)
    images = DescribeImagesRequest.DescribeImagesRequest()
    images.set_ImageOwnerAlias("self")
    images.set_PageSize(10)
    return {"ModifyImageSharePermission": modify, "DescribeImageSharePermission": permission, "DescribeImages": images}


@contextlib.contextmanager
def null_v2(bodies: Dict[str, bytes]) -> Iterator[None]:
    """``DaraCore.do_action``/``async_do_action`` answering a canned body: the V2 floor."""
    from darabonba.core import DaraCore
    from darabonba.response import DaraResponse

    saved = {name: DaraCore.__dict__[name] for name in ("do_action", "async_do_action")}

    def canned(request, runtime_option=None):
        response = DaraResponse()
        response.status_code, response.status_message = 200, "OK"
        response.headers = {"content-type": "application/json;charset=utf-8"}
        response.body = bodies[request.headers["x-acs-action"]]
        return response

    async def canned_async(request, runtime_option=None):
        return canned(request, runtime_option)

    DaraCore.do_action, DaraCore.async_do_action = staticmethod(canned), staticmethod(canned_async)
    try:
        yield
    finally:
        for name, descriptor in saved.items():
            setattr(DaraCore, name, descriptor)


@contextlib.contextmanager
def null_v1(bodies: Dict[str, bytes]) -> Iterator[None]:
    """The V1 SDK's vendored ``HTTPAdapter.send`` answering a canned body: the V1 floor."""
    from aliyunsdkcore.vendored.requests import adapters, models, structures

    real = adapters.HTTPAdapter.send

    def canned(adapter, request, *args, **kwargs):
        action = request.url.split("Action=", 1)[1].split("&", 1)[0]
        response = models.Response()
        response.status_code, response.reason = 200, "OK"
        response.headers = structures.CaseInsensitiveDict({"Content-Type": "application/json;charset=utf-8"})
        response._content, response.url, response.request = bodies[action], request.url, request
        return response

    adapters.HTTPAdapter.send = canned
    try:
        yield
    finally:
        adapters.HTTPAdapter.send = real


def measure(calls: int, repeats: int = 5) -> Dict[str, Dict[str, Tuple[float, float]]]:
    """{path: {action: (mocked µs, null-stub µs)}} for the V1, V2 sync and V2 async paths.

    Mocked and null-stub batches alternate, so both see the same machine."""
    from aliyun_mock import mock_ecs

    with mock_ecs() as cloud:
        image_id = scene(cloud)
        v2, v1 = cloud.client("v2"), cloud.client("v1")
        bodies = {}
        for action, (method, request) in v2_requests(image_id).items():
            bodies[action] = json.dumps(getattr(v2, method)(request).body.to_map()).encode()
        replay = mock_ecs(state=cloud.state())  # every activation starts from this scene
    results: Dict[str, Dict[str, Tuple[float, float]]] = {"v1": {}, "v2": {}, "v2_async": {}}
    for (path, action), case in _cases(v1, v2, image_id).items():
        mocked, floor = float("inf"), float("inf")
        for _ in range(repeats):
            with replay:
                mocked = min(mocked, _time(case, calls))
            with null_v2(bodies), null_v1(bodies):
                floor = min(floor, _time(case, calls))
        results[path][action] = (mocked, floor)
    return results


def _cases(v1, v2, image_id: str) -> Dict[Tuple[str, str], Tuple[bool, Callable]]:
    cases: Dict[Tuple[str, str], Tuple[bool, Callable]] = {}
    for action, (method, request) in v2_requests(image_id).items():
        cases[("v2", action)] = (False, lambda m=getattr(v2, method), r=request: m(r))
        cases[("v2_async", action)] = (True, lambda m=getattr(v2, method + "_async"), r=request: m(r))
    for action, request in v1_requests(image_id).items():
        cases[("v1", action)] = (False, lambda r=request: v1.do_action_with_exception(r))
    return cases


def _time(case: Tuple[bool, Callable], calls: int) -> float:
    is_async, call = case
    return per_call_us_async(call, calls, repeats=1) if is_async else per_call_us(call, calls, repeats=1)
