"""CreateImage, ModifyImageAttribute, CopyImage and DeleteImage: an image's life around sharing."""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence

from ... import geography
from ...core.errors import ApiError
from ...core.product import RESOURCE_OWNER, Body
from ...core.tags import tags_from
from ..errors import NO_IMAGE_SOURCE
from ..image_access import can_see, in_any_share
from ..models import CUSTOM, SYSTEM, Image
from ..names import MAX_IMAGE_VERSION, check_description, check_image_family, well_formed_name
from ..product import ECS
from ..state import EcsCall, EcsState, RegionState
from .images import ARCHITECTURES
from .snapshots import take_snapshot

BOOT_MODES = ("BIOS", "UEFI", "UEFI-Preferred")


def check_image_name(region: RegionState, owner: str, name: str, *, ignore: Optional[Image] = None) -> None:
    """``InvalidImageName.Malformed`` / ``.Duplicated`` (names are unique per account and region)."""
    if not well_formed_name(name):
        raise ApiError("InvalidImageName.Malformed")
    if any(i is not ignore and i.owner_id == owner and i.name == name for i in region.images.values()):
        raise ApiError("InvalidImageName.Duplicated")


@ECS.action(
    "CreateImage",
    fields=("DiskDeviceMapping.SnapshotId", "DiskDeviceMapping.Size", "Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=(
        "BootMode",
        "ResourceGroupId",
        "DetectionStrategy",
        "DiskDeviceMapping.Device",
        "DiskDeviceMapping.DiskType",
        "Features.ImdsSupport",
        "SecureBootOptions.SecureBootSupport",
    ),  # fmt: skip
)
def create_image(
    call: EcsCall,
    *,
    RegionId: str,
    InstanceId: str = "",
    SnapshotId: str = "",
    DiskDeviceMapping: Sequence[Dict[str, Any]] = (),
    ImageName: str = "",
    Description: str = "",
    ImageFamily: str = "",
    ImageVersion: str = "",
    Architecture: str = "",
    Platform: str = "",
    Tag: Sequence[Dict[str, Any]] = (),
    DryRun: bool = False,
) -> Body:
    """From an instance (its system disk is snapshotted), a system-disk snapshot, or a list of
    snapshots (``DiskDeviceMapping.N``: the system disk first, data disks after)."""
    region = call.state.region(RegionId)
    owner = call.account.account_id
    if not (InstanceId or SnapshotId or DiskDeviceMapping):
        raise ApiError("MissingParameter", message=NO_IMAGE_SOURCE)
    if ImageName:
        check_image_name(region, owner, ImageName)
    check_description(Description)
    check_image_family(ImageFamily)
    if len(ImageVersion) > MAX_IMAGE_VERSION:
        raise ApiError("InvalidImageVersion.Malformed")
    if Architecture and Architecture not in ARCHITECTURES:
        raise ApiError("InvalidArchitecture.Malformed")
    mappings = list(DiskDeviceMapping)
    system_snapshot_id = SnapshotId or (mappings[0].get("SnapshotId", "") if mappings else "")
    data_disk_sizes = [_data_disk_size(region, owner, m) for m in mappings[1:]]
    data_snapshot_ids = [str(m.get("SnapshotId", "")) for m in mappings[1:]]
    if InstanceId:
        instance = region.owned_instance(InstanceId, owner)
        if DryRun:
            raise ApiError("DryRunOperation")
        snapshot = take_snapshot(call, region, instance.system_disk_id or "")
    else:
        snapshot = region.owned_snapshot(system_snapshot_id, owner)
        if snapshot.source_disk_type != "System":
            raise ApiError("OperationDenied")
        if snapshot.status != "accomplished":
            raise ApiError("InvalidSnapshotId.NotReady")
        if DryRun:
            raise ApiError("DryRunOperation")

    image = _new_custom_image(
        call,
        region,
        origin=region.images.get(snapshot.image_id),
        name=ImageName,
        description=Description,
        image_family=ImageFamily,
        image_version=ImageVersion,
        size=snapshot.source_disk_size,
        snapshot_id=snapshot.snapshot_id,
        data_disk_sizes=data_disk_sizes,
        data_disk_snapshot_ids=data_snapshot_ids,
        tags=tags_from(Tag),
        platform=Platform,
        architecture=Architecture,
    )
    call.state.transitions.begin(image, "Creating", "Available")
    return {"ImageId": image.image_id}


