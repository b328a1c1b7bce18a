"""CreateDisk, AttachDisk, DetachDisk, DeleteDisk, ResizeDisk and ModifyDiskAttribute: pay-as-you-go
data disks of their own, as the reference describes them
(https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createdisk).
A disk is ``Creating`` then ``Available``, ``Attaching`` then ``In_use``, ``Detaching`` then
``Available``, through the transition controls."""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence

from ...core.errors import ApiError
from ...core.product import RESOURCE_OWNER, Body
from ...core.tags import tags_from
from ..filters import check_new_tags
from ..models import Disk
from ..names import check_description, well_formed_name
from ..product import ECS
from ..state import EcsCall, callers_disk
from .data_disks import MAX_DATA_DISKS, OFFERED_CATEGORIES, SIZES
from .system_disks import MAX_SYSTEM_DISK_GIB

DEFAULT_CATEGORY = "cloud"  # CreateDisk's default DiskCategory
ATTACHABLE_TO = ("Running", "Stopped")


@ECS.action(
    "CreateDisk",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=(
        "InstanceId",
        "ResourceGroupId",
        "KMSKeyId",
        "PerformanceLevel",
        "AdvancedFeatures",
        "StorageSetId",
        "EncryptAlgorithm",
        "StorageSetPartitionNumber",
        "StorageClusterId",
        "MultiAttach",
        "Arn.RoleType",
        "Arn.Rolearn",
        "Arn.AssumeRoleFor",
        "ProvisionedIops",
        "BurstingEnabled",
    ),  # fmt: skip
)
def create_disk(
    call: EcsCall,
    *,
    RegionId: str,
    ZoneId: str = "",
    DiskCategory: str = DEFAULT_CATEGORY,
    Size: Optional[int] = None,
    SnapshotId: str = "",
    DiskName: str = "",
    Description: str = "",
    Tag: Sequence[Dict[str, Any]] = (),
    Encrypted: bool = False,
) -> Body:
    if Encrypted:  # false, the default, changes nothing
        raise ECS.not_implemented("CreateDisk", "Encrypted=true")
    region = call.state.region(RegionId)
    if not ZoneId:
        raise ApiError("MissingParameter", "ZoneId")
    if ZoneId not in region.zones:
        raise ApiError("InvalidZoneId.NotFound")
    if DiskCategory not in SIZES:
        raise ApiError("InvalidDiskCategory.ValueNotSupported")
    if DiskCategory not in OFFERED_CATEGORIES:
        raise ApiError("InvalidDiskCategory.NotSupported")
    smallest = 0
    if SnapshotId:
        snapshot = region.snapshots.get(SnapshotId)
        if snapshot is None or snapshot.owner_id != call.account.account_id:
            raise ApiError("InvalidSnapshotId.NotFound")
        if snapshot.status != "accomplished":
            raise ApiError("InvalidSnapshotId.NotReady")
        smallest = snapshot.source_disk_size
    size = Size if Size is not None else smallest
    low, high = SIZES[DiskCategory]
    if not low <= size <= high or size < smallest:
        raise ApiError("InvalidDiskSize.NotSupported")
    if DiskName and not well_formed_name(DiskName):
        raise ApiError("InvalidDiskName.Malformed")
    check_description(Description)
    check_new_tags(Tag)
    disk = Disk(
        disk_id=region.new_id("d"),
        region_id=region.region_id,
        zone_id=ZoneId,
        owner_id=call.account.account_id,
        size=size,
        creation_time=call.state.entropy.now_iso(),
        disk_type="data",
        category=DiskCategory,
        status="Available",
        device="",
        source_snapshot_id=SnapshotId,
        tags=tags_from(Tag),
        name=DiskName,
        description=Description,
        delete_with_instance=False,  # a disk of its own outlives the instances it is attached to
    )
    region.disks[disk.disk_id] = disk
    call.state.transitions.begin(disk, "Creating", "Available")
    return {"DiskId": disk.disk_id, "OrderId": ""}


@ECS.action(
    "AttachDisk",
    without_effect=RESOURCE_OWNER,
    not_implemented=("Device", "Password", "KeyPairName", "Force"),
)
def attach_disk(
    call: EcsCall, *, InstanceId: str, DiskId: str, DeleteWithInstance: Optional[bool] = None, Bootable: bool = False
) -> Body:
    if Bootable:  # a data disk attached as a system disk; false, the default, changes nothing
        raise ECS.not_implemented("AttachDisk", "Bootable=true")
    region, disk = callers_disk(call, DiskId)
    instance = region.owned_instance(InstanceId, call.account.account_id)
    if disk.status != "Available":
        raise ApiError("IncorrectDiskStatus")
    if instance.status not in ATTACHABLE_TO:
        raise ApiError("IncorrectInstanceStatus")
    if disk.zone_id != instance.zone_id:
        raise ApiError("ResourcesNotInSameZone")
    used = {d.device for d in region.disks.values() if d.instance_id == InstanceId}
    if len(used) > MAX_DATA_DISKS:  # the system disk and 16 data disks
        raise ApiError("InstanceDiskLimitExceeded")
    disk.device = next(f"/dev/xvd{chr(c)}" for c in range(ord("b"), ord("z") + 1) if f"/dev/xvd{chr(c)}" not in used)
    disk.instance_id, disk.attached_time = InstanceId, call.state.entropy.now_iso()
    if DeleteWithInstance is not None:
        disk.delete_with_instance = DeleteWithInstance
    call.state.transitions.begin(disk, "Attaching", "In_use")
    return {}


