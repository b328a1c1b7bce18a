"""CreateResourceShare, UpdateResourceShare, DeleteResourceShare, ListResourceShares."""

from __future__ import annotations

import re
from typing import Any, Dict, Optional, Sequence

from ...core.errors import ApiError
from ...core.product import Body
from ...core.tags import tags_from, tags_match
from ..models import TARGET, ResourceShare
from ..product import RESOURCE_SHARING
from ..state import SharingRegion
from ..views import share_view
from .associations import RESOURCE_FIELDS, associate, check_permissions, in_progress
from .common import LISTS, NOT_MODELLED, SharingCall, check_ids, check_owner, page

_NAME = re.compile(r"^[\u4e00-\u9fa5A-Za-z0-9._\-]+$")  # 1–50 characters
SHARE_STATUSES = ("Active", "Pending", "Deleting", "Deleted")


def check_name(name: str, required: bool = True) -> None:
    if not name:
        if required:
            raise ApiError("MissingParameter.ResourceShareName")
        return
    if len(name) > 50:
        raise ApiError("InvalidParameter.ResourceShareName.Length")
    if not _NAME.match(name):
        raise ApiError("InvalidParameter.ResourceShareName")


@RESOURCE_SHARING.action(
    "CreateResourceShare",
    fields=RESOURCE_FIELDS + ("Tag.Key", "Tag.Value"),
    not_implemented=NOT_MODELLED + ("ResourceGroupId",),
    own_checks=LISTS,
)
def create_resource_share(
    call: SharingCall,
    *,
    ResourceShareName: str = "",
    Resources: Sequence[Dict[str, Any]] = (),
    Targets: Sequence[str] = (),
    PermissionNames: Sequence[str] = (),
    AllowExternalTargets: bool = False,
    Tag: Sequence[Dict[str, Any]] = (),
) -> Body:
    """A share in the call's region, with the resources and targets it names (both optional)."""
    state = call.state
    region = state.locate(call.region_id)
    check_name(ResourceShareName)
    check_permissions(PermissionNames)
    most = state.quotas["resource_shares"]
    owner = call.account.account_id
    mine = [s for s in region.shares.values() if s.owner_id == owner and s.status != "Deleted"]
    if most is not None and len(mine) >= most:
        raise ApiError("QuotaExceeded.ResourceShare.Count")
    now = state.entropy.now_iso(millis=True)
    share = ResourceShare(
        state.new_share_id(), region.region_id, owner, ResourceShareName, AllowExternalTargets, now, now
    )
    share.tags = tags_from(Tag)
    associate(call, region, share, Resources, Targets, PermissionNames, check_only=True)
    region.shares[share.share_id] = share
    associate(call, region, share, Resources, Targets, PermissionNames)
    return {"ResourceShare": share_view(share)}


def _active(region: SharingRegion, call: SharingCall, share_id: str) -> ResourceShare:
    share = call.state.owned_share(region, share_id, call.account.account_id)
    if share.status != "Active":
        raise ApiError("ResourceShareStatusMismatchAction")
    return share


@RESOURCE_SHARING.action("UpdateResourceShare")
def update_resource_share(
    call: SharingCall, *, ResourceShareId: str, ResourceShareName: str = "", AllowExternalTargets: Optional[bool] = None
) -> Body:
    """A new name, and whether targets outside the directory may be added from now on (not while
    some are in the share)."""
    region = call.state.locate(call.region_id, ResourceShareId)
    share = _active(region, call, ResourceShareId)
    check_name(ResourceShareName)
    if AllowExternalTargets is False and any(r.external for r in region.associated(share.share_id, TARGET)):
        raise ApiError("OperationNotPermitted")  # accounts outside the directory are in it
    share.name = ResourceShareName
    if AllowExternalTargets is not None:
        share.allow_external = AllowExternalTargets
    share.update_time = call.state.entropy.now_iso(millis=True)
    return {"ResourceShare": share_view(share)}


@RESOURCE_SHARING.action("DeleteResourceShare")
def delete_resource_share(call: SharingCall, *, ResourceShareId: str) -> Body:
    """Every resource and target leaves the share, pending invitations are cancelled, and the share
    stays listed as ``Deleted`` (through ``Deleting``)."""
    state = call.state
    region = state.locate(call.region_id, ResourceShareId)
    share = _active(region, call, ResourceShareId)
    if in_progress(region, share, "Associating") or in_progress(region, share, "Disassociating"):
        raise ApiError("DeleteResourceShareConflict")
    for record in region.associated(share.share_id):
        state.end(region, record, "Disassociated")
    for invitation in region.invitations.values():
        if invitation.share_id == share.share_id and invitation.status == "Pending":
            invitation.status = "Cancelled"
    share.update_time = state.entropy.now_iso(millis=True)
    state.transitions.begin(share, "Deleting", "Deleted")
    return {}


@RESOURCE_SHARING.action(
    "ListResourceShares",
    fields=("Tag.Key", "Tag.Value"),
    not_implemented=("ResourceGroupId",),
    own_checks=LISTS,
)
def list_resource_shares(
    call: SharingCall,
    *,
    ResourceOwner: str,
    ResourceShareName: str = "",
    ResourceShareStatus: str = "",
    ResourceShareIds: Sequence[str] = (),
    PermissionName: str = "",
    Tag: Sequence[Dict[str, Any]] = (),
    MaxResults: Optional[int] = None,
    NextToken: str = "",
) -> Body:
    """``Self``: the caller's shares, deleted ones too; ``OtherAccounts``: the shares that reach it."""
    state = call.state
    check_owner(ResourceOwner)
    check_name(ResourceShareName, required=False)
    if ResourceShareStatus and ResourceShareStatus not in SHARE_STATUSES:
        raise ApiError("InvalidParameter.ResourceShareStatus")
    check_ids(ResourceShareIds, "ResourceShareIds", "rs-")
    region = state.locate(call.region_id)
    state.transitions.observe()
    caller = call.account.account_id
    wanted_tags = tags_from(Tag)
    shares = [
        s
        for s in region.shares.values()
        if (s.owner_id == caller if ResourceOwner == "Self" else state.reaches(s, caller))
        and (not ResourceShareName or s.name == ResourceShareName)
        and (not ResourceShareStatus or s.status == ResourceShareStatus)
        and (not ResourceShareIds or s.share_id in ResourceShareIds)
        and (not PermissionName or PermissionName in s.permissions)
        and tags_match(s.tags, wanted_tags)
    ]
    chosen, token = page(shares, NextToken, MaxResults)
    views = [
        {**share_view(s), "ResourceGroupId": "", "Tags": [{"Key": k, "Value": v} for k, v in s.tags.items()]}
        for s in chosen
    ]
    return {"NextToken": token, "ResourceShares": views}
