"""DescribeDisks, ReInitDisk and ReplaceSystemDisk: where sharing reaches existing instances.

A system disk remembers the image it was built from and how its owner could use that image
(own, shared, community, public). Re-initialising needs that image still usable that way
(seeds 000/004): after the owner unshares it, ``InvalidDiskId.OperationNotSupported``; after the
owner deletes it, ``SharedImageDeleted``. Unpublishing a community image changes nothing for
instances already built from it.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence

from ...core.errors import ApiError
from ...core.paging import paginate
from ...core.product import RESOURCE_OWNER, Body
from ...core.tags import tags_match
from ..filters import checked_tags, filter_units, json_id_list, view_filter
from ..image_access import check_still_usable
from ..product import ECS
from ..state import EcsCall, RegionState, callers_disk, callers_instance
from ..views import disk_view
from ..vocabulary import INSTANCE_CHARGE_TYPES, LOCK_REASONS
from .system_disks import (
    check_architecture,
    check_password,
    checked_key_pair,
    new_system_disk,
    system_disk_size,
    usable_image,
)

DISK_TYPES = ("all", "system", "data")
DISK_STATUSES = ("In_use", "Available", "Attaching", "Detaching", "Creating", "ReIniting", "All")
MAX_DISK_RESULTS = 500
MAX_DISK_IDS = 100
# Every category a disk can have (DescribeDisks' Category filter; "all" means any).
DISK_CATEGORIES = (
    "all", "cloud", "cloud_efficiency", "cloud_ssd", "cloud_essd", "cloud_auto", "cloud_essd_entry",
    "local_ssd_pro", "local_hdd_pro", "ephemeral", "ephemeral_ssd", "elastic_ephemeral_disk_standard",
    "elastic_ephemeral_disk_premium",
)  # fmt: skip
SECURITY_AGENT = {"SecurityEnhancementStrategy": "the security agent it installs is not visible through the API"}


@ECS.action(
    "DescribeDisks",
    fields=("Tag.Key", "Tag.Value"),
    without_effect={**RESOURCE_OWNER, "AdditionalAttributes": "every attribute it could add is always returned"},
    not_implemented=(
        "ResourceGroupId",
        "EnableShared",
        "EnableAutomatedSnapshotPolicy",
    )
    + filter_units(2),  # fmt: skip
    own_checks=("Tag",),  # InvalidTagCount
)
def describe_disks(
    call: EcsCall,
    *,
    RegionId: str,
    DiskIds: str = "",
    InstanceId: str = "",
    DiskType: str = "all",
    Status: str = "All",
    ZoneId: str = "",
    Category: str = "",
    SnapshotId: str = "",
    DiskName: str = "",
    AutoSnapshotPolicyId: str = "",
    DiskChargeType: str = "",
    KMSKeyId: str = "",
    MultiAttach: str = "",
    PerformanceLevel: str = "",
    Portable: Optional[bool] = None,
    DeleteWithInstance: Optional[bool] = None,
    DeleteAutoSnapshot: Optional[bool] = None,
    EnableAutoSnapshot: Optional[bool] = None,
    Encrypted: Optional[bool] = None,
    LockReason: str = "",
    Tag: Sequence[Dict[str, Any]] = (),
    PageNumber: int = 1,
    PageSize: int = 10,
    NextToken: str = "",
    MaxResults: Optional[int] = None,
    DryRun: bool = False,
) -> Body:
    ecs = call.state
    region = ecs.region(RegionId)
    if DiskType not in DISK_TYPES:
        raise ApiError("InvalidDiskType.ValueNotSupported")
    if Status not in DISK_STATUSES:
        raise ApiError("InvalidStatus.ValueNotSupported")
    wanted = json_id_list(DiskIds, "DiskIds", "InvalidParameter.DiskIds") if DiskIds else None
    if wanted is not None and len(wanted) > MAX_DISK_IDS:
        raise ApiError("InvalidDiskIds.Malformed")
    _check_disk_filters(region, ZoneId, Category, DiskChargeType, LockReason, MultiAttach)
    tags = checked_tags(Tag)
    shown = view_filter({
        "ZoneId": ZoneId, "Category": "" if Category == "all" else Category, "SourceSnapshotId": SnapshotId,
        "DiskName": DiskName,
        "AutoSnapshotPolicyId": AutoSnapshotPolicyId, "DiskChargeType": DiskChargeType, "KMSKeyId": KMSKeyId,
        "MultiAttach": MultiAttach, "PerformanceLevel": PerformanceLevel, "Portable": Portable,
        "DeleteWithInstance": DeleteWithInstance, "DeleteAutoSnapshot": DeleteAutoSnapshot,
        "EnableAutoSnapshot": EnableAutoSnapshot, "Encrypted": Encrypted,
    })  # fmt: skip
    if DryRun:
        raise ApiError("DryRunOperation")
    ecs.transitions.observe()
    matches = [
        d
        for d in region.disks.values()
        if d.owner_id == call.account.account_id
        and (wanted is None or d.disk_id in wanted)
        and (not InstanceId or d.instance_id == InstanceId)
        and (DiskType == "all" or d.disk_type == DiskType)
        and (Status == "All" or d.status == Status)
        and not LockReason  # no disk here is locked
        and tags_match(d.tags, tags)
    ]
    if shown is not None:
        matches = [d for d in matches if shown(disk_view(d))]
    page, fields = paginate(
        matches,
        page_number=PageNumber,
        page_size=PageSize,
        next_token=NextToken,
        max_results=MaxResults,
        cap=MAX_DISK_RESULTS,
    )
    return {**fields, "Disks": {"Disk": [disk_view(d) for d in page]}}


def _check_disk_filters(region: RegionState, zone: str, category: str, charge: str, lock: str, attach: str) -> None:
    """DescribeDisks' documented refusals of filter values it does not know."""
    if zone and zone not in region.zones:
        raise ApiError("InvalidZoneId.NotFound")
    if category and category not in DISK_CATEGORIES:
        raise ApiError("InvalidCategory.ValueNotSupported")
    if charge and charge not in INSTANCE_CHARGE_TYPES:
        raise ApiError("InvalidDiskChargeType.NotFound")
    if lock and lock not in LOCK_REASONS:
        raise ApiError("InvalidLockReason.NotFound")
    if attach and attach not in ("Enabled", "Disabled"):
        raise ApiError("InvalidParameter.MultiAttach")