@ECS.action("DetachDisk", without_effect=RESOURCE_OWNER)
def detach_disk(call: EcsCall, *, InstanceId: str, DiskId: str, DeleteWithInstance: Optional[bool] = None) -> Body:
    region, disk = callers_disk(call, DiskId)
    instance = region.owned_instance(InstanceId, call.account.account_id)
    if disk.instance_id != instance.instance_id:
        raise ApiError("InvalidDisk.AlreadyDetached")
    if disk.disk_type == "system":
        raise ApiError("DiskNotPortable")
    if disk.status != "In_use":
        raise ApiError("IncorrectDiskStatus")
    if DeleteWithInstance is not None:
        disk.delete_with_instance = DeleteWithInstance
    disk.instance_id, disk.device, disk.attached_time = "", "", ""
    disk.detached_time = call.state.entropy.now_iso()
    call.state.transitions.begin(disk, "Detaching", "Available")
    return {}


@ECS.action("DeleteDisk", without_effect=RESOURCE_OWNER)
def delete_disk(call: EcsCall, *, DiskId: str) -> Body:
    region, disk = callers_disk(call, DiskId)
    if disk.disk_type == "system":
        raise ApiError("DiskTypeViolation")
    if disk.instance_id:
        raise ApiError("DiskStillAttached")
    if disk.status != "Available":
        raise ApiError("IncorrectDiskStatus")
    if any(s.source_disk_id == DiskId and s.status != "accomplished" for s in region.snapshots.values()):
        raise ApiError("DiskCreatingSnapshot")
    del region.disks[DiskId]
    return {}


@ECS.action("ResizeDisk", without_effect=RESOURCE_OWNER)
def resize_disk(call: EcsCall, *, DiskId: str, NewSize: int, Type: str = "offline") -> Body:
    """A disk grows, never shrinks; online (``Type=online``) only while its instance runs."""
    region, disk = callers_disk(call, DiskId)
    if Type not in ("offline", "online"):
        raise ApiError("InvalidParameter", "Type")
    if disk.status not in ("In_use", "Available"):
        raise ApiError("IncorrectDiskStatus")
    if NewSize <= disk.size:
        raise ApiError("InvalidDiskSize")
    highest = MAX_SYSTEM_DISK_GIB if disk.disk_type == "system" else SIZES.get(disk.category, (0, 32768))[1]
    if NewSize > highest:
        raise ApiError("InvalidDiskSize.TooLarge")
    instance = region.instances.get(disk.instance_id)
    if Type == "online" and (instance is None or instance.status != "Running"):
        raise ApiError("InvalidInstanceStatus.NotRunning")
    disk.size = NewSize
    return {"OrderId": ""}


@ECS.action("ModifyDiskAttribute", without_effect=RESOURCE_OWNER, not_implemented=("BurstingEnabled",))
def modify_disk_attribute(
    call: EcsCall,
    *,
    RegionId: str = "",
    DiskId: str = "",
    DiskIds: Sequence[str] = (),
    DiskName: str = "",
    Description: str = "",
    DeleteWithInstance: Optional[bool] = None,
    DeleteAutoSnapshot: Optional[bool] = None,
    EnableAutoSnapshot: Optional[bool] = None,
) -> Body:
    """One disk (``DiskId``) or several (``DiskIds.N``); an attribute left out keeps its value. Every
    disk is checked before any changes."""
    if DiskId and DiskIds:
        raise ApiError("ParameterConflict.DiskIdAndDiskIds")
    if not DiskId and not DiskIds:
        raise ApiError("MissingParameter.DiskIdOrDiskIds")
    changes = (DeleteWithInstance, DeleteAutoSnapshot, EnableAutoSnapshot)
    if not DiskName and not Description and all(change is None for change in changes):
        raise ApiError("NoAttributeToModify")
    if DiskName and not well_formed_name(DiskName):
        raise ApiError("InvalidDiskName.Malformed")
    check_description(Description)
    disks = []
    for disk_id in [DiskId] if DiskId else DiskIds:
        region = call.state.region_holding(RegionId or call.region_id, lambda r: disk_id in r.disks)
        disks.append(region.owned_disk(disk_id, call.account.account_id))
    for disk in disks:
        disk.name = DiskName or disk.name
        disk.description = Description or disk.description
        if DeleteWithInstance is not None:
            disk.delete_with_instance = DeleteWithInstance
        if DeleteAutoSnapshot is not None:
            disk.delete_auto_snapshot = DeleteAutoSnapshot
        if EnableAutoSnapshot is not None:
            disk.enable_auto_snapshot = EnableAutoSnapshot
    return {}
