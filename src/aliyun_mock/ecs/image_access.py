"""Who may see and use an image — the one place that decides it.

An account sees a region's image when it is Alibaba Cloud's own (``system``), its own (``own``),
shared with it (``shared``) or published as a community image (``community``). A system disk
remembers which of these let its owner build it, because re-initialising it later depends on that
still holding (the seeds' consequences of unsharing and deleting). A new way of sharing (an
organisation, through Resource Sharing) is one more kind of access here. ``image_index.py`` keeps
per-owner, per-sharee and community lists of the same rules so that DescribeImages stays flat.
"""

from __future__ import annotations

from typing import Iterable, Optional

from ..core.errors import ApiError
from .models import SYSTEM, Disk, Image

OWN, SHARED, COMMUNITY, PUBLIC = "own", "shared", "community", "system"


def access(image: Image, account_id: str) -> Optional[str]:
    """How ``account_id`` may use ``image``: ``OWN``, ``SHARED``, ``COMMUNITY``, ``PUBLIC``, or None."""
    if image.source == SYSTEM:
        return PUBLIC
    if image.owner_id == account_id:
        return OWN
    if account_id in image.shares:
        return SHARED
    return COMMUNITY if image.is_public else None


def can_see(image: Image, account_id: str) -> bool:
    return access(image, account_id) is not None


def newest_of_family(images: Iterable[Image], family: str, account_id: str) -> Optional[Image]:
    """The family's newest image the account may use, available and not deprecated (DescribeImageFromFamily,
    and ``ImageFamily`` on a launch): its own, shared with it, community or Alibaba Cloud's."""
    usable = [
        (image.creation_time, order, image)  # the later made, of two made in the same second
        for order, image in enumerate(images)
        if image.image_family == family and image.status == "Available" and can_see(image, account_id)
    ]
    return max(usable, key=lambda entry: entry[:2], default=(None, None, None))[2]


def owner_alias(image: Image, viewer_id: str) -> str:
    """How ``viewer_id`` sees the image in DescribeImages' ``ImageOwnerAlias``."""
    if image.source == SYSTEM:
        return "system"
    return "self" if image.owner_id == viewer_id else "others"


def is_self_shared(image: Image, viewer_id: str) -> bool:
    """The owner's view of an image it has shared (``IsSelfShared``)."""
    return image.owner_id == viewer_id and bool(image.shares)


def check_still_usable(disk: Disk, image: Optional[Image]) -> None:
    """A system disk can be re-initialised only while its image is there and, if it came to the
    disk's owner through sharing, still shared with it (seeds 000/004)."""
    if image is None:
        if disk.image_access in (SHARED, COMMUNITY):
            raise ApiError("SharedImageDeleted")
        raise ApiError("InvalidDiskId.OperationNotSupported")
    if disk.image_access == SHARED and disk.owner_id not in image.shares:
        raise ApiError("InvalidDiskId.OperationNotSupported")
