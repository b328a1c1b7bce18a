"""DescribeImages: the images a caller may see in a region, as owner, sharee or stranger."""

from __future__ import annotations

import calendar
import time
from typing import Any, Callable, Dict, List, Optional, Sequence

from ...core.errors import ApiError
from ...core.paging import page_of
from ...core.product import RESOURCE_OWNER, Body
from ...core.tags import tags_match
from .. import catalog
from ..filters import MAX_TAG_FILTERS
from ..image_access import IMAGE
from ..models import Image
from ..product import ECS
from ..state import EcsCall
from ..views import image_view

OWNER_ALIASES = ("", "system", "self", "others", "marketplace")
OS_TYPES = ("windows", "linux")
ARCHITECTURES = ("i386", "x86_64", "arm64")
USAGES = ("instance", "none")
ACTION_TYPES = ("CreateEcs", "ChangeOS")
TIME_FILTERS = ("CreationStartTime", "CreationEndTime")
NETWORK_TYPES = ("vpc", "classic")
# Filter keys the API knows; only the creation-time ones narrow the mock's answer.
FILTER_KEYS = TIME_FILTERS + (
    "NetworkType",
    "CpuOnlineUpgrade",
    "CpuOnlineDowngrade",
    "MemoryOnlineUpgrade",
    "MemoryOnlineDowngrade",
)

ImageCheck = Callable[[Image], bool]


@ECS.action(
    "DescribeImages",
    malformed_code="InvalidParamter",  # sic: the documented code
    shaped=True,
    fields=("Tag.Key", "Tag.Value", "Filter.Key", "Filter.Value"),
    without_effect={**RESOURCE_OWNER, "ShowExpired": "no Marketplace subscriptions here, so no expired images"},
    not_implemented=("ResourceGroupId", "Usable"),
)
def describe_images(
    call: EcsCall,
    *,
    RegionId: str,
    ImageId: str = "",
    ImageName: str = "",
    ImageOwnerAlias: str = "",
    ImageOwnerId: Optional[int] = None,
    IsPublic: Optional[bool] = None,
    Status: str = "Available",
    OSType: str = "",
    Architecture: str = "",
    Usage: str = "",
    InstanceType: str = "",
    ActionType: str = "CreateEcs",
    ImageFamily: str = "",
    SnapshotId: str = "",
    IsSupportIoOptimized: Optional[bool] = None,
    IsSupportCloudinit: Optional[bool] = None,
    Tag: Sequence[Dict[str, Any]] = (),
    Filter: Sequence[Dict[str, Any]] = (),
    PageNumber: int = 1,
    PageSize: int = 10,
    DryRun: bool = False,
) -> Body:
    region = call.state.region(RegionId)
    if ImageOwnerAlias not in OWNER_ALIASES:
        raise ApiError("InvalidImageOwnerAlias.ValueNotSupported")
    if IsPublic and ImageOwnerAlias != "others":
        raise ApiError("InvalidImageOwnerAlias.PublicImageUnsupported")
    if IsPublic and not call.account.public_image_access:
        raise ApiError("CurrentAccount.NotSupportPublicImage")
    if ImageOwnerId is not None and ImageOwnerAlias != "others":
        raise ApiError("InvalidOperation.ImageOwnerIdUnsupported")
    if OSType and OSType.lower() not in OS_TYPES:
        raise ApiError("InvalidOSType")
    if Architecture and Architecture not in ARCHITECTURES:
        raise ApiError("InvalidArchitecture")
    if Usage and Usage not in USAGES:
        raise ApiError("InvalidUsage")
    if ActionType not in ACTION_TYPES:
        raise ApiError("InvalidParamter")
    instance_type = catalog.instance_types().get(InstanceType) if InstanceType else None
    if InstanceType and instance_type is None:
        raise ApiError("InvalidInstanceType.ValueNotSupported", InstanceType)

    call.state.transitions.observe()
    viewer = call.account.account_id
    checks: List[ImageCheck] = _tag_checks(Tag, viewer) + _filter_checks(Filter)
    if DryRun:
        raise ApiError("DryRunOperation")
    if ImageId:
        wanted = {i.strip() for i in ImageId.split(",")}
        checks.append(lambda image: image.image_id in wanted)
    if ImageName:
        checks.append(lambda image: ImageName in image.name)
    if ImageFamily:
        checks.append(lambda image: image.image_family == ImageFamily)
    if SnapshotId:
        checks.append(lambda image: image.snapshot_id == SnapshotId)
    if IsSupportIoOptimized is False or IsSupportCloudinit is False:  # every image here supports both
        checks.append(lambda image: False)
    if ImageOwnerId is not None:
        checks.append(lambda image: image.owner_id == str(ImageOwnerId))
    statuses = {s.strip() for s in Status.split(",")}
    if "ALL" not in statuses:
        checks.append(lambda image: image.status in statuses)
    if OSType:
        checks.append(lambda image: image.os_type == OSType.lower())
    if Architecture:
        checks.append(lambda image: image.architecture == Architecture)
    if instance_type is not None:
        checks.append(lambda image: image.architecture == instance_type["Architecture"])
    if Usage:
        checks.append(lambda image: region.image_in_use(image.image_id) == (Usage == "instance"))

    # Shared in an organisation: a few ids, asked for only where shared images can be listed.
    granted = region.organisation.granted(RegionId, viewer, IMAGE) if ImageOwnerAlias in ("", "others") else ()
    candidates = region.image_index.candidates(ImageOwnerAlias, IsPublic, viewer, granted)  # newest first
    matches = [image for image in candidates if all(check(image) for check in checks)]
    page, fields = page_of(matches, PageNumber, PageSize)
    return {
        "RegionId": RegionId,
        **fields,
        "Images": {
            "Image": [
                image_view(image, viewer, region.image_in_use(image.image_id), region.organisation) for image in page
            ]
        },
    }


