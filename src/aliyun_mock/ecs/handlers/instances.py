"""RunInstances and DescribeInstances."""
from __future__ import annotations

import json
import secrets
from typing import List, Sequence

from ...core.app import Call
from ...core.errors import ApiError
from .. import catalog
from ..models import Instance, now_iso, tags_from
from ..paging import page_of
from ..product import ECS
from ..views import instance_view

MAX_AMOUNT = 100
USABLE_IMAGE_STATUSES = ("Available", "Deprecated")  # deprecated images still launch (api-facts §17)


@ECS.action("RunInstances")
def run_instances(
    call: Call,
    *,
    RegionId: str,
    ImageId: str,
    InstanceType: str,
    Amount: int = 1,
    MinAmount: int = 0,
    ZoneId: str = "",
    InstanceName: str = "",
    HostName: str = "",
    Description: str = "",
    SecurityGroupId: str = "",
    VSwitchId: str = "",
    Tag: Sequence[dict] = (),
    DryRun: bool = False,
) -> dict:
    region = call.cloud.ecs.region(RegionId)
    if not 1 <= Amount <= MAX_AMOUNT:
        raise ApiError("InvalidParameter", "Amount")
    if MinAmount and not 1 <= MinAmount <= Amount:
        raise ApiError("InvalidParameter", "MinAmount")
    instance_type = catalog.instance_types().get(InstanceType)
    if instance_type is None:
        raise ApiError("InvalidInstanceType.ValueNotSupported")
    image = region.visible_image(ImageId, call.account.account_id)
    if image.status not in USABLE_IMAGE_STATUSES:
        raise ApiError("OperationDenied.ImageNotValid")
    if ZoneId and ZoneId not in region.zones:
        raise ApiError("InvalidZoneId.NotFound")
    if DryRun:
        raise ApiError("DryRunOperation")

    created: List[str] = []
    for _ in range(Amount):
        instance_id = region.new_id("i")
        now = now_iso()
        region.instances[instance_id] = Instance(
            instance_id=instance_id,
            region_id=RegionId,
            zone_id=ZoneId or region.zones[0],
            owner_id=call.account.account_id,
            image_id=image.image_id,
            instance_type=InstanceType,
            cpu=instance_type["CpuCoreCount"],
            memory=instance_type["MemorySize"],
            name=InstanceName or instance_id,
            host_name=HostName or f"iZ{instance_id[2:]}Z",
            creation_time=now,
            start_time=now,
            description=Description,
            os_type=image.os_type,
            os_name=image.os_name,
            os_name_en=image.os_name_en,
            security_group_ids=[SecurityGroupId] if SecurityGroupId else [],
            vswitch_id=VSwitchId,
            private_ip=f"172.16.{secrets.randbelow(256)}.{secrets.randbelow(254) + 1}",
            tags=tags_from(Tag),
        )
        created.append(instance_id)
    return {"InstanceIdSets": {"InstanceIdSet": created}}


@ECS.action("DescribeInstances")
def describe_instances(
    call: Call,
    *,
    RegionId: str,
    InstanceIds: str = "",
    ImageId: str = "",
    Status: str = "",
    InstanceName: str = "",
    PageNumber: int = 1,
    PageSize: int = 10,
) -> dict:
    region = call.cloud.ecs.region(RegionId)
    wanted = _json_id_list(InstanceIds, "InstanceIds") if InstanceIds else None
    owner = call.account.account_id
    matches = [
        i
        for i in region.instances.values()
        if i.owner_id == owner
        and (wanted is None or i.instance_id in wanted)
        and (not ImageId or i.image_id == ImageId)
        and (not Status or i.status == Status)
        and (not InstanceName or i.name == InstanceName)
    ]
    page, fields = page_of(matches, PageNumber, PageSize)
    return {**fields, "Instances": {"Instance": [instance_view(i) for i in page]}}


def _json_id_list(raw: str, name: str) -> set:
    """``'["i-1", "i-2"]'``: the JSON-array form some Describe* actions take ids in."""
    try:
        value = json.loads(raw)
    except ValueError:
        raise ApiError("InvalidParameter", name) from None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError("InvalidParameter", name)
    return set(value)
