"""Resource Directory state of one cloud: directories, their folder trees, members and invitations.

An account belongs to at most one directory, as its management account or as a member. Other
products ask this state who is in which directory and under which folders (``reach``), so that
what they grant to a directory or a folder follows accounts as they join, move and leave.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Iterator, List, Optional

from ..core.entropy import ALNUM
from ..core.errors import ApiError
from .models import Directory, Folder, Handshake, Member

if TYPE_CHECKING:
    from ..core.cloud import Cloud

MAX_FOLDER_DEPTH = 5  # folder levels under the root folder (LimitExceeded.Folder.Depth)
# Quotas of a directory (https://www.alibabacloud.com/help/en/resource-management/latest/limits); the
# cloud raises them on request, a test through ``cloud.resource_directory.quotas``.
DEFAULT_QUOTAS = {
    "folders": 100,  # besides the root folder (QuotaExceeded.Folder.Count)
    "members": 20,  # the management account too (LimitExceeded.Account)
    "pending_invitations": 20,  # (LimitExceeded.InvitationRate)
}
ACCESS_ROLE = "ResourceDirectoryAccountAccessRole"  # how a directory's management account reaches a member
PLACEHOLDER_DOMAIN = "aliyun-mock.example"  # logon names of accounts that were given none


class DirectoryState:
    def __init__(self, cloud: "Cloud") -> None:
        self.entropy = cloud.entropy
        self.accounts = cloud.accounts
        self.directories: Dict[str, Directory] = {}
        self.folders: Dict[str, Folder] = {}
        self.members: Dict[str, Member] = {}  # by account id: every directory's accounts, management accounts too
        self.handshakes: Dict[str, Handshake] = {}
        self.quotas = dict(DEFAULT_QUOTAS)

    # --- ids ---

    def new_directory_id(self) -> str:
        return "rd-" + self.entropy.string(ALNUM, 6)

    def new_root_id(self) -> str:
        return "r-" + self.entropy.string(ALNUM, 6)

    def new_folder_id(self) -> str:
        return "fd-" + self.entropy.string(ALNUM, 10)

    def new_handshake_id(self) -> str:
        return "h-" + self.entropy.string(ALNUM, 16)

    # --- lookups ---

    def directory_of(self, account_id: str) -> Optional[Directory]:
        """The directory the account is in (as its management account or a member), if any."""
        member = self.members.get(account_id)
        return self.directories.get(member.directory_id) if member is not None else None

    def managed(self, account_id: str) -> Directory:
        """The directory the caller manages, for calls only a management account may make."""
        directory = self.directory_of(account_id)
        if directory is None or directory.master_account_id != account_id:
            raise ApiError("EntityNotExists.ResourceDirectory")
        return directory

    def folder(self, directory: Directory, folder_id: str, code: str = "EntityNotExists.Folder") -> Folder:
        found = self.folders.get(folder_id)
        if found is None or found.directory_id != directory.directory_id:
            raise ApiError(code)
        return found

    def member(self, directory: Directory, account_id: str) -> Member:
        found = self.members.get(account_id)
        if found is None or found.directory_id != directory.directory_id:
            raise ApiError("EntityNotExists.Account")
        return found

    def children(self, folder_id: str) -> List[Folder]:
        return [f for f in self.folders.values() if f.parent_id == folder_id]

    def accounts_in(self, folder_id: str) -> List[Member]:
        return [m for m in self.members.values() if m.folder_id == folder_id]

    def ancestry(self, folder_id: str) -> List[Folder]:
        """The folder and the folders above it, from the root folder down."""
        chain: List[Folder] = []
        folder = self.folders.get(folder_id)
        while folder is not None:
            chain.append(folder)
            folder = self.folders.get(folder.parent_id)
        return chain[::-1]

    def depth(self, folder_id: str) -> int:
        """How many levels below the root folder a folder is (the root folder: 0)."""
        return len(self.ancestry(folder_id)) - 1

    def height(self, folder_id: str) -> int:
        """How many levels of folders hang below a folder (a folder without subfolders: 0)."""
        return max((1 + self.height(child.folder_id) for child in self.children(folder_id)), default=0)

    def path(self, directory: Directory, folder_id: str, *tail: str) -> str:
        """``rd-…/r-…/fd-…[/tail]``, as ResourceDirectoryPath reads."""
        return "/".join([directory.directory_id, *(f.folder_id for f in self.ancestry(folder_id)), *tail])

    def reach(self, account_id: str) -> List[str]:
        """Every target that takes in the account: its directory and the folders it is under, root
        first (empty when it is in no directory)."""
        member = self.members.get(account_id)
        if member is None:
            return []
        return [member.directory_id, *(f.folder_id for f in self.ancestry(member.folder_id))]

    def target_kind(self, directory: Directory, target_id: str) -> Optional[str]:
        """``ResourceDirectory``, ``Folder`` or ``Account`` when the id names that part of the
        directory, else None."""
        if target_id == directory.directory_id:
            return "ResourceDirectory"
        folder = self.folders.get(target_id)
        if folder is not None and folder.directory_id == directory.directory_id:
            return "Folder"
        member = self.members.get(target_id)
        if member is not None and member.directory_id == directory.directory_id:
            return "Account"
        return None

    def members_of(self, directory: Directory) -> Iterator[Member]:
        return (m for m in list(self.members.values()) if m.directory_id == directory.directory_id)

    def account_name(self, account_id: str) -> str:
        """The account's logon name (its ``account_name`` condition), or a stand-in made of its id."""
        account = self.accounts.accounts.get(account_id)
        name = account.account_name if account is not None else ""
        return name or f"{account_id}@{PLACEHOLDER_DOMAIN}"

    def account_named(self, name: str) -> Optional[str]:
        """The id of the account whose logon name this is, if any."""
        return next((i for i in self.accounts.accounts if self.account_name(i).lower() == name.lower()), None)

    # --- membership ---

    def join(
        self,
        directory: Directory,
        account_id: str,
        folder_id: str,
        account_type: str,
        join_method: str,
        display_name: str,
        account_name: str = "",
    ) -> Member:
        now = self.entropy.now_iso(millis=True)
        member = Member(
            account_id,
            directory.directory_id,
            folder_id,
            display_name,
            account_type,
            join_method,
            now,
            now,
            account_name or self.account_name(account_id),
        )
        self.members[account_id] = member
        account = self.accounts.accounts.get(account_id)
        if account is not None and account_id != directory.master_account_id:  # its management account's way in
            account.roles.add(ACCESS_ROLE)
            account.role_trust[ACCESS_ROLE] = directory.master_account_id
        return member

    def leave(self, account_id: str) -> None:
        """The account is on its own again: its management account can no longer reach it."""
        del self.members[account_id]
        account = self.accounts.accounts.get(account_id)
        if account is not None and ACCESS_ROLE in account.role_trust:
            account.roles.discard(ACCESS_ROLE)
            del account.role_trust[ACCESS_ROLE]

    # --- invitations ---

    def expire_handshakes(self) -> None:
        """Pending invitations past their expiry time, on the mock's clock, are Expired."""
        now = self.entropy.now()
        for handshake in self.handshakes.values():
            if handshake.status == "Pending" and handshake.expires <= now:
                handshake.status = "Expired"
