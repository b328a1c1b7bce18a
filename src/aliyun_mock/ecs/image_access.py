"""Who may see and use an image — the one place that decides it.

An account sees a region's image when it is Alibaba Cloud's own (``system``), its own (``own``),
shared with it (``shared``: with its account id, or through Resource Sharing with its resource
directory, a folder it is under, or itself) or published as a community image (``community``).
A system disk remembers which of these let its owner build it, because re-initialising it later
depends on that still holding (the seeds' consequences of unsharing and deleting).
``image_index.py`` keeps per-owner, per-sharee and community lists of the same rules so that
DescribeImages stays flat; what an organisation shares is asked of Resource Sharing, read through
the targets that take the viewer in.

Where the documents are silent on an image shared through Resource Sharing, the mock shows it as
an image shared with the account: ``ImageOwnerAlias=others`` for the sharee, ``IsSelfShared`` for
the owner, and DescribeImageSharePermission lists only the accounts it is shared with by id.
"""

from __future__ import annotations

from typing import Iterable, Optional, Protocol, Set

from ..core.errors import ApiError
from .models import SYSTEM, Disk, Image

OWN, SHARED, COMMUNITY, PUBLIC = "own", "shared", "community", "system"
IMAGE = "Image"  # the resource type Resource Sharing shares images as


class Organisation(Protocol):
    """What Resource Sharing answers about the images it shares (``resourcesharing/state.py``)."""

    def grants(self, region_id: str, account_id: str, resource_id: str) -> bool: ...

    def granted(self, region_id: str, account_id: str, resource_type: str) -> Set[str]: ...

    def in_share(self, region_id: str, resource_id: str) -> bool: ...


def access(image: Image, account_id: str, organisation: Organisation) -> Optional[str]:
    """How ``account_id`` may use ``image``: ``OWN``, ``SHARED``, ``COMMUNITY``, ``PUBLIC``, or None."""
    if image.source == SYSTEM:
        return PUBLIC
    if image.owner_id == account_id:
        return OWN
    if account_id in image.shares or organisation.grants(image.region_id, account_id, image.image_id):
        return SHARED
    return COMMUNITY if image.is_public else None


def can_see(image: Image, account_id: str, organisation: Organisation) -> bool:
    return access(image, account_id, organisation) is not None


def newest_of_family(
    images: Iterable[Image], family: str, account_id: str, organisation: Organisation
) -> Optional[Image]:
    """The family's newest image the account may use, available and not deprecated (DescribeImageFromFamily,
    and ``ImageFamily`` on a launch): its own, shared with it, community or Alibaba Cloud's."""
    usable = [
        (image.creation_time, order, image)  # the later made, of two made in the same second
        for order, image in enumerate(images)
        if image.image_family == family and image.status == "Available" and can_see(image, account_id, organisation)
    ]
    return max(usable, key=lambda entry: entry[:2], default=(None, None, None))[2]


def owner_alias(image: Image, viewer_id: str) -> str:
    """How ``viewer_id`` sees the image in DescribeImages' ``ImageOwnerAlias``."""
    if image.source == SYSTEM:
        return "system"
    return "self" if image.owner_id == viewer_id else "others"


def is_self_shared(image: Image, viewer_id: str, organisation: Organisation) -> bool:
    """The owner's view of an image it has shared (``IsSelfShared``), with accounts or in a resource share."""
    return image.owner_id == viewer_id and in_any_share(image, organisation)


def in_any_share(image: Image, organisation: Organisation) -> bool:
    """Whether the image is shared, with accounts or in a resource share (DeleteImage refuses it then)."""
    return bool(image.shares) or organisation.in_share(image.region_id, image.image_id)


def check_still_usable(disk: Disk, image: Optional[Image], organisation: Organisation) -> None:
    """A system disk can be re-initialised only while its image is there and, if it came to the
    disk's owner through sharing, still shared with it (seeds 000/004)."""
    if image is None:
        if disk.image_access in (SHARED, COMMUNITY):
            raise ApiError("SharedImageDeleted")
        raise ApiError("InvalidDiskId.OperationNotSupported")
    if disk.image_access == SHARED and access(image, disk.owner_id, organisation) != SHARED:
        raise ApiError("InvalidDiskId.OperationNotSupported")
