"""Resource Sharing state as plain JSON (part of ``cloud.state()``)."""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, List, Optional

from ..core.loading import StateError, at, build, convert, regional_rows, rows, unique
from .models import LIVE, Association, Invitation, ResourceShare
from .state import PERMISSIONS, SharingRegion, SharingState


def dump_sharing(state: SharingState) -> Dict[str, Any]:
    regions = list(state.regions())
    return {
        "resource_sharing_enabled_directories": sorted(state.enabled_directories),
        "resource_sharing_quotas": dict(state.quotas),
        "resource_shares": [dataclasses.asdict(s) for r in regions for s in r.shares.values()],
        "resource_share_associations": [dataclasses.asdict(a) for r in regions for a in r.records],
        "resource_share_invitations": [dataclasses.asdict(i) for r in regions for i in r.invitations.values()],
    }


def load_sharing(state: SharingState, data: Dict[str, Any]) -> None:
    """Fill a fresh ``SharingState`` from ``dump_sharing`` output, refusing what it cannot read
    (``core/loading.py``) and records or invitations of a share the state does not have."""
    enabled = convert(
        data.get("resource_sharing_enabled_directories", []), List[str], "resource_sharing_enabled_directories"
    )
    quotas = convert(data.get("resource_sharing_quotas", {}), Dict[str, Optional[int]], "resource_sharing_quotas")
    state.enabled_directories = set(enabled)
    state.quotas.update(quotas)
    seen: Dict[Any, str] = {}
    for path, share, region in regional_rows(
        data, "resource_shares", ResourceShare, lambda s: s.share_id, seen, state.region
    ):
        unknown = [p for p in share.permissions if p not in PERMISSIONS]
        if unknown:
            raise StateError(f"{path}.permissions: {unknown[0]} is not a permission of Resource Sharing")
        region.shares[share.share_id] = share
    for path, row in rows(data, "resource_share_associations"):
        record = build(Association, row, path)
        region = _holding(state, record.region_id, record.share_id, path)
        region.add(record)
        if record.status not in LIVE:
            region.drop(record)
    for path, row in rows(data, "resource_share_invitations"):
        invitation = build(Invitation, row, path)
        unique(seen, invitation.invitation_id, path)
        _holding(state, invitation.region_id, invitation.share_id, path).invitations[invitation.invitation_id] = (
            invitation
        )


def _holding(state: SharingState, region_id: str, share_id: str, path: str) -> SharingRegion:
    with at(f"{path}.region_id"):
        region = state.region(region_id)
    if share_id not in region.shares:
        raise StateError(f"{path}.share_id: {share_id} is not among the resource_shares of {region_id}")
    return region