def _new_custom_image(
    call: EcsCall, region: RegionState, *, origin: Optional[Image], name: str, **fields: object
) -> Image:
    """A new image of the caller in ``region``: its system comes from ``origin`` (the image the
    source disk was built from, when it still exists); ``fields`` set the rest, an empty value
    leaving what was inherited."""
    inherited = (
        {name: getattr(origin, name) for name in _INHERITED}
        if origin is not None
        else {"os_type": "linux", "platform": "Others Linux", "architecture": "x86_64"}
    )
    image = Image(
        image_id=region.new_id("m"),
        region_id=region.region_id,
        owner_id=call.account.account_id,
        source=CUSTOM,
        name=name,
        creation_time=call.state.entropy.now_iso(),
        **{**inherited, **{k: v for k, v in fields.items() if v is not None and v != ""}},
    )
    region.add_image(image)
    return image


# What a new image takes over from the image its disk came from.
_INHERITED = ("os_type", "os_name", "os_name_en", "platform", "architecture", "product_code")


def _data_disk_size(region: RegionState, owner: str, mapping: Dict[str, Any]) -> int:
    """A data disk of ``DiskDeviceMapping.N``: from its snapshot, or an empty disk of ``Size`` GiB."""
    if mapping.get("SnapshotId"):
        return region.owned_snapshot(mapping["SnapshotId"], owner).source_disk_size
    try:
        return int(mapping.get("Size", ""))
    except ValueError:
        raise ApiError("InvalidSize.ValueNotSupported") from None


@ECS.action(
    "ModifyImageAttribute",
    without_effect=RESOURCE_OWNER,
    not_implemented=("LicenseType", "Features.NvmeSupport", "Features.ImdsSupport"),
)
def modify_image_attribute(
    call: EcsCall,
    *,
    RegionId: str,
    ImageId: str,
    ImageName: str = "",
    Description: str = "",
    Status: str = "",
    ImageFamily: str = "",
    BootMode: str = "",
    DryRun: bool = False,
) -> Body:
    region = call.state.region(RegionId)
    image = region.owned_image(ImageId, call.account.account_id)
    if image.status == "Creating":
        raise ApiError("InvalidStatus.ImageIsCreating")
    if ImageName:
        check_image_name(region, image.owner_id, ImageName, ignore=image)
    check_description(Description)
    check_image_family(ImageFamily, dots=True)
    if Status == "Deprecated":
        if image.status != "Available":
            raise ApiError("ImageStatus.NotAvailable")
        if in_any_share(image, region.organisation):
            raise ApiError("ImageUseShared")
    elif Status == "Available":
        if image.status != "Deprecated":
            raise ApiError("ImageStatus.NotDeprecated")
    elif Status:
        raise ApiError("InvalidParameter", "Status")
    if BootMode:
        if BootMode not in BOOT_MODES:
            raise ApiError("InvalidBootMode.NotSupport")
        if region.image_in_use(ImageId):
            raise ApiError("OperationDeined.ImageUsingByInstance")
    if DryRun:
        raise ApiError("DryRunOperation")

    image.name = ImageName or image.name
    image.description = Description or image.description
    image.status = Status or image.status
    image.image_family = ImageFamily or image.image_family
    image.boot_mode = BootMode or image.boot_mode
    return {}


