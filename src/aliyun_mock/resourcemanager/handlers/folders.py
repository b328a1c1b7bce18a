"""CreateFolder, GetFolder, ListFoldersForParent, UpdateFolder, DeleteFolder, ListAncestors."""

from __future__ import annotations

from typing import Tuple

from ...core.errors import ApiError
from ...core.paging import page_of
from ...core.product import Body
from ..models import Directory, Folder
from ..names import check_folder_name
from ..product import RESOURCE_MANAGER
from ..state import MAX_FOLDER_DEPTH, DirectoryState
from ..views import folder_view, listed_folder_view
from .directory import DirectoryCall

FOLDER_PREFIXES = ("r-", "fd-")


def parent_folder(state: DirectoryState, directory: Directory, folder_id: str, malformed: str) -> Folder:
    """The named folder (the root folder when none is named)."""
    if not folder_id:
        return state.folders[directory.root_folder_id]
    if not folder_id.startswith(FOLDER_PREFIXES):
        raise ApiError(malformed)
    return state.folder(directory, folder_id)


def _check_unique(state: DirectoryState, parent_id: str, name: str) -> None:
    if any(f.name == name for f in state.children(parent_id)):
        raise ApiError("InvalidParameter.Folder.Name.AlreadyUsed")


@RESOURCE_MANAGER.action("CreateFolder")
def create_folder(call: DirectoryCall, *, FolderName: str = "", ParentFolderId: str = "") -> Body:
    state = call.state
    directory = state.managed(call.account.account_id)
    check_folder_name(FolderName)
    parent = parent_folder(state, directory, ParentFolderId, "InvalidParameter.ParentFolderId")
    if state.depth(parent.folder_id) + 1 > MAX_FOLDER_DEPTH:
        raise ApiError("LimitExceeded.Folder.Depth")
    _check_unique(state, parent.folder_id, FolderName)
    if sum(f.directory_id == directory.directory_id for f in state.folders.values()) - 1 >= state.quotas["folders"]:
        raise ApiError("QuotaExceeded.Folder.Count")
    folder = Folder(
        state.new_folder_id(), directory.directory_id, FolderName, parent.folder_id, state.entropy.now_iso(millis=True)
    )
    state.folders[folder.folder_id] = folder
    return {"Folder": folder_view(folder)}


def _named_folder(call: DirectoryCall, folder_id: str) -> Tuple[Directory, Folder]:
    """The caller's directory and the folder of it that ``FolderId`` names."""
    state = call.state
    directory = state.managed(call.account.account_id)
    if not folder_id.startswith(FOLDER_PREFIXES):
        raise ApiError("InvalidParameter.FolderId")
    return directory, state.folder(directory, folder_id)


@RESOURCE_MANAGER.action("GetFolder")
def get_folder(call: DirectoryCall, *, FolderId: str) -> Body:
    directory, folder = _named_folder(call, FolderId)
    return {"Folder": {**folder_view(folder), "ResourceDirectoryPath": call.state.path(directory, folder.folder_id)}}


@RESOURCE_MANAGER.action("ListFoldersForParent")
def list_folders_for_parent(
    call: DirectoryCall, *, ParentFolderId: str = "", QueryKeyword: str = "", PageNumber: int = 1, PageSize: int = 10
) -> Body:
    state = call.state
    directory = state.managed(call.account.account_id)
    parent = parent_folder(state, directory, ParentFolderId, "InvalidParameter.ParentFolderId")
    matches = [f for f in state.children(parent.folder_id) if QueryKeyword.lower() in f.name.lower()]
    page, fields = page_of(matches, PageNumber, PageSize)
    return {**fields, "Folders": {"Folder": [listed_folder_view(f) for f in page]}}


@RESOURCE_MANAGER.action("UpdateFolder")
def update_folder(call: DirectoryCall, *, FolderId: str, NewFolderName: str = "") -> Body:
    state = call.state
    _, folder = _named_folder(call, FolderId)
    check_folder_name(NewFolderName)
    if NewFolderName != folder.name:
        _check_unique(state, folder.parent_id, NewFolderName)
    folder.name = NewFolderName
    return {"Folder": folder_view(folder)}


@RESOURCE_MANAGER.action("DeleteFolder")
def delete_folder(call: DirectoryCall, *, FolderId: str) -> Body:
    """Only an empty folder, never the root folder."""
    state = call.state
    directory, folder = _named_folder(call, FolderId)
    if folder.folder_id == directory.root_folder_id:
        raise ApiError("InvalidParameter.FolderId")
    if state.children(folder.folder_id):
        raise ApiError("DeleteConflict.Folder.SubFolder")
    if state.accounts_in(folder.folder_id):
        raise ApiError("DeleteConflict.Folder.Account")
    del state.folders[folder.folder_id]
    return {}


@RESOURCE_MANAGER.action("ListAncestors")
def list_ancestors(call: DirectoryCall, *, ChildId: str) -> Body:
    """The folders above a folder, from the root folder down."""
    state = call.state
    directory = state.managed(call.account.account_id)
    if not ChildId.startswith(FOLDER_PREFIXES):
        raise ApiError("InvalidParameter.ChildId")
    folder = state.folder(directory, ChildId)
    return {"Folders": {"Folder": [listed_folder_view(f) for f in state.ancestry(folder.folder_id)[:-1]]}}
