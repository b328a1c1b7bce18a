"""Resource shares, their records and invitations as the API shows them (bodies are completed from the description)."""

from __future__ import annotations

from typing import Any, Dict

from ..core.entropy import iso_time
from .models import Association, Invitation, ResourceShare
from .state import default_permission


def share_view(share: ResourceShare) -> Dict[str, Any]:
    return {
        "UpdateTime": share.update_time,
        "ResourceShareName": share.name,
        "ResourceShareOwner": share.owner_id,
        "CreateTime": share.create_time,
        "ResourceShareId": share.share_id,
        "ResourceShareStatus": share.status,
        "AllowExternalTargets": share.allow_external,
    }


def association_view(record: Association, share: ResourceShare) -> Dict[str, Any]:
    return {
        "UpdateTime": record.update_time,
        "EntityId": record.entity_id,
        "ResourceShareName": share.name,
        "CreateTime": record.create_time,
        "EntityType": record.entity_type,
        "ResourceShareId": record.share_id,
        "AssociationStatusMessage": "",
        "AssociationType": record.association_type,
        "AssociationStatus": record.status,
        "TargetProperty": "",
    }


def invitation_view(invitation: Invitation, share: ResourceShare) -> Dict[str, Any]:
    return {
        "Status": invitation.status,
        "CreateTime": invitation.create_time,
        "ResourceShareId": invitation.share_id,
        "ResourceShareName": share.name,
        "SenderAccountId": invitation.sender_id,
        "ReceiverAccountId": invitation.receiver_id,
        "ResourceShareInvitationId": invitation.invitation_id,
    }


def permission_view(resource_type: str, created: float) -> Dict[str, Any]:
    """A resource type's default permission (version v1, the only one the mock has)."""
    return {
        "PermissionName": default_permission(resource_type),
        "PermissionVersion": "v1",
        "DefaultVersion": True,
        "CreateTime": iso_time(created, millis=True),
        "UpdateTime": iso_time(created, millis=True),
        "ResourceType": resource_type,
        "DefaultPermission": True,
    }
