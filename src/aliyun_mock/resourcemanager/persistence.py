"""Resource Directory state as plain JSON (part of ``cloud.state()``)."""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, Tuple, Type

from ..core.loading import StateError, build, convert, rows
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
    """Fill a fresh ``DirectoryState`` from ``dump_directory`` output, refusing what it cannot read
    (``core/loading.py``) and rows that name a directory or folder the state does not have."""
    state.quotas.update(convert(data.get("resource_directory_quotas", {}), Dict[str, int], "resource_directory_quotas"))
    for key, kind, id_field, table in TABLES:
        found = getattr(state, table)
        for path, row in rows(data, key):
            item = build(kind, row, path)
            if getattr(item, id_field) in found:
                raise StateError(f"{path}.{id_field}: a second row for {getattr(item, id_field)}")
            if kind is not Directory and item.directory_id not in state.directories:
                raise StateError(f"{path}.directory_id: {item.directory_id} is not among the resource_directories")
            if kind is Member and item.folder_id not in state.folders:
                raise StateError(f"{path}.folder_id: {item.folder_id} is not among the resource_directory_folders")
            found[getattr(item, id_field)] = item
    for number, directory in enumerate(state.directories.values()):
        if directory.root_folder_id not in state.folders:
            raise StateError(
                f"resource_directories[{number}].root_folder_id: {directory.root_folder_id} is not among the "
                "resource_directory_folders"
            )
