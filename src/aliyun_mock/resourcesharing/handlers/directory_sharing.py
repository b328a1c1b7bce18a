"""EnableSharingWithResourceDirectory, CheckSharingWithResourceDirectoryStatus."""

from __future__ import annotations

from ...core.errors import ApiError
from ...core.product import Body
from ..product import RESOURCE_SHARING
from .common import SharingCall


@RESOURCE_SHARING.action("EnableSharingWithResourceDirectory")
def enable_sharing_with_resource_directory(call: SharingCall) -> Body:
    """The management account lets every account of its directory share with the directory, its
    folders and its members (there is no call to turn it off)."""
    caller = call.account.account_id
    directory = call.state.directory.directory_of(caller)
    if directory is None or directory.master_account_id != caller:
        raise ApiError("ActionNotPermitted")
    if directory.directory_id in call.state.enabled_directories:
        raise ApiError("AlreadyEnabled")
    call.state.enabled_directories.add(directory.directory_id)
    return {}


@RESOURCE_SHARING.action("CheckSharingWithResourceDirectoryStatus")
def check_sharing_with_resource_directory_status(call: SharingCall) -> Body:
    directory = call.state.directory.directory_of(call.account.account_id)
    return {"EnableSharingWithRd": directory is not None and directory.directory_id in call.state.enabled_directories}
