"""ListSharedResources, ListSharedTargets: what the caller shares, or what is shared with it."""

from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from ...core.product import Body
from ..models import RESOURCE, TARGET, Association, ResourceShare
from ..product import RESOURCE_SHARING
from ..state import SharingRegion
from .common import LISTS, SharingCall, check_ids, check_owner, check_resource_type, page


def _shares(call: SharingCall, region: SharingRegion, owner: str, share_ids: Sequence[str]) -> List[ResourceShare]:
    """``Self``: the caller's active shares; ``OtherAccounts``: the shares that reach the caller."""
    caller = call.account.account_id
    return [
        s
        for s in region.shares.values()
        if (s.owner_id == caller and s.status == "Active" if owner == "Self" else call.state.reaches(s, caller))
        and (not share_ids or s.share_id in share_ids)
    ]


def _associated(region: SharingRegion, share: ResourceShare, kind: str) -> List[Association]:
    return [r for r in region.associated(share.share_id, kind) if r.status == "Associated"]


@RESOURCE_SHARING.action("ListSharedResources", not_implemented=("ResourceArns",), own_checks=LISTS)
def list_shared_resources(
    call: SharingCall,
    *,
    ResourceOwner: str,
    ResourceType: str = "",
    Target: str = "",
    ResourceShareIds: Sequence[str] = (),
    ResourceIds: Sequence[str] = (),
    MaxResults: Optional[int] = None,
    NextToken: str = "",
) -> Body:
    """``Target``: with ``Self`` a target of the shares, with ``OtherAccounts`` their owner."""
    check_owner(ResourceOwner)
    check_resource_type(ResourceType)
    check_ids(ResourceShareIds, "ResourceShareIds", "rs-")
    check_ids(ResourceIds, "ResourceIds")
    state = call.state
    region = state.locate(call.region_id)
    state.transitions.observe()
    mine = ResourceOwner == "Self"
    found: List[Tuple[Association, bool]] = []
    for share in _shares(call, region, ResourceOwner, ResourceShareIds):
        if Target and (region.live(share.share_id, TARGET, Target) is None if mine else Target != share.owner_id):
            continue
        found += [
            (r, mine)
            for r in _associated(region, share, RESOURCE)
            if (not ResourceType or r.entity_type == ResourceType) and (not ResourceIds or r.entity_id in ResourceIds)
        ]
    chosen, token = page(found, NextToken, MaxResults)
    views = [
        {
            "UpdateTime": r.update_time,
            "ResourceType": r.entity_type,
            "CreateTime": r.create_time,
            "ResourceShareId": r.share_id,
            "ResourceId": r.entity_id,
            **({} if mine else {"ResourceStatus": "Available", "ResourceStatusMessage": ""}),
        }
        for r, mine in chosen
    ]
    return {"NextToken": token, "SharedResources": views}


@RESOURCE_SHARING.action("ListSharedTargets", not_implemented=("ResourceArn",), own_checks=LISTS)
def list_shared_targets(
    call: SharingCall,
    *,
    ResourceOwner: str,
    ResourceType: str = "",
    ResourceId: str = "",
    ResourceShareIds: Sequence[str] = (),
    Targets: Sequence[str] = (),
    MaxResults: Optional[int] = None,
    NextToken: str = "",
) -> Body:
    """``Self``: the targets of the caller's shares; ``OtherAccounts``: the shares the caller is a
    target of, each named by its owner's id as the ``TargetId``."""
    check_owner(ResourceOwner)
    check_resource_type(ResourceType)
    check_ids(ResourceShareIds, "ResourceShareIds", "rs-")
    check_ids(Targets, "Targets")
    state = call.state
    region = state.locate(call.region_id)
    state.transitions.observe()
    rows = []
    for share in _shares(call, region, ResourceOwner, ResourceShareIds):
        resources = _associated(region, share, RESOURCE)
        if ResourceType and not any(r.entity_type == ResourceType for r in resources):
            continue
        if ResourceId and not any(r.entity_id == ResourceId for r in resources):
            continue
        if ResourceOwner == "Self":
            rows += [
                {"TargetId": t.entity_id, "UpdateTime": t.update_time, "CreateTime": t.create_time,
                 "ResourceShareId": share.share_id, "External": t.external}
                for t in _associated(region, share, TARGET)
                if not Targets or t.entity_id in Targets
            ]  # fmt: skip
        elif not Targets or share.owner_id in Targets:
            joined = region.live(share.share_id, TARGET, call.account.account_id)  # invited, not through the directory
            rows.append(
                {"TargetId": share.owner_id, "UpdateTime": share.update_time, "CreateTime": share.create_time,
                 "ResourceShareId": share.share_id, "External": joined is not None and joined.external}
            )  # fmt: skip
    chosen, token = page(rows, NextToken, MaxResults)
    return {"NextToken": token, "SharedTargets": chosen}
