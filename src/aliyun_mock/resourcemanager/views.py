"""Resource Directory objects as the API shows them (bodies are completed from the description)."""

from __future__ import annotations

from typing import Any, Dict

from .models import Directory, Folder, Handshake, Member


def directory_view(directory: Directory) -> Dict[str, Any]:
    return {
        "ResourceDirectoryId": directory.directory_id,
        "MasterAccountId": directory.master_account_id,
        "MasterAccountName": directory.master_account_name,
        "RootFolderId": directory.root_folder_id,
        "CreateTime": directory.create_time,
    }


def folder_view(folder: Folder) -> Dict[str, Any]:
    return {
        "FolderId": folder.folder_id,
        "CreateTime": folder.create_time,
        "ParentFolderId": folder.parent_id,
        "FolderName": folder.name,
    }


def listed_folder_view(folder: Folder) -> Dict[str, Any]:
    """A folder in ListFoldersForParent and ListAncestors, which do not name its parent."""
    return {"FolderId": folder.folder_id, "CreateTime": folder.create_time, "FolderName": folder.name}


def member_view(member: Member) -> Dict[str, Any]:
    return {
        "Status": "CreateSuccess" if member.join_method == "created" else "InviteSuccess",
        "Type": member.account_type,
        "DisplayName": member.display_name,
        "FolderId": member.folder_id,
        "ResourceDirectoryId": member.directory_id,
        "JoinTime": member.join_time,
        "AccountId": member.account_id,
        "JoinMethod": member.join_method,
        "ModifyTime": member.modify_time,
        "AccountName": member.account_name,
    }


def listed_member_view(member: Member, tags: bool) -> Dict[str, Any]:
    """A member in ListAccounts/ListAccountsForParent, with its tags when asked for."""
    view = member_view(member)
    del view["AccountName"]  # not a field of the lists
    view["Tags"] = {"Tag": [{"Key": k, "Value": v} for k, v in member.tags.items()] if tags else []}
    return view


def handshake_view(handshake: Handshake) -> Dict[str, Any]:
    return {
        "Status": handshake.status,
        "ExpireTime": handshake.expire_time,
        "ResourceDirectoryId": handshake.directory_id,
        "CreateTime": handshake.create_time,
        "Note": handshake.note,
        "TargetEntity": handshake.target_entity,
        "MasterAccountId": handshake.master_account_id,
        "MasterAccountName": handshake.master_account_name,
        "ModifyTime": handshake.modify_time,
        "TargetType": handshake.target_type,
        "HandshakeId": handshake.handshake_id,
    }
