"""TagResources, UnTagResources and ListTagResources of VPC: an account's tags on its VPCs, vSwitches
and EIPs (https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-tagresources).
Tags belong to the resource's owner; limits as the reference states them: 20 tags a resource, keys
and values of at most 128 characters, not starting with ``aliyun`` or ``acs:``, without a URL."""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence

from ...core import tags as tagging
from ...core.errors import ApiError
from ...core.paging import token_page
from ...core.product import RESOURCE_OWNER, Body
from ...core.tags import tags_from
from ..product import VPC
from ..state import NetworkRegion, VpcCall

MAX_TAGS = 20  # a resource's, and a request's
MAX_RESOURCE_IDS = 50
_RESERVED = ("aliyun", "acs:")
_URL = ("http://", "https://")

TAGGABLE: Dict[str, Callable[[NetworkRegion], Mapping[str, Any]]] = {
    "VPC": lambda region: region.vpcs,
    "VSWITCH": lambda region: region.vswitches,
    "EIP": lambda region: region.eips,
}
# Documented resource types the mock does not model.
UNMODELLED = (
    "ROUTETABLE", "VPNGATEWAY", "NATGATEWAY", "COMMONBANDWIDTHPACKAGE", "PREFIXLIST", "PUBLICIPADDRESSPOOL",
    "IPV4GATEWAY", "IPV6GATEWAY", "NETWORKACL", "TRAFFICMIRRORFILTER", "TRAFFICMIRRORSESSION", "FLOWLOG", "HAVIP",
    "DHCPOPTIONSSET", "GATEWAYENDPOINT", "IPV6ADDRESS",
)  # fmt: skip


def _resources(call: VpcCall, region: NetworkRegion, resource_type: str) -> Mapping[str, Any]:
    kind = resource_type.upper()
    if kind in UNMODELLED:
        raise VPC.not_implemented(call.request.action, f"ResourceType={resource_type}")
    if kind not in TAGGABLE:
        raise ApiError("InvalidInstanceType.NotFound")
    owner = call.account.account_id
    return {rid: r for rid, r in TAGGABLE[kind](region).items() if r.owner_id == owner}


def _named(call: VpcCall, region: NetworkRegion, resource_type: str, ids: Sequence[str]) -> List[Any]:
    resources = _resources(call, region, resource_type)
    return tagging.named(
        resources, ids, MAX_RESOURCE_IDS, "SizeLimitExceeded.ResourceId", "InvalidInstanceIds.NotFound"
    )


def _checked(pairs: Sequence[Dict[str, Any]]) -> Dict[str, str]:
    if not pairs:
        raise ApiError("MissingParam.Tags")
    if len(pairs) > MAX_TAGS:
        raise ApiError("SizeLimitExceeded.TagNum")
    keys = [str(p.get("Key", "")) for p in pairs]
    if any(not k or len(k) > 128 or k.startswith(_RESERVED) or any(u in k for u in _URL) for k in keys):
        raise ApiError("InvalidTagKey")
    values = [str(p.get("Value", "")) for p in pairs]
    if any(len(v) > 128 or v.startswith(_RESERVED) or any(u in v for u in _URL) for v in values):
        raise ApiError("InvalidTagValue")
    if len(set(keys)) != len(keys):
        raise ApiError("Forbidden.TagKey.Duplicated")
    return tags_from(pairs)


@VPC.action("TagResources", fields=("Tag.Key", "Tag.Value"), without_effect=RESOURCE_OWNER)
def tag_resources(
    call: VpcCall, *, RegionId: str, ResourceType: str, ResourceId: Sequence[str], Tag: Sequence[Dict[str, Any]] = ()
) -> Body:
    region = call.state.region(RegionId)
    tags = _checked(Tag)
    tagging.add_tags(_named(call, region, ResourceType, ResourceId), tags, MAX_TAGS, "QuotaExceeded.TagNum")
    return {}


@VPC.action("UnTagResources", without_effect=RESOURCE_OWNER)
def untag_resources(
    call: VpcCall,
    *,
    RegionId: str,
    ResourceType: str,
    ResourceId: Sequence[str],
    TagKey: Sequence[str] = (),
    All: bool = False,
) -> Body:
    region = call.state.region(RegionId)
    if len(TagKey) > MAX_TAGS:
        raise ApiError("SizeLimitExceeded.TagNum")
    tagging.remove_tags(
        _named(call, region, ResourceType, ResourceId), TagKey, every=All
    )  # All counts only without TagKey.N
    return {}


@VPC.action("ListTagResources", fields=("Tag.Key", "Tag.Value"), without_effect=RESOURCE_OWNER)
def list_tag_resources(
    call: VpcCall,
    *,
    RegionId: str,
    ResourceType: str,
    ResourceId: Sequence[str] = (),
    Tag: Sequence[Dict[str, Any]] = (),
    NextToken: str = "",
    MaxResults: Optional[int] = None,
) -> Body:
    region = call.state.region(RegionId)
    if not ResourceId and not Tag:
        raise ApiError("BothEmpty.TagsAndResources")
    if len(ResourceId) > MAX_RESOURCE_IDS:
        raise ApiError("SizeLimitExceeded.ResourceId")
    wanted = tags_from(Tag)
    resources = _resources(call, region, ResourceType)
    chosen = (
        [(rid, resources[rid]) for rid in dict.fromkeys(ResourceId) if rid in resources]
        if ResourceId
        else list(resources.items())
    )
    pairs = tagging.tag_pairs(chosen, wanted, ResourceType.upper())
    size = MaxResults or 50
    if not 1 <= size <= 50:
        raise ApiError("InvalidParameter", "MaxResults")
    page, token = token_page(pairs, NextToken, size, cap=50, floor=1)
    return {"NextToken": token, "TagResources": {"TagResource": page}}
