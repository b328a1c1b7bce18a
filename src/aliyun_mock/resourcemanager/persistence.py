"""Resource Directory state as plain JSON (part of ``cloud.state()``)."""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, Tuple, Type

from .models import Directory, Folder, Handshake, Member
from .state import DirectoryState

# (key of cloud.state(), model, its id field, the state's table of it)
TABLES: Tuple[Tuple[str, Type[Any], str, str], ...] = (
    ("resource_directories", Directory, "directory_id", "directories"),
    ("resource_directory_folders", Folder, "folder_id", "folders"),
    ("resource_directory_members", Member, "account_id", "members"),
    ("resource_directory_handshakes", Handshake, "handshake_id", "handshakes"),
)


def dump_directory(state: DirectoryState) -> Dict[str, Any]:
    tables = {key: [dataclasses.asdict(row) for row in getattr(state, table).values()] for key, _, _, table in TABLES}
    return {**tables, "resource_directory_quotas": dict(state.quotas)}


def load_directory(state: DirectoryState, data: Dict[str, Any]) -> None:
    """Fill a fresh ``DirectoryState`` from ``dump_directory`` output."""
    state.quotas.update(data.get("resource_directory_quotas", {}))
    for key, kind, id_field, table in TABLES:
        rows = getattr(state, table)
        for row in data.get(key, []):
            item = kind(**row)
            rows[getattr(item, id_field)] = item
