"""Resource shares as the mock keeps them: shares, their association records, invitations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List

RESOURCE, TARGET = "Resource", "Target"  # AssociationType
LIVE = ("Associating", "Associated")  # association statuses of a resource or target still in the share


@dataclass
class ResourceShare:
    share_id: str
    region_id: str
    owner_id: str
    name: str
    allow_external: bool
    create_time: str
    update_time: str
    status: str = "Active"  # Active | Deleting | Deleted
    permissions: List[str] = field(default_factory=list)
    tags: Dict[str, str] = field(default_factory=dict)


@dataclass
class Association:
    """One resource or target added to a share; records stay, ``Disassociated``, after removal."""

    share_id: str
    region_id: str
    association_type: str  # Resource | Target
    entity_id: str
    entity_type: str  # the resource type (Image), or Account for a target
    create_time: str
    update_time: str
    status: str = "Associating"  # Associating | Associated | Failed | Disassociating | Disassociated
    external: bool = False  # a target outside the owner's resource directory


@dataclass
class Invitation:
    """An account outside the owner's directory, invited to a share; ``expires``: the mock clock's epoch seconds."""

    invitation_id: str
    region_id: str
    share_id: str
    sender_id: str
    receiver_id: str
    create_time: str
    expires: float
    status: str = "Pending"  # Pending | Accepted | Rejected | Expired | Cancelled
