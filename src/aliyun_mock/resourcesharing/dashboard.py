"""Resource Sharing's section of the ``/_mock/`` dashboard: every share with its resources and targets."""

from __future__ import annotations

from html import escape

from ..dashboard import table
from .models import RESOURCE, TARGET
from .state import SharingState


def sharing_section(state: SharingState) -> str:
    rows = (
        [
            escape(region.region_id),
            escape(share.share_id),
            escape(share.name),
            escape(share.owner_id),
            escape(share.status),
            escape(", ".join(r.entity_id for r in region.associated(share.share_id, RESOURCE))),
            escape(
                ", ".join(
                    t.entity_id + (" (external)" if t.external else "")
                    for t in region.associated(share.share_id, TARGET)
                )
            ),
        ]
        for region in state.regions()
        for share in list(region.shares.values())
    )
    headers = ["region", "share", "name", "owner", "status", "resources", "targets"]
    return "<h2>Resource shares</h2>" + table(headers, rows, "no resource shares")
