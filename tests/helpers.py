"""Scene-building through the public API, so every test starts the way a user's code would,
and the captured SDK requests (tests/captures) as werkzeug requests."""

import json
from pathlib import Path
from typing import Dict, Optional
from urllib.parse import urlsplit

import pytest
import requests
from werkzeug.test import EnvironBuilder

from aliyun_mock import Account, geography
from aliyun_mock.core.wire import WireRequest
from conftest_plugin import ApiFailure, signed_query

SYSTEM_IMAGE = "ubuntu_22_04_x64_20G_alibase_20250722.vhd"
INSTANCE_TYPE = "ecs.g7.large"


def network(path, account: Optional[Account] = None, region: str = "cn-hangzhou") -> Dict[str, str]:
    """``{"VSwitchId": …, "SecurityGroupId": …}`` for a launch: a VPC, a vSwitch in the region's first
    zone and a security group of ``account``, made through the same client path once per account and
    region, as a user's code makes them."""
    cache = path.__dict__.setdefault("_networks", {})
    key = (account.account_id if account else "", region)
    if key not in cache:
        vpc = path.call(
            "CreateVpc",
            {"RegionId": region, "CidrBlock": "192.168.0.0/16"},
            account=account,
            region_id=region,
            product="vpc",
        )["VpcId"]
        zone = geography.regions()[region]["Zones"][0]
        vswitch = path.call(
            "CreateVSwitch",
            {"RegionId": region, "VpcId": vpc, "ZoneId": zone, "CidrBlock": "192.168.0.0/24"},
            account=account,
            region_id=region,
            product="vpc",
        )["VSwitchId"]
        group = path.call("CreateSecurityGroup", {"RegionId": region, "VpcId": vpc}, account=account, region_id=region)
        cache[key] = {"VSwitchId": vswitch, "SecurityGroupId": group["SecurityGroupId"]}
    return cache[key]


def launch(path, account: Optional[Account] = None, region: str = "cn-hangzhou", image: str = SYSTEM_IMAGE) -> str:
    body = path.call(
        "RunInstances",
        {"RegionId": region, "ImageId": image, "InstanceType": INSTANCE_TYPE, **network(path, account, region)},
        account=account,
        region_id=region,
    )
    return body["InstanceIdSets"]["InstanceIdSet"][0]


def custom_image(path, account: Optional[Account] = None, region: str = "cn-hangzhou", name: str = "") -> str:
    """A custom image of ``account`` in ``region``, made from an instance as users do."""
    instance_id = launch(path, account, region)
    params = {"RegionId": region, "InstanceId": instance_id}
    if name:
        params["ImageName"] = name
    return path.call("CreateImage", params, account=account, region_id=region)["ImageId"]


def image_ids(body) -> list:
    return [image["ImageId"] for image in body["Images"]["Image"]]


def share(path, image_id, add=(), remove=(), account=None, region="cn-hangzhou", **extra):
    params = {"RegionId": region, "ImageId": image_id, **extra}
    if add:
        params["AddAccount"] = list(add)
    if remove:
        params["RemoveAccount"] = list(remove)
    return path.call("ModifyImageSharePermission", params, account=account, region_id=region)


def shared_with_me(path, account, region="cn-hangzhou", **extra):
    return path.call(
        "DescribeImages", {"RegionId": region, "ImageOwnerAlias": "others", **extra}, account=account, region_id=region
    )


def assert_fails(status, code, message, call, *args, **kwargs):
    with pytest.raises(ApiFailure) as failure:
        call(*args, **kwargs)
    assert (failure.value.status, failure.value.code, failure.value.message) == (status, code, message)
    return failure.value


def signed_get(cloud, host, *, Action, Version, **params):
    """A hand-signed GET of ``Action`` at ``host`` with the default account's key; ``Format="XML"``
    and the like go in ``params``."""
    account = cloud.default_account
    query = signed_query(
        Action,
        params,
        access_key_id=account.access_key_id,
        secret=account.access_key_secret,
        version=Version,
        nonce="n",
        timestamp="2026-01-01T00:00:00Z",
    )
    return requests.get(f"https://{host}/", params=query, timeout=5)


CAPTURES = Path(__file__).with_name("captures")
CAPTURE_FILES = [
    "v1.json",
    "v1_https.json",
    "v1_sts.json",
    "v2_sync.json",
    "v2_sync_sigv2.json",
    "v2_sync_sts.json",
    "v2_async_dara.json",
    "v2_async_aioresponses_ng.json",
    "old_v2_tea_openapi_0.3.16.json",
]


def captured_requests():
    return [
        pytest.param(capture, id=f"{name}#{index}")
        for name in CAPTURE_FILES
        for index, capture in enumerate(json.loads((CAPTURES / name).read_text()))
    ]


def request_from(capture) -> WireRequest:
    url = urlsplit(capture["url"])
    builder = EnvironBuilder(
        method=capture["method"],
        base_url=f"{url.scheme}://{url.netloc}",
        path=url.path,
        query_string=url.query,
        headers=capture["headers"],
        data=(capture["body"] or "").encode(),
    )
    return WireRequest.from_environ(builder.get_environ())


def schema_gaps(schema, value, path="", order=True):
    """Documented keys missing from ``value`` (less those real bodies leave out), recursively, and
    keys out of the documented (real-body) order."""
    gaps = []
    if schema.get("type") == "object" and isinstance(value, dict):
        properties = schema.get("properties", {})
        omitted = set(schema.get("omit", ()))
        gaps += [f"{path}.{key} missing" for key in properties if key not in omitted and key not in value]
        documented = [key for key in value if key in properties]
        if order and documented != [key for key in properties if key in value]:
            gaps.append(f"{path}: keys out of the cloud's order: {documented}")
        for key in documented:
            gaps += schema_gaps(properties[key], value[key], f"{path}.{key}", order)
    elif schema.get("type") == "array" and isinstance(value, list):
        for item in value:
            gaps += schema_gaps(schema.get("items", {}), item, f"{path}[]", order)
    return gaps


def generic_call(cloud, action, query):
    """The V2 SDK's generic ``call_api`` of an ECS action, for parameters its generated models do not
    carry: ``query`` as ``Utils.query`` puts it on the wire (lists and objects as ``Name.N``)."""
    from alibabacloud_tea_openapi import utils_models
    from alibabacloud_tea_openapi.utils import Utils
    from darabonba.runtime import RuntimeOptions

    params = utils_models.Params(
        action=action,
        version="2014-05-26",
        protocol="HTTPS",
        pathname="/",
        method="POST",
        auth_type="AK",
        style="RPC",
        req_body_type="formData",
        body_type="json",
    )
    request = utils_models.OpenApiRequest(query=Utils.query(query))
    return cloud.client("v2").call_api(params, request, RuntimeOptions())