def _tag_checks(tags: Sequence[Dict[str, Any]], viewer: str) -> List[ImageCheck]:
    if len(tags) > MAX_TAG_FILTERS:
        raise ApiError("InvalidTagCount")
    checks: List[ImageCheck] = []
    for tag in tags:
        key, value = tag.get("Key", ""), tag.get("Value", "")
        if not key:
            raise ApiError("InvalidTag.Mismatch")
        checks.append(_tagged(key, value, viewer))
    return checks


def _tagged(key: str, value: str, viewer: str) -> ImageCheck:
    """Tags are their owner's: another account's image carries none for the viewer."""
    wanted = {key: value}
    return lambda image: image.owner_id == viewer and tags_match(image.tags, wanted)


def _filter_checks(filters: Sequence[Dict[str, Any]]) -> List[ImageCheck]:
    checks: List[ImageCheck] = []
    for entry in filters:
        key, value = entry.get("Key", ""), entry.get("Value", "")
        if key not in FILTER_KEYS:
            raise ApiError("InvalidFilterKey.NotFound")
        if key == "NetworkType" and value not in NETWORK_TYPES:
            raise ApiError("InvalidFilterValue.NetworkType")
        if key not in TIME_FILTERS:  # network types and online resizing: not modelled
            raise ECS.not_implemented("DescribeImages", f"Filter.N.Key={key}")
        if key in TIME_FILTERS:
            bound = _filter_time(value)
            checks.append(_created_since(bound) if key == "CreationStartTime" else _created_until(bound))
    return checks


def _created_since(bound: float) -> ImageCheck:
    return lambda image: _epoch(image.creation_time) >= bound


def _created_until(bound: float) -> ImageCheck:
    return lambda image: _epoch(image.creation_time) <= bound


def _filter_time(value: str) -> float:
    """``yyyy-MM-ddTHH:mmZ`` (the documented form; seconds are accepted too) → epoch seconds."""
    for form in ("%Y-%m-%dT%H:%MZ", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return _epoch(value, form)
        except ValueError:
            continue
    raise ApiError("InvalidFilterValue")


def _epoch(text: str, form: str = "%Y-%m-%dT%H:%M:%SZ") -> float:
    return calendar.timegm(time.strptime(text, form))