@ECS.action("ReInitDisk", without_effect={**RESOURCE_OWNER, **SECURITY_AGENT})
def re_init_disk(
    call: EcsCall, *, DiskId: str, Password: str = "", KeyPairName: str = "", AutoStartInstance: bool = False
) -> Body:
    region, disk = callers_disk(call, DiskId)
    if disk.status != "In_use":
        raise ApiError("IncorrectDiskStatus")
    instance = region.instances[disk.instance_id]
    if instance.status != "Stopped" or not instance.ever_started:
        raise ApiError("IncorrectInstanceStatus")
    check_password(Password)
    key_pair = checked_key_pair(region, call.account.account_id, KeyPairName, instance.os_type)
    if disk.disk_type == "system":
        check_still_usable(disk, region.images.get(disk.image_id), region.organisation)
    if key_pair is not None:
        instance.key_pair_name = key_pair
    transitions = call.state.transitions
    transitions.begin(disk, "ReIniting", "In_use")
    if AutoStartInstance:
        instance.start_time = call.state.entropy.now_iso()
        transitions.begin(instance, "Starting", "Running")
    return {}


@ECS.action(
    "ReplaceSystemDisk",
    fields=("SystemDisk.Size",),
    without_effect={**RESOURCE_OWNER, **SECURITY_AGENT},
    not_implemented=(
        "UseAdditionalService",
        "DiskId",
        "Platform",
        "Architecture",
        "Encrypted",
        "KMSKeyId",
        "EncryptAlgorithm",
        "Arn.RoleType",
        "Arn.Rolearn",
        "Arn.AssumeRoleFor",
    ),  # fmt: skip
)
def replace_system_disk(
    call: EcsCall,
    *,
    InstanceId: str,
    ImageId: str,
    SystemDisk: Optional[Dict[str, Any]] = None,
    Password: str = "",
    PasswordInherit: bool = False,
    KeyPairName: str = "",
) -> Body:
    region, instance = callers_instance(call, InstanceId)
    if instance.status != "Stopped":
        raise ApiError("IncorrectInstanceStatus")
    if Password and PasswordInherit:
        raise ApiError("InvalidPasswordParam.Mismatch")
    check_password(Password)
    image = usable_image(region, ImageId, call.account.account_id)
    check_architecture(image, instance.instance_type)
    size = system_disk_size(image, SystemDisk)
    key_pair = checked_key_pair(region, call.account.account_id, KeyPairName, image.os_type)
    old = region.disks.pop(instance.system_disk_id or "", None)
    disk = new_system_disk(call, region, instance, image, size, old.category if old else "")
    region.rebase_instance(instance, image.image_id)
    instance.os_type, instance.os_name, instance.os_name_en = image.os_type, image.os_name, image.os_name_en
    if image.os_type == "windows":  # a Windows system logs in with a password only
        instance.key_pair_name = ""
    elif key_pair is not None:
        instance.key_pair_name = key_pair
    return {"DiskId": disk.disk_id}
