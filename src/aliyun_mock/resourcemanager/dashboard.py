"""Resource Directory's section of the ``/_mock/`` dashboard: each directory's folder tree and accounts."""

from __future__ import annotations

from html import escape
from typing import List

from ..dashboard import table
from .models import Directory
from .state import DirectoryState


def directory_section(state: DirectoryState) -> str:
    parts = ["<h2>Resource directories</h2>"]
    if not state.directories:
        parts.append('<p class="muted">no resource directory</p>')
    for directory in list(state.directories.values()):
        parts.append(
            f"<h3>{escape(directory.directory_id)} (management account {escape(directory.master_account_id)})</h3>"
        )
        parts.append(table(["folder path", "account", "display name", "type"], _rows(state, directory), "empty"))
    return "".join(parts)


def _rows(state: DirectoryState, directory: Directory) -> List[List[str]]:
    """One row per folder (accounts in it follow), walking the tree from the root folder."""
    rows: List[List[str]] = []

    def walk(folder_id: str, path: str) -> None:
        rows.append([escape(path), "", "", "folder"])
        for member in state.accounts_in(folder_id):
            rows.append(
                [escape(path), escape(member.account_id), escape(member.display_name), escape(member.account_type)]
            )
        for child in state.children(folder_id):
            walk(child.folder_id, f"{path}/{child.name}")

    walk(directory.root_folder_id, "Root")
    return rows
