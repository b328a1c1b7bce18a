"""Invitations: InviteAccountToResourceDirectory, AcceptHandshake, DeclineHandshake, CancelHandshake,
GetHandshake, ListHandshakesForAccount, ListHandshakesForResourceDirectory."""

from __future__ import annotations

from typing import Any, Dict, List, Sequence

from ...core.entropy import iso_time
from ...core.errors import ApiError
from ...core.paging import page_of
from ...core.product import Body
from ...core.tags import tags_from
from ..models import Handshake
from ..product import RESOURCE_MANAGER
from ..state import DirectoryState
from ..views import handshake_view
from .accounts import TAGS, check_room
from .directory import DirectoryCall

INVITATION_DAYS = 14  # a pending invitation expires after (the API reference's example: 14 days)
MAX_NOTE = 1024


def _is_for(state: DirectoryState, handshake: Handshake, account_id: str) -> bool:
    """Whether the invitation names the account, by id or by logon name."""
    if handshake.target_type == "Account":
        return handshake.target_entity == account_id
    return handshake.target_entity.lower() == state.account_name(account_id).lower()


@RESOURCE_MANAGER.action("InviteAccountToResourceDirectory", fields=TAGS)
def invite_account(
    call: DirectoryCall,
    *,
    TargetEntity: str,
    TargetType: str,
    Note: str = "",
    Tag: Sequence[Dict[str, Any]] = (),
) -> Body:
    state = call.state
    directory = state.managed(call.account.account_id)
    if TargetType not in ("Account", "Email"):
        raise ApiError("InvalidParameter.TargetType")
    if len(Note) > MAX_NOTE:
        raise ApiError("InvalidParameter.Note.Length")
    if TargetType == "Account":
        if not state.accounts.exists(TargetEntity):
            raise ApiError("InvalidParameter.TargetEntity")
        invited = TargetEntity
    else:
        if "@" not in TargetEntity:
            raise ApiError("InvalidParameter.TargetEntity")
        invited = state.account_named(TargetEntity) or ""
    if invited in state.members:
        raise ApiError("NotSupport.AccountInAnotherResourceDirectory")
    state.expire_handshakes()
    pending = [
        h for h in state.handshakes.values() if h.directory_id == directory.directory_id and h.status == "Pending"
    ]
    if any(h.target_entity.lower() == TargetEntity.lower() for h in pending):
        raise ApiError("EntityAlreadyExists.Handshake")
    if len(pending) >= state.quotas["pending_invitations"]:
        raise ApiError("LimitExceeded.InvitationRate")
    check_room(state, directory, coming=len(pending))  # every pending invitation may be accepted
    now = state.entropy.now()
    expires = now + INVITATION_DAYS * 86400
    handshake = Handshake(
        handshake_id=state.new_handshake_id(),
        directory_id=directory.directory_id,
        master_account_id=directory.master_account_id,
        master_account_name=directory.master_account_name,
        target_entity=TargetEntity,
        target_type=TargetType,
        note=Note,
        status="Pending",
        create_time=iso_time(now),
        modify_time=iso_time(now),
        expire_time=iso_time(expires),
        expires=expires,
        tags=tags_from(Tag),
    )
    state.handshakes[handshake.handshake_id] = handshake
    return {"Handshake": handshake_view(handshake)}


def _handshake(call: DirectoryCall, handshake_id: str, *, invitee: bool = False, sender: bool = False) -> Handshake:
    """The invitation, as the account it invites (``invitee``) or its directory's management
    account (``sender``) may see it."""
    state = call.state
    if not handshake_id.startswith("h-"):
        raise ApiError("InvalidParameter.HandshakeId")
    state.expire_handshakes()
    handshake = state.handshakes.get(handshake_id)
    caller = call.account.account_id
    if handshake is None or not (
        (invitee and _is_for(state, handshake, caller)) or (sender and handshake.master_account_id == caller)
    ):
        raise ApiError("EntityNotExists.Handshake")
    return handshake


def _answer(call: DirectoryCall, handshake: Handshake, status: str) -> Body:
    if handshake.status != "Pending":
        raise ApiError("HandshakeStatusMismatch")
    handshake.status = status
    handshake.modify_time = call.state.entropy.now_iso()
    return {"Handshake": handshake_view(handshake)}


@RESOURCE_MANAGER.action("AcceptHandshake")
def accept_handshake(call: DirectoryCall, *, HandshakeId: str) -> Body:
    """The invited account joins the directory's root folder, named as its logon name."""
    state = call.state
    handshake = _handshake(call, HandshakeId, invitee=True)
    directory = state.directories.get(handshake.directory_id)
    if directory is None:
        raise ApiError("SpecifiedResourceDirectoryNotExists")
    caller = call.account.account_id
    if handshake.status == "Pending" and caller in state.members:
        raise ApiError("NotSupport.AccountInAnotherResourceDirectory")
    body = _answer(call, handshake, "Accepted")
    name = state.account_name(caller)
    state.join(directory, caller, directory.root_folder_id, "CloudAccount", "invited", name)
    return body


@RESOURCE_MANAGER.action("DeclineHandshake")
def decline_handshake(call: DirectoryCall, *, HandshakeId: str) -> Body:
    return _answer(call, _handshake(call, HandshakeId, invitee=True), "Declined")


@RESOURCE_MANAGER.action("CancelHandshake")
def cancel_handshake(call: DirectoryCall, *, HandshakeId: str) -> Body:
    return _answer(call, _handshake(call, HandshakeId, sender=True), "Cancelled")


@RESOURCE_MANAGER.action("GetHandshake")
def get_handshake(call: DirectoryCall, *, HandshakeId: str) -> Body:
    handshake = _handshake(call, HandshakeId, invitee=True, sender=True)
    # An accepted invitation can no longer be read; Terraform's provider relies on it.
    if handshake.status == "Accepted":
        raise ApiError("HandshakeStatusMismatch")
    return {"Handshake": {**handshake_view(handshake), "MasterAccountRealName": "", "InvitedAccountRealName": ""}}


def _page(handshakes: List[Handshake], page_number: int, page_size: int) -> Body:
    page, fields = page_of(handshakes, page_number, page_size)
    return {**fields, "Handshakes": {"Handshake": [handshake_view(h) for h in page]}}


@RESOURCE_MANAGER.action("ListHandshakesForAccount")
def list_handshakes_for_account(call: DirectoryCall, *, PageNumber: int = 1, PageSize: int = 10) -> Body:
    """The invitations the caller received."""
    state = call.state
    state.expire_handshakes()
    mine = [h for h in state.handshakes.values() if _is_for(state, h, call.account.account_id)]
    return _page(mine, PageNumber, PageSize)


@RESOURCE_MANAGER.action("ListHandshakesForResourceDirectory")
def list_handshakes_for_resource_directory(call: DirectoryCall, *, PageNumber: int = 1, PageSize: int = 10) -> Body:
    """The invitations the caller's directory sent."""
    state = call.state
    directory = state.managed(call.account.account_id)
    state.expire_handshakes()
    sent = [h for h in state.handshakes.values() if h.directory_id == directory.directory_id]
    return _page(sent, PageNumber, PageSize)