@ECS.action(
    "CopyImage",
    fields=("Tag.Key", "Tag.Value"),
    without_effect=RESOURCE_OWNER,
    not_implemented=("EncryptAlgorithm", "ResourceGroupId"),
)
def copy_image(
    call: EcsCall,
    *,
    RegionId: str,
    ImageId: str,
    DestinationRegionId: str = "",
    DestinationImageName: str = "",
    DestinationDescription: str = "",
    Encrypted: bool = False,
    KMSKeyId: str = "",
    Tag: Sequence[Dict[str, Any]] = (),
    DryRun: bool = False,
) -> Body:
    ecs = call.state
    if RegionId not in geography.regions():  # the source region, in this action's own words
        raise ApiError("SourceRegion.NotFound")
    region = ecs.region(RegionId)
    caller = call.account.account_id
    source = region.images.get(ImageId)
    if source is None or source.source == SYSTEM or not can_see(source, caller, region.organisation):
        raise ApiError("InvalidImageId.NotFound")
    if source.is_public:  # community images, the owner's own included, cannot be copied
        raise ApiError("OperationDenied.CommunityImage")
    destination_id = DestinationRegionId or RegionId
    if source.owner_id != caller and destination_id != RegionId:
        raise ApiError("OperationDenied.SameRegionOnly")
    if source.status != "Available":
        raise ApiError("IncorrectImageStatus")
    try:
        destination = ecs.region(destination_id)
    except ApiError:
        raise ApiError("DestinationRegion.NotFound") from None
    if any(i.copied_from == source.image_id and i.status == "Creating" for i in destination.images.values()):
        raise ApiError("OperationDenied.ImageCopying")  # copies to other regions may run side by side
    if DestinationImageName:
        check_image_name(destination, caller, DestinationImageName)
    check_description(DestinationDescription)
    _check_copy_key(ecs, Encrypted, KMSKeyId)
    if DryRun:
        raise ApiError("DryRunOperation")

    copy = _new_custom_image(
        call,
        destination,
        origin=source,
        name=DestinationImageName,
        description=DestinationDescription,
        size=source.size,
        image_family=source.image_family,
        boot_mode=source.boot_mode,
        is_copied=True,
        copied_from=source.image_id,
        data_disk_sizes=list(source.data_disk_sizes),
        data_disk_snapshot_ids=list(source.data_disk_snapshot_ids),
        image_version=source.image_version,
        encryption=("cmk" if KMSKeyId else "service-key") if Encrypted else source.encryption,
        kms_key_id=KMSKeyId if Encrypted else source.kms_key_id,
        tags=tags_from(Tag),
    )
    ecs.transitions.begin(copy, "Creating", "Available")  # a copy takes a while: CancelCopyImage can stop it
    return {"ImageId": copy.image_id}


# What a copy's customer master key answers in each of its states (``cloud.ecs.kms_keys``).
_KEY_STATE_CODES = {
    "Disabled": "InvalidParameter.KMSKeyId.CMKNotEnabled",
    "PendingDeletion": "InvalidParameter.KMSKeyId.CMKNotEnabled",
    "Deleted": "InvalidParameter.KMSKeyId.NotFound",
    "Unauthorized": "InvalidParameter.KMSKeyId.KMSUnauthorized",
}


def _check_copy_key(ecs: EcsState, encrypted: bool, key_id: str) -> None:
    if key_id and not encrypted:
        raise ApiError("InvalidEncrypted.NotMatchKmsKeyId")
    code = _KEY_STATE_CODES.get(ecs.kms_key_state(key_id)) if key_id else None
    if code is not None:
        raise ApiError(code)


def copy_in_flight(ecs: EcsState, image_id: str) -> bool:
    """Whether a copy of the image, or the image itself as a copy, is still being made."""
    return any(
        image.status == "Creating" and (image.copied_from == image_id or image.image_id == image_id and image.is_copied)
        for image in ecs.all_images()
    )


@ECS.action("CancelCopyImage", without_effect=RESOURCE_OWNER)
def cancel_copy_image(call: EcsCall, *, RegionId: str, ImageId: str) -> Body:
    """Stop a copy in flight: the copy (in the destination region) goes, as if never made."""
    region = call.state.region(RegionId)
    image = region.owned_image(ImageId, call.account.account_id)
    if not image.copied_from:
        raise ApiError("ImageCreatedNotFromCopy")
    if image.status != "Creating":
        raise ApiError("IncorrectImageStatus")
    call.state.transitions.cancel(image, "UnAvailable")
    region.remove_image(ImageId)
    return {}


@ECS.action("DeleteImage", without_effect=RESOURCE_OWNER)
def delete_image(call: EcsCall, *, RegionId: str, ImageId: str, Force: bool = False, DryRun: bool = False) -> Body:
    region = call.state.region(RegionId)
    image = region.owned_image(ImageId, call.account.account_id)
    if copy_in_flight(call.state, ImageId):  # neither a copy's source nor the copy itself, until it is done
        raise ApiError("OperationDenied.ImageCopying")
    if image.is_public:
        raise ApiError("ImageIsPublic")
    if in_any_share(image, region.organisation):  # Force does not lift this one: unshare first (api-facts §4)
        raise ApiError("ImageUseShared")
    if not Force and region.image_in_use(ImageId):
        raise ApiError("ImageUsingByInstance")
    if DryRun:
        raise ApiError("DryRunOperation")
    region.remove_image(ImageId)
    return {}
