"""AssociateResourceShare, DisassociateResourceShare, ListResourceShareAssociations, and the checks
of resources and targets that CreateResourceShare shares."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple

from ...core.errors import ApiError
from ...core.product import Body
from ..models import RESOURCE, TARGET, Association, Invitation, ResourceShare
from ..product import RESOURCE_SHARING
from ..state import INVITATION_DAYS, PERMISSIONS, SharingRegion, SharingState, default_permission
from ..views import association_view
from .common import (
    LISTS,
    MOST_PER_CALL,
    NOT_MODELLED,
    OWNERS,
    SharingCall,
    check_ids,
    check_resource_type,
    check_share_id,
    page,
)

ASSOCIATION_STATUSES = ("Associating", "Associated", "Failed", "Disassociating", "Disassociated")
RESOURCE_FIELDS = ("Resources.ResourceType", "Resources.ResourceId")


MOST_PERMISSIONS = 20  # the documented list's limit


def check_permissions(names: Sequence[str]) -> None:
    if len(names) > MOST_PERMISSIONS:
        raise ApiError("InvalidParameter.PermissionNames.Length")
    if len(set(names)) != len(names):
        raise ApiError("InvalidParameter.PermissionNames.Duplicate")
    if any(name not in PERMISSIONS for name in names):
        raise ApiError("EntityNotExists.Permission")


def resource_pairs(resources: Sequence[Dict[str, Any]]) -> List[Tuple[str, str]]:
    """``(ResourceType, ResourceId)`` of each named resource: at most five, each whole, none twice,
    of a type Resource Sharing knows."""
    if len(resources) > MOST_PER_CALL:
        raise ApiError("InvalidParameter.Resources.Length")
    pairs = [(r.get("ResourceType", ""), r.get("ResourceId", "")) for r in resources]
    if any(not kind or not resource_id for kind, resource_id in pairs):
        raise ApiError("InvalidParameter.Resources")
    if len(set(pairs)) != len(pairs):
        raise ApiError("InvalidParameter.Resources.Duplicate")
    for kind, _ in pairs:
        check_resource_type(kind)
    return pairs


def _resources(call: SharingCall, region: SharingRegion, resources: Sequence[Dict[str, Any]]) -> List[Association]:
    """The resources to add, each one the caller may share, as new records."""
    records = []
    for kind, resource_id in resource_pairs(resources):
        provider = call.state.providers.get(kind)
        if provider is None:
            raise call.product.not_implemented(
                call.request.action, f"Value {kind} of parameter Resources.N.ResourceType"
            )
        if not provider.shareable(region.region_id, resource_id, call.account.account_id):
            raise ApiError("InvalidParameter.Resources")
        records.append(_record(call.state, region, RESOURCE, resource_id, kind))
    return records


def _targets(
    call: SharingCall, region: SharingRegion, share: ResourceShare, targets: Sequence[str]
) -> List[Association]:
    """The targets to add, as new records: the owner's directory, one of its folders or members, or
    (when the share allows it) an account outside the directory, invited."""
    state = call.state
    check_ids(targets, "Targets")
    owner = share.owner_id
    directory = state.directory.directory_of(owner)
    records = []
    for target in targets:
        if target == owner:
            raise ApiError("ShareWithYourself")
        inside = directory is not None and state.directory.target_kind(directory, target) is not None
        if inside:
            if directory.directory_id not in state.enabled_directories:  # type: ignore[union-attr]
                raise ApiError("NotEnableSharingWithResourceDirectory")
        elif not share.allow_external:
            raise ApiError("AccountNotInResourceDirectory" if directory is None else "InvalidTarget")
        elif not (target.isdigit() and state.accounts.exists(target)):
            raise ApiError("InvalidParameter.Targets")
        elif state.accounts.site_of(target) != state.accounts.site_of(owner):
            raise ApiError("InvalidTarget.SiteMismatch")
        record = _record(state, region, TARGET, target, "Account")
        record.external = not inside
        records.append(record)
    return records


def _record(state: SharingState, region: SharingRegion, kind: str, entity_id: str, entity_type: str) -> Association:
    now = state.entropy.now_iso(millis=True)
    return Association("", region.region_id, kind, entity_id, entity_type, now, now)


def associate(
    call: SharingCall,
    region: SharingRegion,
    share: ResourceShare,
    resources: Sequence[Dict[str, Any]],
    targets: Sequence[str],
    permissions: Sequence[str],
    *,
    check_only: bool = False,
) -> List[Association]:
    """Add resources and targets to the share (``check_only``: refuse what cannot be added, change
    nothing). Resources and targets inside the directory are associated through ``Associating``; an
    account outside it stays ``Associating`` until it accepts the invitation it is sent."""
    state = call.state
    new = _resources(call, region, resources) + _targets(call, region, share, targets)
    new = [r for r in new if region.live(share.share_id, r.association_type, r.entity_id) is None]  # kept as is
    shared = state.quotas["shared_resources"]
    if shared is not None:
        owned = sum(
            len(region.associated(s.share_id, RESOURCE)) for s in region.shares.values() if s.owner_id == share.owner_id
        )
        if owned + sum(r.association_type == RESOURCE for r in new) > shared:
            raise ApiError("QuotaExceeded.SharedResource.Count")
    invited = [r for r in new if r.external]
    pending = state.quotas["pending_invitations"]
    if invited and pending is not None:
        waiting = sum(i.status == "Pending" and i.sender_id == share.owner_id for i in region.invitations.values())
        if waiting + len(invited) > pending:
            raise ApiError("QuotaExceeded.PendingInvitations")
    if check_only:
        return []
    kinds = {r.entity_type for r in new if r.association_type == RESOURCE}
    share.permissions = list(dict.fromkeys([*share.permissions, *permissions, *map(default_permission, kinds)]))
    for record in new:
        record.share_id = share.share_id
        region.add(record)
        if record.external:
            _invite(state, region, share, record.entity_id)
        else:
            state.transitions.begin(record, "Associating", "Associated")
    return new


def _invite(state: SharingState, region: SharingRegion, share: ResourceShare, receiver: str) -> None:
    now = state.entropy.now()
    invitation = Invitation(
        state.new_invitation_id(), region.region_id, share.share_id, share.owner_id, receiver,
        state.entropy.now_iso(millis=True), now + INVITATION_DAYS * 86400,
    )  # fmt: skip
    region.invitations[invitation.invitation_id] = invitation


@RESOURCE_SHARING.action(
    "AssociateResourceShare",
    fields=RESOURCE_FIELDS,
    not_implemented=NOT_MODELLED,
    own_checks=LISTS,
)
def associate_resource_share(
    call: SharingCall,
    *,
    ResourceShareId: str,
    Resources: Sequence[Dict[str, Any]] = (),
    Targets: Sequence[str] = (),
    PermissionNames: Sequence[str] = (),
) -> Body:
    state = call.state
    region = state.locate(call.region_id, ResourceShareId)
    share = state.owned_share(region, ResourceShareId, call.account.account_id)
    if not Resources and not Targets:
        raise ApiError("ResourceAndTargetBothEmpty")
    check_permissions(PermissionNames)
    if share.status != "Active":
        raise ApiError("ResourceShareStatusMismatchAction")
    if in_progress(region, share, "Disassociating"):
        raise ApiError("AssociateConflict")
    associate(call, region, share, Resources, Targets, PermissionNames, check_only=True)
    new = associate(call, region, share, Resources, Targets, PermissionNames)
    return {"ResourceShareAssociations": [association_view(r, share) for r in new]}


@RESOURCE_SHARING.action(
    "DisassociateResourceShare", fields=RESOURCE_FIELDS, not_implemented=("ResourceArns",), own_checks=LISTS
)
def disassociate_resource_share(
    call: SharingCall,
    *,
    ResourceShareId: str,
    Resources: Sequence[Dict[str, Any]] = (),
    Targets: Sequence[str] = (),
    ResourceOwner: str = "Self",
) -> Body:
    """``Self``: the owner removes resources or targets; ``OtherAccounts``: an account outside the
    owner's directory leaves a share it joined (a target the directory brought in cannot)."""
    state = call.state
    region = state.locate(call.region_id, ResourceShareId)
    if ResourceOwner not in OWNERS:  # this action documents no code of its own for it
        raise RESOURCE_SHARING.documented_error(call.request.action, "InvalidParameter")
    if not Resources and not Targets:
        raise ApiError("ResourceAndTargetBothEmpty")
    pairs = resource_pairs(Resources)
    check_ids(Targets, "Targets")
    caller = call.account.account_id
    if ResourceOwner == "Self":
        share = state.owned_share(region, ResourceShareId, caller)
    else:
        share = _joined_share(state, region, ResourceShareId, caller)
        if Resources or Targets != [caller]:
            raise ApiError("DisassociateInvalid")
    if share.status != "Active":
        raise ApiError("ResourceShareStatusMismatchAction")
    if in_progress(region, share, "Associating"):
        raise ApiError("DisassociateConflict" if ResourceOwner == "Self" else "ExternalTargetWithdrawConflict")
    records = [region.live(share.share_id, RESOURCE, resource_id) for _, resource_id in pairs]
    if any(r is not None and r.entity_type != kind for r, (kind, _) in zip(records, pairs)):
        raise ApiError("DisassociateInvalid")  # an image named as a snapshot is not in the share
    records += [region.live(share.share_id, TARGET, target) for target in Targets]
    if any(r is None for r in records):
        raise ApiError("DisassociateInvalid")
    ended = [r for r in records if r is not None]
    if ResourceOwner == "OtherAccounts" and not ended[0].external:
        raise ApiError("LeavingFailed.Account")
    inside = [r for r in ended if r.association_type == TARGET and not r.external]
    if inside and state.directory.directory_of(caller) is None:  # its directory's targets, once it left
        raise ApiError("AccountNotInResourceDirectory")
    for record in ended:
        state.end(region, record, "Disassociated")
        for invitation in region.invitations.values():
            if invitation.share_id == share.share_id and invitation.receiver_id == record.entity_id:
                invitation.status = "Cancelled" if invitation.status == "Pending" else invitation.status
    return {"ResourceShareAssociations": [association_view(r, share) for r in ended]}


