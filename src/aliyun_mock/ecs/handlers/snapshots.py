"""CreateSnapshot, DescribeSnapshots and DeleteSnapshot."""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence

from ...core.errors import ApiError
from ...core.paging import paginate
from ...core.product import RESOURCE_OWNER, Body
from ...core.tags import tags_from, tags_match
from ..filters import checked_tags, filter_units, json_id_list, view_filter
from ..models import Snapshot
from ..names import check_description, well_formed_name
from ..product import ECS
from ..state import EcsCall, RegionState
from ..views import snapshot_view

SNAPSHOT_STATUSES = ("progressing", "accomplished", "failed", "all")
SOURCE_DISK_TYPES = ("system", "data")
USAGES = ("image", "disk", "image_disk", "none")
SNAPSHOT_TYPES = ("auto", "user", "all")
SNAPSHOT_CATEGORIES = ("standard", "flash", "archive")


def take_snapshot(
    call: EcsCall,
    region: RegionState,
    disk_id: str,
    name: str = "",
    description: str = "",
    tags: Sequence[Dict[str, Any]] = (),
) -> Snapshot:
    """A snapshot of one of the caller's disks (also what CreateImage from an instance takes)."""
    disk = region.owned_disk(disk_id, call.account.account_id)
    if disk.status not in ("In_use", "Available"):
        raise ApiError("IncorrectDiskStatus")
    if not disk.attached_time and not disk.detached_time:
        raise ApiError("IncorrectDiskStatus.NeverAttached")
    snapshot = Snapshot(
        snapshot_id=region.new_id("s"),
        region_id=region.region_id,
        owner_id=disk.owner_id,
        source_disk_id=disk.disk_id,
        source_disk_type="System" if disk.disk_type == "system" else "Data",
        source_disk_size=disk.size,
        creation_time=call.state.entropy.now_iso(),
        image_id=disk.image_id,
        name=name,
        description=description,
        tags=tags_from(tags),
    )
    region.snapshots[snapshot.snapshot_id] = snapshot
    call.state.transitions.begin(snapshot, "progressing", "accomplished")
    return snapshot


@ECS.action(
    "CreateSnapshot",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=(
        "RetentionDays",
        "Category",
        "ResourceGroupId",
        "InstantAccess",
        "InstantAccessRetentionDays",
        "StorageLocationArn",
    ),  # fmt: skip
)
def create_snapshot(
    call: EcsCall, *, DiskId: str, SnapshotName: str = "", Description: str = "", Tag: Sequence[Dict[str, Any]] = ()
) -> Body:
    region = call.state.region_holding(call.region_id, lambda r: DiskId in r.disks)
    # Names starting with "auto" are reserved for automatic snapshots.
    if SnapshotName and (not well_formed_name(SnapshotName) or SnapshotName.lower().startswith("auto")):
        raise ApiError("InvalidSnapshotName.Malformed")
    check_description(Description)
    snapshot = take_snapshot(call, region, DiskId, SnapshotName, Description, Tag)
    return {"SnapshotId": snapshot.snapshot_id}


def snapshot_usage(region: RegionState, snapshot: Snapshot) -> str:
    in_images = any(
        snapshot.snapshot_id == i.snapshot_id or snapshot.snapshot_id in i.data_disk_snapshot_ids
        for i in region.images.values()
    )
    in_disks = any(d.source_snapshot_id == snapshot.snapshot_id for d in region.disks.values())
    return {(True, True): "image_disk", (True, False): "image", (False, True): "disk"}.get(
        (in_images, in_disks), "none"
    )


