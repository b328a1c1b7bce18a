"""A resource directory as the mock keeps it: the directory, its folders, its members, its invitations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict


@dataclass
class Folder:
    folder_id: str
    directory_id: str
    name: str
    parent_id: str  # "" for the root folder
    create_time: str


@dataclass
class Member:
    """An account of a directory: created in it (``ResourceAccount``) or invited (``CloudAccount``)."""

    account_id: str
    directory_id: str
    folder_id: str
    display_name: str
    account_type: str  # ResourceAccount | CloudAccount
    join_method: str  # created | invited
    join_time: str
    modify_time: str
    account_name: str = ""  # the login name of a created account: <prefix>@<directory id>.aliyunid.com
    tags: Dict[str, str] = field(default_factory=dict)
    payer_account_id: str = ""  # who pays its bills: "" for itself (CreateResourceAccount's default)


@dataclass
class Directory:
    directory_id: str
    master_account_id: str
    master_account_name: str
    root_folder_id: str
    create_time: str


@dataclass
class Handshake:
    """An invitation to join a directory; ``expires`` is the mock clock's epoch seconds."""

    handshake_id: str
    directory_id: str
    master_account_id: str
    master_account_name: str
    target_entity: str
    target_type: str  # Account | Email
    note: str
    status: str  # Pending | Accepted | Cancelled | Declined | Expired
    create_time: str
    modify_time: str
    expire_time: str
    expires: float
    tags: Dict[str, str] = field(default_factory=dict)
