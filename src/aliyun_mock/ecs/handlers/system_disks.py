"""What an instance's system disk is built from, and rebuilt from (RunInstances, CreateInstance,
ReplaceSystemDisk, ReInitDisk): a usable image of a matching architecture, a size within limits,
a well-formed password."""

from __future__ import annotations

import re
from typing import Any, Dict, Optional

from ...core.errors import ApiError
from .. import catalog
from ..image_access import access
from ..models import Disk, Image, Instance
from ..state import EcsCall, RegionState

USABLE_IMAGE_STATUSES = ("Available", "Deprecated")  # deprecated images still launch (api-facts §17)
MAX_SYSTEM_DISK_GIB = 2048
MIN_SYSTEM_DISK_GIB = 20
_PASSWORD_CLASSES = (r"[a-z]", r"[A-Z]", r"[0-9]", r"[()`~!@#$%^&*\-_+=|{}\[\]:;'<>,.?/]")


def usable_image(region: RegionState, image_id: str, account_id: str) -> Image:
    image = region.visible_image(image_id, account_id)
    if image.status not in USABLE_IMAGE_STATUSES:
        raise ApiError("OperationDenied.ImageNotValid")
    return image


def check_architecture(image: Image, instance_type_id: str) -> None:
    """An ARM image does not run on an x86 instance type, nor the other way round."""
    instance_type = catalog.instance_types().get(instance_type_id)
    if instance_type is not None and image.architecture != instance_type["Architecture"]:
        raise ApiError("ImageNotSupportInstanceType")


def system_disk_size(image: Image, system_disk: Optional[Dict[str, Any]]) -> int:
    raw = (system_disk or {}).get("Size")
    if raw in (None, ""):
        return max(40, image.size)
    try:
        size = int(raw)
    except (TypeError, ValueError):
        raise ApiError("InvalidSystemDiskSize.ValueNotSupported") from None
    if size > MAX_SYSTEM_DISK_GIB:
        raise ApiError("InvalidSystemDiskSize.MoreThanMaxSize")
    if size < MIN_SYSTEM_DISK_GIB:
        raise ApiError("InvalidSystemDiskSize.LessThanMinSize")
    if size < image.size:
        raise ApiError("InvalidSystemDiskSize.LessThanImageSize")
    return size


def new_system_disk(
    call: EcsCall, region: RegionState, instance: Instance, image: Image, size: int, category: str
) -> Disk:
    disk = Disk(
        disk_id=region.new_id("d"),
        region_id=region.region_id,
        zone_id=instance.zone_id,
        owner_id=instance.owner_id,
        size=size,
        creation_time=call.state.entropy.now_iso(),
        category=category or "cloud_essd",
        instance_id=instance.instance_id,
        image_id=image.image_id,
        image_access=access(image, call.account.account_id, region.organisation) or "",
        source_snapshot_id=image.snapshot_id,
        attached_time=call.state.entropy.now_iso(),
    )
    region.disks[disk.disk_id] = disk
    instance.system_disk_id = disk.disk_id
    return disk


def check_password(password: str) -> None:
    """8–30 characters from at least three of: lower case, upper case, digits, specials."""
    if not password:
        return
    classes = sum(1 for pattern in _PASSWORD_CLASSES if re.search(pattern, password))
    if not 8 <= len(password) <= 30 or classes < 3:
        raise ApiError("InvalidPassword.Malformed")


def checked_key_pair(region: RegionState, account_id: str, name: str, os_type: str) -> Optional[str]:
    """The key pair an instance will log in with (None: leave it as it is). Windows instances ignore
    ``KeyPairName``, as the reference says; on Linux it must be one of the account's key pairs."""
    if not name or os_type == "windows":
        return None
    return region.owned_key_pair(name, account_id).key_pair_name
