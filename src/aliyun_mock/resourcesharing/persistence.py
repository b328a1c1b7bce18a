"""Resource Sharing state as plain JSON (part of ``cloud.state()``)."""

from __future__ import annotations

import dataclasses
from typing import Any, Dict

from .models import Association, Invitation, ResourceShare
from .state import SharingState


def dump_sharing(state: SharingState) -> Dict[str, Any]:
    regions = list(state.regions())
    return {
        "resource_sharing_enabled_directories": sorted(state.enabled_directories),
        "resource_shares": [dataclasses.asdict(s) for r in regions for s in r.shares.values()],
        "resource_share_associations": [dataclasses.asdict(a) for r in regions for a in r.records],
        "resource_share_invitations": [dataclasses.asdict(i) for r in regions for i in r.invitations.values()],
    }


def load_sharing(state: SharingState, data: Dict[str, Any]) -> None:
    """Fill a fresh ``SharingState`` from ``dump_sharing`` output."""
    state.enabled_directories = set(data.get("resource_sharing_enabled_directories", []))
    for row in data.get("resource_shares", []):
        share = ResourceShare(**row)
        state.region(share.region_id).shares[share.share_id] = share
    for row in data.get("resource_share_associations", []):
        record = Association(**row)
        state.region(record.region_id).records.append(record)
    for row in data.get("resource_share_invitations", []):
        invitation = Invitation(**row)
        state.region(invitation.region_id).invitations[invitation.invitation_id] = invitation
    state.rebuild()
