"""DescribeRegions."""

from __future__ import annotations

from ...core.errors import ApiError
from ...core.product import RESOURCE_OWNER, Body
from .. import catalog
from ..product import ECS
from ..state import EcsCall

ACCEPT_LANGUAGES = ("zh-CN", "zh-TW", "en-US", "ja", "fr", "de", "ko")
RESOURCE_TYPES = ("instance", "disk", "reservedinstance", "scu")
INSTANCE_CHARGE_TYPES = ("PrePaid", "PostPaid")


@ECS.action("DescribeRegions", without_effect=RESOURCE_OWNER)
def describe_regions(
    call: EcsCall, *, AcceptLanguage: str = "zh-CN", ResourceType: str = "instance", InstanceChargeType: str = ""
) -> Body:
    if AcceptLanguage not in ACCEPT_LANGUAGES:
        raise ApiError("InvalidAcceptLanguage.NotFound")
    if ResourceType not in RESOURCE_TYPES:
        raise ApiError("InvalidResourceType.NotFound")
    if InstanceChargeType and InstanceChargeType not in INSTANCE_CHARGE_TYPES:  # every region offers both
        raise ApiError("InvalidInstanceChargeType.NotFound")
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
