"""TagResources, UntagResources and ListTagResources: an account's tags on its ECS resources.

Tags belong to the resource's owner: another account's resource (an image shared with the caller
included) is not found. Limits as the reference states them: 20 tags a resource, keys of at most
128 characters not starting with ``aliyun`` or ``acs:``, values of at most 128
(https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-tagresources).
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Sequence, Tuple

from ...core import tags as tagging
from ...core.errors import ApiError
from ...core.paging import page_of, token_page
from ...core.product import RESOURCE_OWNER, Body
from ...core.tags import tags_from
from ..filters import check_new_tags
from ..models import SYSTEM
from ..product import ECS
from ..state import EcsCall, RegionState

MAX_TAGS_PER_RESOURCE = 20
MAX_RESOURCE_IDS = 50
PAGE = 50  # ListTagResources answers 50 tag-resource pairs a page

Tagged = Any  # a resource with ``owner_id`` and a ``tags`` dict


def _key_pairs(region: RegionState) -> Mapping[str, Tagged]:
    return {key_pair.key_pair_name: key_pair for key_pair in region.key_pairs.values()}


def _custom_images(region: RegionState) -> Mapping[str, Tagged]:
    return {image_id: image for image_id, image in region.images.items() if image.source != SYSTEM}


# The resource types the mock has, and where a region keeps them (a key pair is named by its name).
TAGGABLE: Dict[str, Callable[[RegionState], Mapping[str, Tagged]]] = {
    "instance": lambda region: region.instances,
    "disk": lambda region: region.disks,
    "snapshot": lambda region: region.snapshots,
    "image": _custom_images,
    "securitygroup": lambda region: region.security_groups,
    "keypair": _key_pairs,
    "command": lambda region: region.commands,
    "invocation": lambda region: region.invocations,
}
# Documented resource types the mock does not model.
UNMODELLED = (
    "volume", "eni", "ddh", "ddhcluster", "launchtemplate", "reservedinstance", "snapshotpolicy",
    "elasticityassurance", "capacityreservation",
)  # fmt: skip


def _resources(call: EcsCall, region: RegionState, resource_type: str) -> Mapping[str, Tagged]:
    kind = resource_type.lower()
    if kind in UNMODELLED:
        raise ECS.not_implemented(call.request.action, f"ResourceType={resource_type}")
    if kind not in TAGGABLE:
        raise ApiError("InvalidResourceType.NotFound")
    owner = call.account.account_id
    return {rid: r for rid, r in TAGGABLE[kind](region).items() if r.owner_id == owner}


def _named(call: EcsCall, region: RegionState, resource_type: str, ids: Sequence[str]) -> List[Tagged]:
    resources = _resources(call, region, resource_type)
    return tagging.named(resources, ids, MAX_RESOURCE_IDS, "NumberExceed.ResourceIds", "InvalidResourceId.NotFound")


@ECS.action("TagResources", fields=("Tag.Key", "Tag.Value"), without_effect=RESOURCE_OWNER)
def tag_resources(
    call: EcsCall, *, RegionId: str, ResourceType: str, ResourceId: Sequence[str], Tag: Sequence[Dict[str, Any]]
) -> Body:
    region = call.state.region(RegionId)
    check_new_tags(Tag)
    tags = tags_from(Tag)
    tagging.add_tags(
        _named(call, region, ResourceType, ResourceId), tags, MAX_TAGS_PER_RESOURCE, "OperationDenied.QuotaExceed"
    )
    return {}


@ECS.action("UntagResources", without_effect=RESOURCE_OWNER)
def untag_resources(
    call: EcsCall,
    *,
    RegionId: str,
    ResourceType: str,
    ResourceId: Sequence[str],
    TagKey: Sequence[str] = (),
    All: bool = False,
) -> Body:
    region = call.state.region(RegionId)
    if All and TagKey:
        raise ApiError("Param.Conflict")
    if len(TagKey) > MAX_TAGS_PER_RESOURCE:
        raise ApiError("NumberExceed.Tags")
    tagging.remove_tags(_named(call, region, ResourceType, ResourceId), TagKey, every=All)
    return {}


@ECS.action(
    "ListTagResources",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=("TagFilter.TagKey", "TagFilter.TagValues"),
)
def list_tag_resources(
    call: EcsCall,
    *,
    RegionId: str,
    ResourceType: str,
    ResourceId: Sequence[str] = (),
    Tag: Sequence[Dict[str, Any]] = (),
    NextToken: str = "",
) -> Body:
    region = call.state.region(RegionId)
    if not ResourceId and not Tag:
        raise ApiError("BothEmpty.TagsAndResources")
    if len(Tag) > MAX_TAGS_PER_RESOURCE:
        raise ApiError("NumberExceed.Tags")
    if any(isinstance(t, dict) and not t.get("Key") for t in Tag):
        raise ApiError("InvalidTag.Mismatch")
    wanted = tags_from(Tag)
    if ResourceId:
        if len(ResourceId) > MAX_RESOURCE_IDS:
            raise ApiError("NumberExceed.ResourceIds")
        resources = _resources(call, region, ResourceType)
        chosen: List[Tuple[str, Tagged]] = [
            (rid, resources[rid]) for rid in dict.fromkeys(ResourceId) if rid in resources
        ]
    else:
        chosen = list(_resources(call, region, ResourceType).items())
    page, token = _page(tagging.tag_pairs(chosen, wanted, ResourceType.lower()), NextToken)
    return {"NextToken": token, "TagResources": {"TagResource": page}}


def _page(pairs: List[Dict[str, str]], next_token: str) -> Tuple[List[Dict[str, str]], str]:
    try:
        return token_page(pairs, next_token, PAGE, cap=PAGE)
    except ApiError:
        raise ApiError("Invalid.NextToken") from None


# The older tag actions: one resource at a time, and DescribeTags counting tags by resource type.
# DescribeTags' ResourceTypeCount names each type so.
COUNTED = {
    "instance": "Instance", "image": "Image", "securitygroup": "Securitygroup", "snapshot": "Snapshot",
    "disk": "Disk", "keypair": "KeyPair",
}  # fmt: skip


def _one(call: EcsCall, region: RegionState, resource_type: str, resource_id: str) -> Tagged:
    if resource_type.lower() not in COUNTED and resource_type.lower() not in UNMODELLED:
        raise ApiError("InvalidResourceType.NotFound")  # the older actions know fewer types
    resource = _resources(call, region, resource_type).get(resource_id)
    if resource is None:
        raise ApiError("InvalidResourceId.NotFound")
    return resource


@ECS.action("AddTags", fields=("Tag.Key", "Tag.Value"), without_effect=RESOURCE_OWNER)
def add_tags(
    call: EcsCall, *, RegionId: str, ResourceType: str, ResourceId: str, Tag: Sequence[Dict[str, Any]]
) -> Body:
    region = call.state.region(RegionId)
    check_new_tags(Tag)
    tagging.add_tags(
        [_one(call, region, ResourceType, ResourceId)],
        tags_from(Tag),
        MAX_TAGS_PER_RESOURCE,
        "OperationDenied.QuotaExceed",
    )
    return {}


@ECS.action("RemoveTags", fields=("Tag.Key", "Tag.Value"), without_effect=RESOURCE_OWNER)
def remove_tags(
    call: EcsCall, *, RegionId: str, ResourceType: str, ResourceId: str, Tag: Sequence[Dict[str, Any]] = ()
) -> Body:
    """Each named tag goes (a value, if given, must match); naming none removes every tag."""
    region = call.state.region(RegionId)
    if len(Tag) > MAX_TAGS_PER_RESOURCE:
        raise ApiError("InvalidTagCount")
    resource = _one(call, region, ResourceType, ResourceId)
    named = [t for t in Tag if isinstance(t, dict) and t.get("Key")]
    if not named:
        resource.tags.clear()
    for item in named:
        key, value = item["Key"], item.get("Value")
        if key in resource.tags and (value is None or resource.tags[key] == value):
            del resource.tags[key]
    return {}


@ECS.action(
    "DescribeTags",
    fields=("Tag.Key", "Tag.Value"),
    without_effect={**RESOURCE_OWNER, "Category": "deprecated; every tag of the mock is a custom one"},
)
def describe_tags(
    call: EcsCall,
    *,
    RegionId: str,
    ResourceType: str = "",
    ResourceId: str = "",
    Tag: Sequence[Dict[str, Any]] = (),
    PageNumber: int = 1,
    PageSize: int = 50,
) -> Body:
    region = call.state.region(RegionId)
    if len(Tag) > MAX_TAGS_PER_RESOURCE:
        raise ApiError("InvalidTagCount")
    kinds = [ResourceType.lower()] if ResourceType else list(COUNTED)
    if any(kind not in COUNTED for kind in kinds):
        if any(kind in UNMODELLED for kind in kinds):
            raise ECS.not_implemented("DescribeTags", f"ResourceType={ResourceType}")
        raise ApiError("InvalidResourceType.NotFound")
    wanted = tags_from(Tag)
    counts: Dict[Tuple[str, str], Dict[str, int]] = {}
    for kind in kinds:
        for rid, resource in _resources(call, region, kind).items():
            if ResourceId and rid != ResourceId:
                continue
            for key, value in resource.tags.items():
                if not wanted or any(key == k and (not v or value == v) for k, v in wanted.items()):
                    per_type = counts.setdefault((key, value), {})
                    per_type[COUNTED[kind]] = per_type.get(COUNTED[kind], 0) + 1
    rows = [{"TagKey": k, "TagValue": v, "ResourceTypeCount": per_type} for (k, v), per_type in counts.items()]
    page, fields = page_of(rows, PageNumber, PageSize)
    return {**fields, "Tags": {"Tag": page}}
