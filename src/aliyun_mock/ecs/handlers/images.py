"""DescribeImages, CreateImage, DeleteImage."""
from __future__ import annotations

import re
from typing import Callable, List, Optional, Sequence

from ...core.app import Call
from ...core.errors import ApiError
from ..models import CUSTOM, SYSTEM, Image, now_iso
from ..paging import page_of
from ..product import ECS
from ..state import RegionState
from ..views import image_view

OWNER_ALIASES = ("", "system", "self", "others", "marketplace")
OS_TYPES = ("windows", "linux")
ARCHITECTURES = ("i386", "x86_64", "arm64")
USAGES = ("instance", "none")
# 2–128 characters, starting with a letter or a Chinese character (api-facts §15).
_IMAGE_NAME = re.compile(r"^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5:_.\-]{1,127}$")


@ECS.action("DescribeImages")
def describe_images(
    call: Call,
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
    PageNumber: int = 1,
    PageSize: int = 10,
    DryRun: bool = False,
) -> dict:
    region = call.cloud.ecs.region(RegionId)
    if ImageOwnerAlias not in OWNER_ALIASES:
        raise ApiError("InvalidImageOwnerAlias.ValueNotSupported")
    if IsPublic and ImageOwnerAlias != "others":
        raise ApiError("InvalidImageOwnerAlias.PublicImageUnsupported")
    if ImageOwnerId is not None and ImageOwnerAlias != "others":
        raise ApiError("InvalidOperation.ImageOwnerIdUnsupported")
    if OSType and OSType.lower() not in OS_TYPES:
        raise ApiError("InvalidOSType")
    if Architecture and Architecture not in ARCHITECTURES:
        raise ApiError("InvalidArchitecture")
    if Usage and Usage not in USAGES:
        raise ApiError("InvalidUsage")
    if DryRun:
        raise ApiError("DryRunOperation")

    viewer = call.account.account_id
    in_use = {i.image_id for i in region.instances.values()}
    checks: List[Callable[[Image], bool]] = [_owner_check(ImageOwnerAlias, IsPublic, viewer)]
    if ImageId:
        wanted = {i.strip() for i in ImageId.split(",")}
        checks.append(lambda image: image.image_id in wanted)
    if ImageName:
        checks.append(lambda image: ImageName in image.name)
    if ImageOwnerId is not None:
        checks.append(lambda image: image.owner_id == str(ImageOwnerId))
    statuses = {s.strip() for s in Status.split(",")}
    if "ALL" not in statuses:
        checks.append(lambda image: image.status in statuses)
    if OSType:
        checks.append(lambda image: image.os_type == OSType.lower())
    if Architecture:
        checks.append(lambda image: image.architecture == Architecture)
    if Usage:
        checks.append(lambda image: (image.image_id in in_use) == (Usage == "instance"))

    # Newest first: custom images before the built-in public ones.
    matches = [image for image in reversed(region.images.values()) if all(check(image) for check in checks)]
    page, fields = page_of(matches, PageNumber, PageSize)
    return {
        "RegionId": RegionId,
        **fields,
        "Images": {"Image": [image_view(image, viewer, image.image_id in in_use) for image in page]},
    }


def _owner_check(alias: str, is_public: Optional[bool], viewer: str) -> Callable[[Image], bool]:
    """Which images an ImageOwnerAlias/IsPublic pair selects for ``viewer``.

    Empty alias: public, own, shared-with-me and community images. ``others``: images shared
    with me, or with ``IsPublic=true`` community images of other accounts.
    """

    def shared_with_viewer(image: Image) -> bool:
        return image.source == CUSTOM and image.owner_id != viewer and viewer in image.shares

    def community(image: Image) -> bool:
        return image.source == CUSTOM and image.owner_id != viewer and image.is_public

    if alias == "system":
        return lambda image: image.source == SYSTEM
    if alias == "self":
        return lambda image: image.source == CUSTOM and image.owner_id == viewer
    if alias == "others":
        return community if is_public else shared_with_viewer
    if alias == "marketplace":
        return lambda image: False  # no Marketplace images in the mock
    if is_public is False:
        return lambda image: image.visible_to(viewer) and not community(image)
    return lambda image: image.visible_to(viewer)


@ECS.action("CreateImage")
def create_image(
    call: Call,
    *,
    RegionId: str,
    InstanceId: str = "",
    SnapshotId: str = "",
    DiskDeviceMapping: Sequence[dict] = (),
    ImageName: str = "",
    Description: str = "",
    ImageFamily: str = "",
    Architecture: str = "",
    Platform: str = "",
    Tag: Sequence[dict] = (),
    DryRun: bool = False,
) -> dict:
    region = call.cloud.ecs.region(RegionId)
    owner = call.account.account_id
    if not (InstanceId or SnapshotId or DiskDeviceMapping):
        raise ApiError("MissingParameter")
    if ImageName:
        _check_image_name(region, owner, ImageName)
    if Description and (not 2 <= len(Description) <= 256 or Description.startswith(("http://", "https://"))):
        raise ApiError("InvalidDescription.Malformed")
    if Architecture and Architecture not in ARCHITECTURES:
        raise ApiError("InvalidArchitecture.Malformed")
    if not InstanceId:  # snapshots are not modelled yet: no snapshot id can exist
        raise ApiError("InvalidSnapshotId.NotFound")
    instance = region.instances.get(InstanceId)
    if instance is None or instance.owner_id != owner:
        raise ApiError("InvalidInstanceId.NotFound")
    if DryRun:
        raise ApiError("DryRunOperation")

    source = region.images.get(instance.image_id)
    image = Image(
        image_id=region.new_id("m"),
        region_id=RegionId,
        owner_id=owner,
        source=CUSTOM,
        name=ImageName,
        creation_time=now_iso(),
        description=Description,
        image_family=ImageFamily,
        os_type=instance.os_type,
        os_name=instance.os_name,
        os_name_en=instance.os_name_en,
        platform=Platform or (source.platform if source else "Others Linux"),
        architecture=Architecture or (source.architecture if source else "x86_64"),
        size=source.size if source else 40,
        tags={t.get("Key", ""): t.get("Value", "") for t in Tag if isinstance(t, dict)},
    )
    region.images[image.image_id] = image
    return {"ImageId": image.image_id}


def _check_image_name(region: RegionState, owner: str, name: str) -> None:
    if not _IMAGE_NAME.match(name) or name.startswith(("http://", "https://")):
        raise ApiError("InvalidImageName.Malformed")
    if any(i.owner_id == owner and i.name == name for i in region.images.values()):
        raise ApiError("InvalidImageName.Duplicated")


@ECS.action("DeleteImage")
def delete_image(call: Call, *, RegionId: str, ImageId: str, Force: bool = False, DryRun: bool = False) -> dict:
    region = call.cloud.ecs.region(RegionId)
    image = region.owned_image(ImageId, call.account.account_id)
    if image.is_public:
        raise ApiError("ImageIsPublic")
    if image.shares:  # Force does not lift this one: unshare first (api-facts §4)
        raise ApiError("ImageUseShared")
    if not Force and any(True for _ in region.instances_using(ImageId)):
        raise ApiError("ImageUsingByInstance")
    if DryRun:
        raise ApiError("DryRunOperation")
    del region.images[ImageId]
    return {}
