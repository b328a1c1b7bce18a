"""DescribeRegions."""

from __future__ import annotations

from ...core.errors import ApiError
from .. import catalog
from ..product import ECS
from ..state import EcsCall

ACCEPT_LANGUAGES = ("zh-CN", "zh-TW", "en-US", "ja", "fr", "de", "ko")
RESOURCE_TYPES = ("instance", "disk", "reservedinstance", "scu")


@ECS.action("DescribeRegions")
def describe_regions(
    call: EcsCall, *, AcceptLanguage: str = "zh-CN", ResourceType: str = "instance", InstanceChargeType: str = ""
) -> dict:
    if AcceptLanguage not in ACCEPT_LANGUAGES:
        raise ApiError("InvalidAcceptLanguage.NotFound")
    if ResourceType not in RESOURCE_TYPES:
        raise ApiError("InvalidResourceType.NotFound")
    name_key = "LocalNameZh" if AcceptLanguage.startswith("zh") else "LocalNameEn"
    regions = [
        {
            "RegionId": region_id,
            "LocalName": facts[name_key],
            "RegionEndpoint": facts["RegionEndpoint"],
            "Status": "available",
        }
        for region_id, facts in catalog.regions().items()
    ]
    return {"Regions": {"Region": regions}}
