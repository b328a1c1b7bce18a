"""CreateResourceAccount, GetAccount, GetPayerForAccount, ListAccounts, ListAccountsForParent,
MoveAccount, RemoveCloudAccount."""

from __future__ import annotations

from typing import Any, Dict, List, Sequence, Tuple

from ...core.entropy import LOWER_ALNUM
from ...core.errors import ApiError
from ...core.paging import page_of
from ...core.product import Body
from ...core.tags import tags_from, tags_match
from ..models import Directory, Member
from ..names import check_display_name, check_name_prefix
from ..product import RESOURCE_MANAGER
from ..state import DirectoryState
from ..views import listed_member_view, member_view
from .directory import DirectoryCall
from .folders import parent_folder

TAGS = ("Tag.Key", "Tag.Value")


def check_room(state: DirectoryState, directory: Directory, coming: int = 0) -> None:
    """Room for one more member, besides ``coming`` ones already invited."""
    if sum(1 for _ in state.members_of(directory)) + coming >= state.quotas["members"]:
        raise ApiError("LimitExceeded.Account")


@RESOURCE_MANAGER.action(
    "CreateResourceAccount",
    fields=TAGS,
    without_effect={"ResellAccountType": "a reseller's billing relation, which the mock does not model"},
)
def create_resource_account(
    call: DirectoryCall,
    *,
    DisplayName: str = "",
    ParentFolderId: str = "",
    PayerAccountId: str = "",
    AccountNamePrefix: str = "",
    Tag: Sequence[Dict[str, Any]] = (),
) -> Body:
    """A new account of the mock, in the folder, that the management account reaches through its
    ``ResourceDirectoryAccountAccessRole`` (STS AssumeRole)."""
    state = call.state
    directory = state.managed(call.account.account_id)
    check_display_name(DisplayName)
    site = call.account.site
    if AccountNamePrefix:
        check_name_prefix(AccountNamePrefix, site)
    folder = parent_folder(state, directory, ParentFolderId, "InvalidParameter.ParentFolderId")
    if any(m.display_name == DisplayName for m in state.members_of(directory)):
        raise ApiError("InvalidParameter.Account.DisplayName.AlreadyUsed")
    if PayerAccountId and state.target_kind(directory, PayerAccountId) != "Account":
        raise ApiError("NotSupport.PayerAccountInAnotherResourceDirectory")
    prefix = AccountNamePrefix or state.entropy.string(LOWER_ALNUM, 12)
    account_name = f"{prefix}@{directory.directory_id.lower()}.aliyunid.com"
    if state.account_named(account_name) is not None:
        raise ApiError("EntityAlreadyExists.ResourceDirectory.Account")
    check_room(state, directory)
    account = state.accounts.create(site=site)
    account.account_name = account_name
    member = state.join(
        directory, account.account_id, folder.folder_id, "ResourceAccount", "created", DisplayName, account_name
    )
    member.tags, member.payer_account_id = tags_from(Tag), PayerAccountId
    return {"Account": member_view(member)}


@RESOURCE_MANAGER.action("GetAccount")
def get_account(call: DirectoryCall, *, AccountId: str, IncludeTags: bool = False) -> Body:
    state = call.state
    directory = state.managed(call.account.account_id)
    member = _member(state, directory, AccountId)
    return {
        "Account": {
            **member_view(member),
            "IdentityInformation": "",
            "ResourceDirectoryPath": state.path(directory, member.folder_id, member.account_id),
            "Tags": [{"Key": k, "Value": v} for k, v in member.tags.items()] if IncludeTags else [],
            "Location": "/".join(["root", *(f.name for f in state.ancestry(member.folder_id)[1:])]),
            "EmailStatus": "",
        }
    }


