"""``DataDisk.N`` of RunInstances and CreateInstance: the data disks a launch makes and attaches,
checked as the reference states them (category, size range per category, a data disk from one of
the account's snapshots, name and description); up to 16 an instance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Sequence

from ...core.errors import ApiError
from ..models import Disk, Image, Instance
from ..names import check_description, well_formed_name
from ..product import ECS
from ..state import EcsCall, RegionState

MAX_DATA_DISKS = 16
DEFAULT_CATEGORY = "cloud_efficiency"
# GiB a data disk of each category may have (DataDisk.N.Size)
SIZES = {
    "cloud": (5, 2000),
    "cloud_efficiency": (20, 32768),
    "cloud_ssd": (20, 32768),
    "cloud_essd": (20, 65536),
    "cloud_auto": (1, 65536),
    "cloud_essd_entry": (10, 32768),
}
# What every zone of the mock offers, for system and data disks alike (DescribeZones,
# DescribeAvailableResource): a category outside it is well formed but cannot be made here.
OFFERED_CATEGORIES = ("cloud_essd", "cloud_auto", "cloud_efficiency", "cloud_ssd")
DATA_DISK_FIELDS = ("Size", "Category", "SnapshotId", "DiskName", "Description", "DeleteWithInstance", "Encrypted")


@dataclass
class DataDiskPlan:
    size: int
    category: str
    snapshot_id: str
    name: str
    description: str
    delete_with_instance: bool


def from_image(image: Image) -> List[DataDiskPlan]:
    """The data disks an image carries (made from its data snapshots), which each of its instances gets."""
    snapshots = image.data_disk_snapshot_ids or [""] * len(image.data_disk_sizes)
    return [
        DataDiskPlan(size, DEFAULT_CATEGORY, snapshot_id, "", "", True)
        for size, snapshot_id in zip(image.data_disk_sizes, snapshots)
    ]


def plan_data_disks(
    region: RegionState, account_id: str, specs: Sequence[Dict[str, Any]], action: str
) -> List[DataDiskPlan]:
    """The data disks a launch asks for, checked; nothing is made yet (a dry run makes nothing)."""
    if len(specs) > MAX_DATA_DISKS:
        raise ApiError("InstanceDiskNumber.LimitExceed")
    return [_plan(region, account_id, spec, action) for spec in specs]


def _plan(region: RegionState, account_id: str, spec: Dict[str, Any], action: str) -> DataDiskPlan:
    if flag(spec.get("Encrypted"), "DataDisk.n.Encrypted"):  # false, the default, changes nothing
        raise ECS.not_implemented(action, "DataDisk.N.Encrypted=true")
    category = str(spec.get("Category") or DEFAULT_CATEGORY)
    if category not in SIZES:
        raise ApiError("InvalidDataDiskCategory.ValueNotSupported")
    if category not in OFFERED_CATEGORIES:
        raise ApiError("CategoryNotSupported")
    snapshot_id = str(spec.get("SnapshotId") or "")
    smallest = 0
    if snapshot_id:
        snapshot = region.snapshots.get(snapshot_id)
        if snapshot is None or snapshot.owner_id != account_id:
            raise ApiError("InvalidDataDiskSnapshotId.NotFound")
        if snapshot.status != "accomplished":
            raise ApiError("InvalidSnapshotId.NotReady")
        smallest = snapshot.source_disk_size
    size = _size(spec.get("Size"), smallest)
    low, high = SIZES[category]
    if not low <= size <= high:
        raise ApiError("InvalidDataDiskSize.ValueNotSupported")
    if size < smallest:
        raise ApiError("InvalidDiskSize.TooSmall")
    name, description = str(spec.get("DiskName") or ""), str(spec.get("Description") or "")
    if name and not well_formed_name(name):
        raise ApiError("InvalidDiskName.Malformed")
    check_description(description, "InvalidDiskDescription.Malformed")
    delete = flag(spec.get("DeleteWithInstance", True), "DataDisk.n.DeleteWithInstance")
    return DataDiskPlan(size, category, snapshot_id, name, description, delete)


def flag(raw: Any, name: str) -> bool:
    """A boolean field of an object parameter, as given (``true``/``false``, any case; absent: false)."""
    text = str(raw if raw is not None else False).lower()
    if text not in ("true", "false"):
        raise ApiError("InvalidParameter", name)
    return text == "true"


def _size(raw: Any, smallest: int) -> int:
    """The disk's size: as given, or the snapshot's when only a snapshot is given."""
    if raw in (None, ""):
        if not smallest:
            raise ApiError("InvalidDataDiskSize.ValueNotSupported")
        return smallest
    try:
        return int(str(raw))
    except ValueError:
        raise ApiError("InvalidDataDiskSize.ValueNotSupported") from None


def attach_data_disks(
    call: EcsCall, region: RegionState, instance: Instance, plans: Sequence[DataDiskPlan]
) -> List[Disk]:
    """Make the planned disks and attach them as /dev/xvdb, /dev/xvdc…"""
    now = call.state.entropy.now_iso()
    made = []
    for index, plan in enumerate(plans):
        disk = Disk(
            disk_id=region.new_id("d"),
            region_id=region.region_id,
            zone_id=instance.zone_id,
            owner_id=instance.owner_id,
            size=plan.size,
            creation_time=now,
            disk_type="data",
            category=plan.category,
            instance_id=instance.instance_id,
            device=f"/dev/xvd{chr(ord('b') + index)}",
            source_snapshot_id=plan.snapshot_id,
            attached_time=now,
            name=plan.name,
            description=plan.description,
            delete_with_instance=plan.delete_with_instance,
        )
        region.disks[disk.disk_id] = disk
        made.append(disk)
    return made


def detach_or_delete(region: RegionState, instance_id: str, now: str) -> None:
    """The instance is released: its disks go with it, but data disks asked to stay, which stay unattached."""
    for disk in [d for d in region.disks.values() if d.instance_id == instance_id]:
        if disk.disk_type == "data" and not disk.delete_with_instance:
            disk.instance_id, disk.device, disk.attached_time, disk.status = "", "", "", "Available"
            disk.detached_time = now
        else:
            del region.disks[disk.disk_id]