@ECS.action(
    "DescribeSnapshots",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=(
        "SnapshotLinkId",
        "ResourceGroupId",
    )
    + filter_units(2),  # fmt: skip
    own_checks=("Tag",),  # InvalidTagCount
)
def describe_snapshots(
    call: EcsCall,
    *,
    RegionId: str,
    SnapshotIds: str = "",
    DiskId: str = "",
    InstanceId: str = "",
    SnapshotName: str = "",
    Status: str = "all",
    SourceDiskType: str = "",
    Usage: str = "",
    PageNumber: int = 1,
    PageSize: int = 10,
    NextToken: str = "",
    MaxResults: Optional[int] = None,
    SnapshotType: str = "",
    Encrypted: Optional[bool] = None,
    KMSKeyId: str = "",
    Category: str = "",
    Tag: Sequence[Dict[str, Any]] = (),
    DryRun: bool = False,
) -> Body:
    ecs = call.state
    region = ecs.region(RegionId)
    if Status not in SNAPSHOT_STATUSES:
        raise ApiError("InvalidStatus.NotFound")
    if SourceDiskType and SourceDiskType.lower() not in SOURCE_DISK_TYPES:
        raise ApiError("InvalidSourceDiskType")
    if Usage and Usage not in USAGES:
        raise ApiError("InvalidUsage")
    wanted = json_id_list(SnapshotIds, "SnapshotIds") if SnapshotIds else None
    if wanted is not None and len(wanted) > 100:
        raise ApiError("InvalidSnapshotIds.Malformed")
    if SnapshotType and SnapshotType not in SNAPSHOT_TYPES:
        raise ApiError("InvalidSnapshotType.NotFound")
    if Category and Category not in SNAPSHOT_CATEGORIES:
        raise ApiError("InvalidSnapshotCategory.Malformed")
    tags = checked_tags(Tag)
    # Snapshots here are manual ("user"), unencrypted and of the standard category.
    shown = view_filter({"Encrypted": Encrypted, "KMSKeyId": KMSKeyId, "Category": Category})
    if DryRun:
        raise ApiError("DryRunOperation")
    ecs.transitions.observe()
    instance_disks = {d.disk_id for d in region.disks.values() if d.instance_id == InstanceId} if InstanceId else None
    matches = [
        s
        for s in region.snapshots.values()
        if s.owner_id == call.account.account_id
        and (wanted is None or s.snapshot_id in wanted)
        and (not DiskId or s.source_disk_id == DiskId)
        and (instance_disks is None or s.source_disk_id in instance_disks)
        and (not SnapshotName or s.name == SnapshotName)
        and (Status == "all" or s.status == Status)
        and (not SourceDiskType or s.source_disk_type.lower() == SourceDiskType.lower())
        and SnapshotType in ("", "all", "user")
        and tags_match(s.tags, tags)
    ]
    usages = {s.snapshot_id: snapshot_usage(region, s) for s in matches}  # scans images and disks: once each
    if Usage:
        matches = [s for s in matches if usages[s.snapshot_id] == Usage]
    if shown is not None:
        matches = [s for s in matches if shown(snapshot_view(s, usages[s.snapshot_id]))]
    page, fields = paginate(
        matches,
        page_number=PageNumber,
        page_size=PageSize,
        next_token=NextToken,
        max_results=MaxResults,
    )
    return {**fields, "Snapshots": {"Snapshot": [snapshot_view(s, usages[s.snapshot_id]) for s in page]}}


@ECS.action("DeleteSnapshot", without_effect=RESOURCE_OWNER)
def delete_snapshot(call: EcsCall, *, SnapshotId: str, Force: bool = False) -> Body:
    """An image's snapshot cannot go; one that disks were built from only with ``Force``."""
    region = call.state.region_holding(call.region_id, lambda r: SnapshotId in r.snapshots)
    snapshot = region.owned_snapshot(SnapshotId, call.account.account_id)
    usage = snapshot_usage(region, snapshot)
    if usage in ("image", "image_disk"):
        raise ApiError("SnapshotCreatedImage")
    if usage == "disk" and not Force:
        raise ApiError("SnapshotCreatedDisk")
    del region.snapshots[SnapshotId]
    return {}
