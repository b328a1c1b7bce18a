"""EnableResourceDirectory, GetResourceDirectory, DestroyResourceDirectory."""

from __future__ import annotations

import re

from ...core.app import Call
from ...core.errors import ApiError
from ...core.product import Body
from ..models import Directory, Folder
from ..product import RESOURCE_MANAGER
from ..state import DirectoryState
from ..views import directory_view

DirectoryCall = Call[DirectoryState]
_PHONE = re.compile(r"^\d{1,4}-\d{5,15}$")  # <country code>-<number>
_MA_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|[_.\-](?=[A-Za-z0-9])){1,49}@rdadmin\.aliyunid\.com$")


@RESOURCE_MANAGER.action("EnableResourceDirectory")
def enable_resource_directory(
    call: DirectoryCall,
    *,
    EnableMode: str,
    MAName: str = "",
    MASecureMobilePhone: str = "",
    VerificationCode: str = "",
) -> Body:
    """``CurrentAccount``: the caller manages the new directory. ``NewManagementAccount``: a new
    account (``MAName``, ``<prefix>@rdadmin.aliyunid.com``) does, the caller joining as a member;
    the mock takes any verification code, as it sends no text message."""
    state = call.state
    caller = call.account.account_id
    if caller in state.members:
        existing = state.directory_of(caller)
        managed = existing is not None and existing.master_account_id == caller
        raise ApiError(
            "EntityAlreadyExists.ResourceDirectory" if managed else "NotSupport.AccountInAnotherResourceDirectory"
        )
    if EnableMode == "CurrentAccount":
        directory = _new_directory(state, caller, state.account_name(caller))
    elif EnableMode == "NewManagementAccount":
        if not MAName or not _MA_NAME.match(MAName):
            raise ApiError("InvalidParameter.ManagementAccountName")
        if state.account_named(MAName) is not None:
            raise ApiError("InvalidParameter.ManagementAccountName.AlreadyUsed")
        if MASecureMobilePhone and not _PHONE.match(MASecureMobilePhone):
            raise ApiError("InvalidParameter.ManagementAccountSecurityInfo")
        if not VerificationCode:
            raise ApiError("Invalid.VerificationCode")
        manager = state.accounts.create(site=call.account.site)
        manager.account_name = MAName
        directory = _new_directory(state, manager.account_id, MAName)
        state.join(directory, caller, directory.root_folder_id, "CloudAccount", "invited", state.account_name(caller))
    else:
        raise ApiError("InvalidParameter", "EnableMode")
    return {"ResourceDirectory": directory_view(directory)}


def _new_directory(state: DirectoryState, manager_id: str, manager_name: str) -> Directory:
    now = state.entropy.now_iso(millis=True)
    directory = Directory(state.new_directory_id(), manager_id, manager_name, state.new_root_id(), now)
    state.directories[directory.directory_id] = directory
    root = Folder(directory.root_folder_id, directory.directory_id, "root", "", now)
    state.folders[root.folder_id] = root
    state.join(directory, manager_id, root.folder_id, "CloudAccount", "invited", manager_name)
    return directory


@RESOURCE_MANAGER.action("GetResourceDirectory")
def get_resource_directory(call: DirectoryCall) -> Body:
    directory = call.state.directory_of(call.account.account_id)
    if directory is None:
        raise ApiError("ResourceDirectoryNotInUse")
    return {
        "ResourceDirectory": {
            **directory_view(directory),
            "ControlPolicyStatus": "Disabled",
            "MemberDeletionStatus": "Disabled",
            "IdentityInformation": "",
        }
    }


@RESOURCE_MANAGER.action("DestroyResourceDirectory")
def destroy_resource_directory(call: DirectoryCall) -> Body:
    """Only once every member but the management account is removed and every folder but the
    root folder deleted."""
    state = call.state
    directory = state.managed(call.account.account_id)
    if any(m.account_id != directory.master_account_id for m in state.members_of(directory)):
        raise ApiError("DeleteConflict.ResourceDirectory.Account")
    if state.children(directory.root_folder_id):
        raise ApiError("DeleteConflict.ResourceDirectory.Folder")
    state.leave(directory.master_account_id)
    del state.folders[directory.root_folder_id]
    del state.directories[directory.directory_id]
    return {}