@RESOURCE_MANAGER.action("GetPayerForAccount")
def get_payer_for_account(call: DirectoryCall, *, AccountId: str) -> Body:
    """Who pays the member's bills: the account named at its creation, else itself; the name is the
    payer's display name in the directory."""
    state = call.state
    directory = state.managed(call.account.account_id)
    member = state.member(directory, AccountId)  # any unknown id, well formed or not: it documents no other code
    payer_id = member.payer_account_id or member.account_id
    payer = state.members.get(payer_id)
    return {
        "PayerAccountId": payer_id,
        "PayerAccountName": payer.display_name if payer else state.account_name(payer_id),
    }


def _member(state: DirectoryState, directory: Directory, account_id: str) -> Member:
    if not account_id.isdigit():
        raise ApiError("InvalidParameter.AccountId")
    return state.member(directory, account_id)


def _listed(
    members: List[Member], wanted: Sequence[Dict[str, Any]], tags: bool, page_number: int, page_size: int
) -> Tuple[List[Member], Body]:
    """The page of members carrying the wanted tags, and the body with their list views."""
    chosen = [m for m in members if tags_match(m.tags, tags_from(wanted))]
    page, fields = page_of(chosen, page_number, page_size)
    return page, {**fields, "Accounts": {"Account": [listed_member_view(m, tags) for m in page]}}


@RESOURCE_MANAGER.action("ListAccounts", fields=TAGS)
def list_accounts(
    call: DirectoryCall,
    *,
    PageNumber: int = 1,
    PageSize: int = 10,
    Tag: Sequence[Dict[str, Any]] = (),
    IncludeTags: bool = False,
) -> Body:
    """Every account of the directory, the management account too."""
    state = call.state
    directory = state.managed(call.account.account_id)
    page, body = _listed(list(state.members_of(directory)), Tag, IncludeTags, PageNumber, PageSize)
    for member, view in zip(page, body["Accounts"]["Account"]):  # only this list shows where each is
        view["ResourceDirectoryPath"] = state.path(directory, member.folder_id, member.account_id)
    return body


@RESOURCE_MANAGER.action("ListAccountsForParent", fields=TAGS)
def list_accounts_for_parent(
    call: DirectoryCall,
    *,
    ParentFolderId: str = "",
    QueryKeyword: str = "",
    PageNumber: int = 1,
    PageSize: int = 10,
    Tag: Sequence[Dict[str, Any]] = (),
    IncludeTags: bool = False,
) -> Body:
    """The accounts directly in a folder; ``QueryKeyword`` matches part of a display name or an id."""
    state = call.state
    directory = state.managed(call.account.account_id)
    folder = parent_folder(state, directory, ParentFolderId, "InvalidParameter.ParentFolderId")
    keyword = QueryKeyword.lower()
    members = [
        m for m in state.accounts_in(folder.folder_id) if keyword in m.display_name.lower() or keyword in m.account_id
    ]
    return _listed(members, Tag, IncludeTags, PageNumber, PageSize)[1]


@RESOURCE_MANAGER.action("MoveAccount")
def move_account(call: DirectoryCall, *, AccountId: str, DestinationFolderId: str) -> Body:
    """What is shared with the folders it leaves stops reaching the account; what is shared with
    the folders it enters starts to."""
    state = call.state
    directory = state.managed(call.account.account_id)
    member = _member(state, directory, AccountId)
    folder = parent_folder(state, directory, DestinationFolderId, "InvalidParameter.DestinationFolderId")
    member.folder_id = folder.folder_id
    member.modify_time = state.entropy.now_iso(millis=True)
    return {}


@RESOURCE_MANAGER.action("RemoveCloudAccount")
def remove_cloud_account(call: DirectoryCall, *, AccountId: str) -> Body:
    """An invited member leaves and is a stand-alone account again (created members and the
    management account cannot be removed this way)."""
    state = call.state
    directory = state.managed(call.account.account_id)
    member = _member(state, directory, AccountId)
    if member.account_type != "CloudAccount" or member.account_id == directory.master_account_id:
        raise ApiError("AccountTypeOrStatusMismatch")
    state.leave(member.account_id)
    return {}
