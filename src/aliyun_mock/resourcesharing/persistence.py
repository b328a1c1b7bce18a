"""Resource Sharing state as plain JSON (part of ``cloud.state()``)."""

from __future__ import annotations

import dataclasses
from typing import Any, Dict

from .models import LIVE, Association, Invitation, ResourceShare
from .state import SharingRegion, SharingState


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
    """Fill a fresh ``SharingState`` from ``dump_sharing`` output; a record or invitation of a share
    the state does not have is refused (``ValueError`` naming it)."""
    state.enabled_directories = set(data.get("resource_sharing_enabled_directories", []))
    state.quotas.update(data.get("resource_sharing_quotas", {}))
    for row in data.get("resource_shares", []):
        share = ResourceShare(**row)
        state.region(share.region_id).shares[share.share_id] = share
    for number, row in enumerate(data.get("resource_share_associations", [])):
        record = Association(**row)
        region = _holding(state, record.region_id, record.share_id, f"resource_share_associations[{number}]")
        region.add(record)
        if record.status not in LIVE:
            region.drop(record)
    for number, row in enumerate(data.get("resource_share_invitations", [])):
        invitation = Invitation(**row)
        region = _holding(state, invitation.region_id, invitation.share_id, f"resource_share_invitations[{number}]")
        region.invitations[invitation.invitation_id] = invitation


def _holding(state: SharingState, region_id: str, share_id: str, where: str) -> SharingRegion:
    region = state.region(region_id)
    if share_id not in region.shares:
        raise ValueError(f"{where}: share {share_id} is not among the resource_shares of {region_id}")
    return region
