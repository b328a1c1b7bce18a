"""ListPermissions, ListResourceSharePermissions: the default permission of each resource type."""

from __future__ import annotations

from typing import Optional

from ...core.errors import ApiError
from ...core.product import Body
from ..product import RESOURCE_SHARING
from ..state import PERMISSIONS, RESOURCE_TYPES
from ..views import permission_view
from .common import SharingCall, check_owner, check_paging, check_resource_type, check_share_id, page

# When the default permissions were made, as their documentation shows it (2020-12-07T07:39:01.818Z).
PERMISSIONS_CREATED = 1607326741.818


@RESOURCE_SHARING.action("ListPermissions")
def list_permissions(
    call: SharingCall, *, ResourceType: str = "", MaxResults: Optional[int] = None, NextToken: str = ""
) -> Body:
    check_resource_type(ResourceType)
    kinds = [t for t in RESOURCE_TYPES if not ResourceType or t == ResourceType]
    chosen, token = page(kinds, NextToken, MaxResults)
    return {"NextToken": token, "Permissions": [permission_view(t, PERMISSIONS_CREATED) for t in chosen]}


@RESOURCE_SHARING.action("ListResourceSharePermissions")
def list_resource_share_permissions(
    call: SharingCall,
    *,
    ResourceShareId: str,
    ResourceOwner: str,
    MaxResults: Optional[int] = None,
    NextToken: str = "",
) -> Body:
    """The permissions of one share: the caller's (``Self``) or one that reaches it (``OtherAccounts``)."""
    check_owner(ResourceOwner)
    check_paging(NextToken, MaxResults)
    state = call.state
    region = state.locate(call.region_id, ResourceShareId)
    caller = call.account.account_id
    if ResourceOwner == "Self":
        share = state.owned_share(region, ResourceShareId, caller)
    else:
        check_share_id(ResourceShareId)
        share = region.shares.get(ResourceShareId)  # type: ignore[assignment]
        if share is None or not state.reaches(share, caller):
            raise ApiError("EntityNotExists.ResourceShare")
    chosen, token = page(share.permissions, NextToken, MaxResults)
    return {"NextToken": token, "Permissions": [permission_view(PERMISSIONS[n], PERMISSIONS_CREATED) for n in chosen]}
