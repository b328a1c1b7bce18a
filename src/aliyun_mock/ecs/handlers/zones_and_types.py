"""DescribeZones and DescribeImageSupportInstanceTypes: where, and on what, an image can run."""

from __future__ import annotations

import functools
from typing import Any, Dict

from ... import geography
from ...core.errors import ApiError
from ...core.product import RESOURCE_OWNER, Body
from .. import catalog
from ..product import ECS
from ..state import EcsCall
from ..vocabulary import ACCEPT_LANGUAGES, INSTANCE_CHARGE_TYPES, SPOT_STRATEGIES
from .data_disks import OFFERED_CATEGORIES
from .images import ACTION_TYPES

RESOURCE_TYPES = ["VSwitch", "IoOptimized", "Instance", "Disk"]


@ECS.action("DescribeZones", without_effect=RESOURCE_OWNER, shaped=True)  # brief zones stay brief
def describe_zones(
    call: EcsCall,
    *,
    RegionId: str,
    AcceptLanguage: str = "zh-CN",
    InstanceChargeType: str = "PostPaid",
    SpotStrategy: str = "NoSpot",
    Verbose: bool = True,
) -> Body:
    region = call.state.region(RegionId)
    if AcceptLanguage not in ACCEPT_LANGUAGES:
        raise ApiError("InvalidAcceptLanguage.NotFound")
    if InstanceChargeType not in INSTANCE_CHARGE_TYPES:
        raise ApiError("InvalidInstanceChargeType.NotFound")
    if SpotStrategy not in SPOT_STRATEGIES:
        raise ApiError("InvalidSpotStrategy")
    facts = geography.regions()[RegionId]
    english = not AcceptLanguage.startswith("zh")
    zones = []
    for zone_id in region.zones:
        letter = zone_id.rsplit("-", 1)[1].upper()
        city = facts["LocalNameEn"].split("(")[-1].rstrip(")")  # "China (Hangzhou)" → "Hangzhou"
        name = f"{city} Zone {letter}" if english else f"{facts['LocalNameZh']} 可用区 {letter}"
        zone: Dict[str, Any] = {"ZoneId": zone_id, "ZoneType": "AvailabilityZone", "LocalName": name}
        if Verbose:
            zone = ECS.shape("DescribeZones", "Zones.Zone[]").build({**zone, **_what_every_zone_offers()})
        zones.append(zone)
    return {"Zones": {"Zone": zones}}


@functools.lru_cache(maxsize=None)
def _what_every_zone_offers() -> Dict[str, Any]:
    """A verbose zone's resources: the same in every zone here, so built once (and only rendered)."""
    types = sorted(catalog.instance_types())
    resources = {
        "IoOptimized": True,
        "SystemDiskCategories": {"supportedSystemDiskCategory": list(OFFERED_CATEGORIES)},
        "DataDiskCategories": {"supportedDataDiskCategory": list(OFFERED_CATEGORIES)},
        "InstanceTypes": {"supportedInstanceType": types},
        "InstanceTypeFamilies": {"supportedInstanceTypeFamily": sorted({t.rsplit(".", 1)[0] for t in types})},
        "NetworkTypes": {"supportedNetworkCategory": ["vpc"]},
    }
    offered = {
        "AvailableResources": {"ResourcesInfo": [resources]},
        "AvailableResourceCreation": {"ResourceTypes": list(RESOURCE_TYPES)},
        "AvailableInstanceTypes": {"InstanceTypes": types},
        "AvailableDiskCategories": {"DiskCategories": list(OFFERED_CATEGORIES)},
    }
    filled: Dict[str, Any] = ECS.shape("DescribeZones", "Zones.Zone[]").fill(offered)
    return {key: filled[key] for key in offered}


@ECS.action(
    "DescribeImageSupportInstanceTypes",
    without_effect={k: v for k, v in RESOURCE_OWNER.items() if k != "OwnerAccount"},  # it documents no OwnerAccount
    not_implemented=("Filter.Key", "Filter.Value"),
)
def describe_image_support_instance_types(
    call: EcsCall, *, RegionId: str, ImageId: str = "", ActionType: str = "CreateEcs"
) -> Body:
    region = call.state.region(RegionId)
    if ActionType not in ACTION_TYPES:
        raise ApiError("InvalidParamter")
    architecture = region.visible_image(ImageId, call.account.account_id).architecture if ImageId else None
    types = [
        {
            "InstanceTypeId": row["InstanceTypeId"],
            "InstanceTypeFamily": row["InstanceTypeFamily"],
            "CpuCoreCount": row["CpuCoreCount"],
            "MemorySize": float(row["MemorySize"]) / 1024,  # GiB, a float in the API
        }
        for row in catalog.instance_types().values()
        if architecture is None or row["Architecture"] == architecture
    ]
    return {"RegionId": RegionId, "ImageId": ImageId, "InstanceTypes": {"InstanceType": types}}
