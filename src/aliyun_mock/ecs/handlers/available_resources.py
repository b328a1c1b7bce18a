"""DescribeAvailableResource: what can be made in each zone of a region. Every zone of the mock
offers the same (``zones_and_types.py``): its instance types, I/O optimized, the VPC network, and
the disk categories with their sizes."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from ...core.errors import ApiError
from ...core.product import RESOURCE_OWNER, Body
from .. import catalog
from ..product import ECS
from ..state import EcsCall
from .data_disks import OFFERED_CATEGORIES
from .system_disks import MAX_SYSTEM_DISK_GIB, MIN_SYSTEM_DISK_GIB

DESTINATIONS = ("Zone", "IoOptimized", "InstanceType", "SystemDisk", "DataDisk", "Network", "ddh")
RESOURCE_TYPES = ("instance", "disk", "reservedinstance", "ddh")
DATA_DISK_GIB = (20, 32768)
AVAILABLE = {"Status": "Available", "StatusCategory": "WithStock"}


def _offered(
    destination: str, instance_type: str, cores: Optional[int], memory: Optional[float]
) -> List[Dict[str, Any]]:
    """The supported resources of one zone for ``destination``."""
    if destination == "Zone":
        return [{}]  # the zone itself: its id is filled in by the caller
    if destination == "IoOptimized":
        return [{"Value": "optimized"}]
    if destination == "Network":
        return [{"Value": "vpc"}]
    if destination == "SystemDisk":
        return [
            {"Value": c, "Min": MIN_SYSTEM_DISK_GIB, "Max": MAX_SYSTEM_DISK_GIB, "Unit": "GiB"}
            for c in OFFERED_CATEGORIES
        ]
    if destination == "DataDisk":
        low, high = DATA_DISK_GIB
        return [{"Value": c, "Min": low, "Max": high, "Unit": "GiB"} for c in OFFERED_CATEGORIES]
    types = catalog.instance_types()
    return [
        {"Value": type_id}
        for type_id, facts in sorted(types.items())
        if (not instance_type or type_id == instance_type)
        and (cores is None or facts["CpuCoreCount"] == cores)
        and (memory is None or facts["MemorySize"] == memory * 1024)
    ]


def _gib(text: str) -> Optional[float]:
    """``Memory`` in GiB (a number, such as 0.5 or 8), or None when not given."""
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ApiError("InvalidParameter", "Memory") from None


@ECS.action(
    "DescribeAvailableResource",
    without_effect=RESOURCE_OWNER,
    not_implemented=("SpotDuration", "DedicatedHostId", "Scope"),
)
def describe_available_resource(
    call: EcsCall,
    *,
    RegionId: str,
    DestinationResource: str,
    ZoneId: str = "",
    InstanceChargeType: str = "PostPaid",
    SpotStrategy: str = "NoSpot",
    ResourceType: str = "instance",
    IoOptimized: str = "optimized",
    InstanceType: str = "",
    SystemDiskCategory: str = "",
    DataDiskCategory: str = "",
    NetworkCategory: str = "",
    Cores: Optional[int] = None,
    Memory: str = "",
) -> Body:
    region = call.state.region(RegionId)
    memory = _gib(Memory)
    if DestinationResource not in DESTINATIONS:
        raise ApiError("Invalid.DestinationResource")
    if ResourceType not in RESOURCE_TYPES:
        raise ApiError("Invalid.ResourceType")
    if InstanceChargeType not in ("PostPaid", "PrePaid"):
        raise ApiError("Invalid.InstanceChargeType")
    if IoOptimized not in ("optimized", "none"):
        raise ApiError("Invalid.IoOptimized")
    if NetworkCategory and NetworkCategory not in ("vpc", "classic"):
        raise ApiError("Invalid.NetworkCategory")
    if DestinationResource != "InstanceType" and (Cores is not None or memory is not None):
        raise ApiError("InvalidParam.Cores" if Cores is not None else "InvalidParam.Memory")
    if InstanceType and (Cores is not None or memory is not None):
        raise ApiError("InvalidParam.TypeAndCpuMem.Conflict")
    for what, value, modelled in (
        ("InstanceChargeType", InstanceChargeType, "PostPaid"),  # subscriptions are not modelled
        ("SpotStrategy", SpotStrategy, "NoSpot"),
        ("ResourceType", ResourceType if ResourceType in ("reservedinstance", "ddh") else "instance", "instance"),
        ("DestinationResource", "ddh" if DestinationResource == "ddh" else "", ""),
    ):
        if value != modelled:
            raise ECS.not_implemented("DescribeAvailableResource", f"{what}={value}")
    # nothing is offered without I/O optimization or in the classic network, nor of unknown disk categories
    nothing = (
        IoOptimized == "none"
        or NetworkCategory == "classic"
        or (SystemDiskCategory and SystemDiskCategory not in OFFERED_CATEGORIES)
        or (DataDiskCategory and DataDiskCategory not in OFFERED_CATEGORIES)
    )
    zones = []
    for zone_id in region.zones:
        if (ZoneId and zone_id != ZoneId) or nothing:
            continue
        offered = _offered(DestinationResource, InstanceType, Cores, memory)
        if DestinationResource == "DataDisk" and DataDiskCategory:
            offered = [o for o in offered if o["Value"] == DataDiskCategory]
        if DestinationResource == "SystemDisk" and SystemDiskCategory:
            offered = [o for o in offered if o["Value"] == SystemDiskCategory]
        if not offered:
            continue
        supported = [
            {**AVAILABLE, **o, **({"Value": zone_id} if DestinationResource == "Zone" else {})} for o in offered
        ]
        zones.append({
            "ZoneId": zone_id,
            **AVAILABLE,
            "RegionId": RegionId,
            "AvailableResources": {
                "AvailableResource": [{"Type": DestinationResource, "SupportedResources": {"SupportedResource": supported}}]
            },
        })  # fmt: skip
    return {"AvailableZones": {"AvailableZone": zones}}
