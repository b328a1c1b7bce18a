"""RunInstances, CreateInstance, DescribeInstances, DescribeInstanceStatus."""

from __future__ import annotations

import fnmatch
import json
from typing import Any, Dict, List, Optional, Sequence

from ...core.errors import ApiError
from .. import catalog
from ..models import SYSTEM, Disk, Image, Instance, tags_from
from ..paging import page_of, paginate
from ..product import ECS
from ..state import EcsCall, RegionState
from ..views import instance_view

MAX_AMOUNT = 100
USABLE_IMAGE_STATUSES = ("Available", "Deprecated")  # deprecated images still launch (api-facts §17)
MAX_SYSTEM_DISK_GIB = 2048
MAX_INSTANCE_STATUS_PAGE = 50


def image_access(image: Image, account_id: str) -> str:
    """How ``account_id`` may use ``image``: what a later ReInitDisk depends on."""
    if image.source == SYSTEM:
        return "system"
    if image.owner_id == account_id:
        return "own"
    return "shared" if account_id in image.shares else "community"


def usable_image(region: RegionState, image_id: str, account_id: str) -> Image:
    image = region.visible_image(image_id, account_id)
    if image.status not in USABLE_IMAGE_STATUSES:
        raise ApiError("OperationDenied.ImageNotValid")
    return image


def system_disk_size(image: Image, system_disk: Optional[Dict[str, Any]]) -> int:
    raw = (system_disk or {}).get("Size")
    if raw in (None, ""):
        return max(40, image.size)
    try:
        size = int(raw)
    except (TypeError, ValueError):
        raise ApiError("InvalidSystemDiskSize.ValueNotSupported") from None
    if size > MAX_SYSTEM_DISK_GIB or size < 20:
        raise ApiError("InvalidSystemDiskSize.ValueNotSupported")
    if size < image.size:
        raise ApiError("InvalidSystemDiskSize.LessThanImageSize")
    return size


def new_system_disk(
    call: EcsCall, region: RegionState, instance: Instance, image: Image, size: int, category: str
) -> Disk:
    disk = Disk(
        disk_id=region.new_id("d"),
        region_id=region.region_id,
        zone_id=instance.zone_id,
        owner_id=instance.owner_id,
        size=size,
        creation_time=call.state.entropy.now_iso(),
        category=category or "cloud_essd",
        instance_id=instance.instance_id,
        image_id=image.image_id,
        image_access=image_access(image, call.account.account_id),
        source_snapshot_id=image.snapshot_id,
        attached_time=call.state.entropy.now_iso(),
    )
    region.disks[disk.disk_id] = disk
    instance.system_disk_id = disk.disk_id
    return disk


def _launch(
    call: EcsCall,
    region: RegionState,
    *,
    image_id: str,
    instance_type_id: str,
    zone_id: str,
    name: str,
    host_name: str,
    description: str,
    security_group_id: str,
    vswitch_id: str,
    tags: Sequence[dict],
    system_disk: Optional[Dict[str, Any]],
    amount: int,
    dry_run: bool,
    running: bool,
) -> List[Instance]:
    instance_type = catalog.instance_types().get(instance_type_id)
    if instance_type is None:
        raise ApiError("InvalidInstanceType.ValueNotSupported")
    image = usable_image(region, image_id, call.account.account_id)
    if image.architecture != instance_type["Architecture"]:
        raise ApiError("ImageNotSupportInstanceType")
    if zone_id and zone_id not in region.zones:
        raise ApiError("InvalidZoneId.NotFound")
    disk_size = system_disk_size(image, system_disk)
    if dry_run:
        raise ApiError("DryRunOperation")
    transitions, entropy = call.state.transitions, call.state.entropy
    launched = []
    for _ in range(amount):
        instance_id = region.new_id("i")
        now = call.state.entropy.now_iso()
        instance = Instance(
            instance_id=instance_id,
            region_id=region.region_id,
            zone_id=zone_id or region.zones[0],
            owner_id=call.account.account_id,
            image_id=image.image_id,
            instance_type=instance_type_id,
            cpu=instance_type["CpuCoreCount"],
            memory=instance_type["MemorySize"],
            name=name or instance_id,
            host_name=host_name or f"iZ{instance_id[2:]}Z",
            creation_time=now,
            start_time=now if running else "",
            description=description,
            os_type=image.os_type,
            os_name=image.os_name,
            os_name_en=image.os_name_en,
            security_group_ids=[security_group_id] if security_group_id else [],
            vswitch_id=vswitch_id,
            private_ip=f"172.16.{entropy.below(256)}.{entropy.below(254) + 1}",
            tags=tags_from(tags),
            ever_started=running,
        )
        region.add_instance(instance)
        new_system_disk(call, region, instance, image, disk_size, (system_disk or {}).get("Category", ""))
        transitions.begin(instance, "Pending", "Running" if running else "Stopped")
        launched.append(instance)
    return launched