def in_progress(region: SharingRegion, share: ResourceShare, status: str) -> bool:
    """Whether a resource or target of the share is still ``Associating`` (an invited account that
    has not answered does not count) or ``Disassociating``."""
    return any(
        r.status == status and not (status == "Associating" and r.external) for r in region.history(share.share_id)
    )


def _joined_share(state: SharingState, region: SharingRegion, share_id: str, account_id: str) -> ResourceShare:
    """A share the account is a target of, to leave: by its own id (an invited account), or not at
    all when its directory brought it in (through a folder, say)."""
    check_share_id(share_id)
    share = region.shares.get(share_id)
    if share is None:
        raise ApiError("EntityNotExists.ResourceShare")
    if region.live(share_id, TARGET, account_id) is None:
        raise ApiError("LeavingFailed.Account" if state.reaches(share, account_id) else "EntityNotExists.ResourceShare")
    return share


@RESOURCE_SHARING.action("ListResourceShareAssociations", not_implemented=("ResourceArn",), own_checks=LISTS)
def list_resource_share_associations(
    call: SharingCall,
    *,
    AssociationType: str,
    ResourceId: str = "",
    Target: str = "",
    AssociationStatus: str = "",
    ResourceShareIds: Sequence[str] = (),
    MaxResults: Optional[int] = None,
    NextToken: str = "",
) -> Body:
    """The records of the caller's shares, removed resources and targets too."""
    state = call.state
    if AssociationType not in (RESOURCE, TARGET):
        raise ApiError("InvalidParameter.AssociationType")
    if (ResourceId and AssociationType == TARGET) or (Target and AssociationType == RESOURCE):
        raise ApiError("ConflictedAssociationType")
    if AssociationStatus and AssociationStatus not in ASSOCIATION_STATUSES:
        raise ApiError("InvalidParameter.AssociationStatus")
    check_ids(ResourceShareIds, "ResourceShareIds", "rs-")
    region = state.locate(call.region_id)
    state.transitions.observe()
    caller = call.account.account_id
    wanted: Optional[str] = ResourceId or Target or None
    records = [
        r
        for r in reversed(region.records)
        if region.shares[r.share_id].owner_id == caller
        and r.association_type == AssociationType
        and (wanted is None or r.entity_id == wanted)
        and (not AssociationStatus or r.status == AssociationStatus)
        and (not ResourceShareIds or r.share_id in ResourceShareIds)
    ]
    chosen, token = page(records, NextToken, MaxResults)
    views = [
        {**association_view(r, region.shares[r.share_id]), "External": r.external, "AssociationFailedDetails": []}
        for r in chosen
    ]
    return {"NextToken": token, "ResourceShareAssociations": views}
