"""ListResourceShareInvitations, AcceptResourceShareInvitation, RejectResourceShareInvitation: an
account outside the owner's directory joins a share by accepting (within seven days)."""

from __future__ import annotations

from typing import Optional, Sequence

from ...core.errors import ApiError
from ...core.product import Body
from ..models import TARGET, Invitation
from ..product import RESOURCE_SHARING
from ..views import invitation_view
from .common import LISTS, SharingCall, check_ids, page

ANSWERED = {
    "Accepted": "InvitationStatus.AlreadyAccepted",
    "Rejected": "InvitationStatus.AlreadyRejected",
    "Expired": "InvitationStatus.Expired",
    "Cancelled": "EntityNotExists.ResourceShareInvitation",
}


@RESOURCE_SHARING.action("ListResourceShareInvitations", own_checks=LISTS)
def list_resource_share_invitations(
    call: SharingCall,
    *,
    ResourceShareIds: Sequence[str] = (),
    ResourceShareInvitationIds: Sequence[str] = (),
    MaxResults: Optional[int] = None,
    NextToken: str = "",
) -> Body:
    """The invitations the caller received in the region."""
    check_ids(ResourceShareIds, "ResourceShareIds", "rs-")
    check_ids(ResourceShareInvitationIds, "ResourceShareInvitationIds", "i-")
    state = call.state
    region = state.locate(call.region_id)
    received = [
        i
        for i in region.invitations.values()
        if i.receiver_id == call.account.account_id
        and (not ResourceShareIds or i.share_id in ResourceShareIds)
        and (not ResourceShareInvitationIds or i.invitation_id in ResourceShareInvitationIds)
    ]
    chosen, token = page(received, NextToken, MaxResults)
    views = [{**invitation_view(i, region.shares[i.share_id]), "InvitationFailedDetails": []} for i in chosen]
    return {"NextToken": token, "ResourceShareInvitations": views}


def _answer(call: SharingCall, invitation_id: str, status: str) -> Body:
    state = call.state
    region = state.locate(call.region_id, invitation_id)
    if not invitation_id.startswith("i-"):
        raise ApiError("InvalidParameter.ResourceShareInvitationId")
    invitation: Optional[Invitation] = region.invitations.get(invitation_id)
    if invitation is None or invitation.receiver_id != call.account.account_id:
        raise ApiError("EntityNotExists.ResourceShareInvitation")
    if invitation.status != "Pending":
        raise ApiError(ANSWERED[invitation.status])
    invitation.status = status
    target = region.live(invitation.share_id, TARGET, invitation.receiver_id)
    if target is not None:
        if status == "Accepted":
            target.update_time = state.entropy.now_iso(millis=True)
            state.transitions.begin(target, "Associating", "Associated")
        else:
            state.end(region, target, "Failed")
    share = region.shares[invitation.share_id]
    return {"ResourceShareInvitation": {**invitation_view(invitation, share), "AcceptInvitationFailedDetails": []}}


@RESOURCE_SHARING.action("AcceptResourceShareInvitation")
def accept_resource_share_invitation(call: SharingCall, *, ResourceShareInvitationId: str) -> Body:
    return _answer(call, ResourceShareInvitationId, "Accepted")


@RESOURCE_SHARING.action("RejectResourceShareInvitation")
def reject_resource_share_invitation(call: SharingCall, *, ResourceShareInvitationId: str) -> Body:
    return _answer(call, ResourceShareInvitationId, "Rejected")