@ECS.action("RunInstances")
def run_instances(
    call: EcsCall,
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
    SystemDisk: Optional[dict] = None,
    Tag: Sequence[dict] = (),
    DryRun: bool = False,
) -> dict:
    region = call.state.region(RegionId)
    if not 1 <= Amount <= MAX_AMOUNT:
        raise ApiError("InvalidParameter", "Amount")
    if MinAmount and not 1 <= MinAmount <= Amount:
        raise ApiError("InvalidParameter", "MinAmount")
    launched = _launch(
        call,
        region,
        image_id=ImageId,
        instance_type_id=InstanceType,
        zone_id=ZoneId,
        name=InstanceName,
        host_name=HostName,
        description=Description,
        security_group_id=SecurityGroupId,
        vswitch_id=VSwitchId,
        tags=Tag,
        system_disk=SystemDisk,
        amount=Amount,
        dry_run=DryRun,
        running=True,
    )
    return {"InstanceIdSets": {"InstanceIdSet": [i.instance_id for i in launched]}}


@ECS.action("CreateInstance")
def create_instance(
    call: EcsCall,
    *,
    RegionId: str,
    ImageId: str,
    InstanceType: str,
    ZoneId: str = "",
    InstanceName: str = "",
    HostName: str = "",
    Description: str = "",
    SecurityGroupId: str = "",
    VSwitchId: str = "",
    SystemDisk: Optional[dict] = None,
    Tag: Sequence[dict] = (),
    DryRun: bool = False,
) -> dict:
    region = call.state.region(RegionId)
    (instance,) = _launch(
        call,
        region,
        image_id=ImageId,
        instance_type_id=InstanceType,
        zone_id=ZoneId,
        name=InstanceName,
        host_name=HostName,
        description=Description,
        security_group_id=SecurityGroupId,
        vswitch_id=VSwitchId,
        tags=Tag,
        system_disk=SystemDisk,
        amount=1,
        dry_run=DryRun,
        running=False,
    )
    return {"InstanceId": instance.instance_id}


@ECS.action("DescribeInstances")
def describe_instances(
    call: EcsCall,
    *,
    RegionId: str,
    InstanceIds: str = "",
    ImageId: str = "",
    Status: str = "",
    InstanceName: str = "",
    Tag: Sequence[dict] = (),
    PageNumber: int = 1,
    PageSize: int = 10,
    NextToken: str = "",
    MaxResults: Optional[int] = None,
    DryRun: bool = False,
) -> dict:
    ecs = call.state
    region = ecs.region(RegionId)
    wanted = json_id_list(InstanceIds, "InstanceIds") if InstanceIds else None
    tags = tags_from(Tag)
    if DryRun:
        raise ApiError("DryRunOperation")
    ecs.transitions.observe()
    owner = call.account.account_id
    matches = [
        i
        for i in region.instances.values()
        if i.owner_id == owner
        and (wanted is None or i.instance_id in wanted)
        and (not ImageId or i.image_id == ImageId)
        and (not Status or i.status == Status)
        and (not InstanceName or _name_matches(InstanceName, i.name))
        and all(i.tags.get(k) == v or (not v and k in i.tags) for k, v in tags.items())
    ]
    page, fields = paginate(
        matches, page_number=PageNumber, page_size=PageSize, next_token=NextToken, max_results=MaxResults
    )
    return {**fields, "Instances": {"Instance": [instance_view(i) for i in page]}}


def _name_matches(pattern: str, name: str) -> bool:
    """InstanceName supports ``*`` as a wildcard; without one it is an exact match."""
    if "*" not in pattern:
        return pattern == name
    return fnmatch.fnmatchcase(name, pattern)


@ECS.action("DescribeInstanceStatus")
def describe_instance_status(
    call: EcsCall,
    *,
    RegionId: str,
    InstanceId: Sequence[str] = (),
    ZoneId: str = "",
    PageNumber: int = 1,
    PageSize: int = 10,
) -> dict:
    ecs = call.state
    region = ecs.region(RegionId)
    ecs.transitions.observe()
    wanted = set(InstanceId)
    matches = [
        i
        for i in region.instances.values()
        if i.owner_id == call.account.account_id
        and (not wanted or i.instance_id in wanted)
        and (not ZoneId or i.zone_id == ZoneId)
    ]
    page, fields = page_of(matches, PageNumber, PageSize, MAX_INSTANCE_STATUS_PAGE)
    statuses = [{"InstanceId": i.instance_id, "Status": i.status} for i in page]
    return {**fields, "InstanceStatuses": {"InstanceStatus": statuses}}


def json_id_list(raw: str, name: str) -> set:
    """``'["i-1", "i-2"]'``: the JSON-array form some Describe* actions take ids in."""
    try:
        value = json.loads(raw)
    except ValueError:
        raise ApiError("InvalidParameter", name) from None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError("InvalidParameter", name)
    return set(value)
