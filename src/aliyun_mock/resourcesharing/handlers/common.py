"""What several Resource Sharing actions check alike: token paging, id lists, ResourceOwner."""

from __future__ import annotations

from typing import List, Optional, Sequence, Tuple, TypeVar

from ...core.app import Call
from ...core.errors import ApiError
from ...core.paging import token_page, token_start
from ..state import RESOURCE_TYPES, SharingState

SharingCall = Call[SharingState]
T = TypeVar("T")
MOST_PER_CALL = 5  # resources, targets or ids one call names ("exceeds 5")
OWNERS = ("Self", "OtherAccounts")
# Binding leaves these lists' limits to the handlers, which answer them with codes of their own.
LISTS = ("Resources", "Targets", "ResourceShareIds", "ResourceIds", "ResourceShareInvitationIds", "PermissionNames")

# Resources named by ARN, their properties, and targets that are cloud services: not modelled.
NOT_MODELLED = (
    "ResourceArns",
    "ResourceProperties.Property",
    "ResourceProperties.ResourceArn",
    "TargetProperties.TargetId",
    "TargetProperties.Property",
)


def check_paging(next_token: str, max_results: Optional[int]) -> None:
    """MaxResults from 1 to 100, a NextToken of at most 256 characters that the mock issued."""
    if max_results is not None and not 1 <= max_results <= 100:
        raise ApiError("InvalidParameter.MaxResults")
    if len(next_token) > 256:
        raise ApiError("InvalidParameter.NextToken.Length")
    try:
        token_start(next_token)
    except ApiError:
        raise ApiError("InvalidParameter.NextToken") from None


def page(items: Sequence[T], next_token: str, max_results: Optional[int]) -> Tuple[List[T], str]:
    """NextToken/MaxResults paging: 1 to 100 results, 20 by default."""
    check_paging(next_token, max_results)
    return token_page(items, next_token, max_results or 20, cap=100, floor=1)


def check_ids(values: Sequence[str], name: str, prefix: str = "") -> None:
    """At most five, none twice, none empty or without the id's ``prefix``
    (``InvalidParameter.<name>.Length`` / ``.Duplicate`` / ``InvalidParameter.<name>``)."""
    if len(values) > MOST_PER_CALL:
        raise ApiError(f"InvalidParameter.{name}.Length")
    if len(set(values)) != len(values):
        raise ApiError(f"InvalidParameter.{name}.Duplicate")
    if any(not value or not value.startswith(prefix) for value in values):
        raise ApiError(f"InvalidParameter.{name}")


def check_owner(owner: str) -> None:
    if owner not in OWNERS:
        raise ApiError("InvalidParameter.ResourceOwner")


def check_resource_type(resource_type: str) -> None:
    if resource_type and resource_type not in RESOURCE_TYPES:
        raise ApiError("InvalidParameter.ResourceType")


def check_share_id(share_id: str) -> None:
    if not share_id.startswith("rs-"):
        raise ApiError("InvalidParameter.ResourceShareId")
