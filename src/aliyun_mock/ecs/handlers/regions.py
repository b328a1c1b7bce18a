"""DescribeRegions."""

from __future__ import annotations

import functools
from typing import Dict, List

from ... import geography
from ...core.errors import ApiError
from ...core.product import RESOURCE_OWNER, Body
from ..product import ECS
from ..state import EcsCall
from ..vocabulary import ACCEPT_LANGUAGES, INSTANCE_CHARGE_TYPES

RESOURCE_TYPES = ("instance", "disk", "reservedinstance", "scu")


@ECS.action("DescribeRegions", without_effect=RESOURCE_OWNER, shaped=True)
def describe_regions(
    call: EcsCall, *, AcceptLanguage: str = "zh-CN", ResourceType: str = "instance", InstanceChargeType: str = ""
) -> Body:
    if AcceptLanguage not in ACCEPT_LANGUAGES:
        raise ApiError("InvalidAcceptLanguage.NotFound")
    if ResourceType not in RESOURCE_TYPES:
        raise ApiError("InvalidResourceType.NotFound")
    if InstanceChargeType and InstanceChargeType not in INSTANCE_CHARGE_TYPES:  # every region offers both
        raise ApiError("InvalidInstanceChargeType.NotFound")
    return {"Regions": {"Region": _regions(AcceptLanguage.startswith("zh"))}}


@functools.lru_cache(maxsize=None)
def _regions(chinese: bool) -> List[Dict[str, str]]:
    """Every region, as the cloud lists them (its real bodies carry no ``Status``); built once: the
    list is only ever rendered."""
    name_key = "LocalNameZh" if chinese else "LocalNameEn"
    return [
        {"RegionId": region_id, "RegionEndpoint": facts["RegionEndpoint"], "LocalName": facts[name_key]}
        for region_id, facts in geography.regions().items()
    ]
