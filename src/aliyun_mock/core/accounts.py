"""Alibaba Cloud accounts and their AccessKey pairs, as the mock knows them."""
from __future__ import annotations

import secrets
import string
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set

SITES = ("china", "international")
_ALNUM = string.ascii_letters + string.digits


@dataclass
class AccessKey:
    access_key_id: str
    access_key_secret: str
    account_id: str
    active: bool = True


@dataclass
class Account:
    """An Alibaba Cloud account (a UID): ``cloud.create_account(site="international")``."""

    account_id: str
    access_key_id: str
    access_key_secret: str
    site: str = "china"
    keys: List[AccessKey] = field(default_factory=list, repr=False)
    # Conditions of the real account that no API call sets (README: "Sharing rules the mock enforces").
    community_terms_signed: bool = True  # has signed the Community Image Terms of Service
    public_image_access: bool = True  # may query community images
    roles: Set[str] = field(default_factory=set)  # RAM roles, e.g. AliyunECSShareEncryptImageDefaultRole
    launch_permission_preview: bool = False  # admitted to the LaunchPermission invitation-only preview
    shared_image_quota: Optional[int] = None  # how many of its images may be shared at once; None: no limit


class AccountRegistry:
    """Every account and key of one mock. ``strict`` decides whether unknown ones exist."""

    def __init__(self, strict: bool = False) -> None:
        self.strict = strict
        self.accounts: Dict[str, Account] = {}
        self.keys: Dict[str, AccessKey] = {}

    def create(self, account_id: Optional[str] = None, *, site: str = "china") -> Account:
        if site not in SITES:
            raise ValueError(f"site must be one of {SITES}, not {site!r}")
        if account_id is None:
            account_id = self._new_account_id()
        elif not (isinstance(account_id, str) and account_id.isdigit()):
            raise ValueError(f"an account id is a string of digits, not {account_id!r}")
        if account_id in self.accounts:
            raise ValueError(f"account {account_id} exists already")
        key = self._new_key(account_id)
        account = Account(account_id, key.access_key_id, key.access_key_secret, site, [key])
        self.accounts[account_id] = account
        return account

    def exists(self, account_id: str) -> bool:
        """Created accounts exist; outside strict mode so does any all-digit account id."""
        if account_id in self.accounts:
            return True
        return not self.strict and account_id.isdigit()

    def site_of(self, account_id: str) -> str:
        """The site of an account; accounts the mock did not create are taken to be on the china site."""
        account = self.accounts.get(account_id)
        return account.site if account else "china"

    def key(self, access_key_id: str) -> Optional[AccessKey]:
        return self.keys.get(access_key_id)

    def _new_account_id(self) -> str:
        while True:
            candidate = str(secrets.randbelow(9 * 10**15) + 10**15)  # 16 digits, like real UIDs
            if candidate not in self.accounts:
                return candidate

    def _new_key(self, account_id: str) -> AccessKey:
        key_id = "LTAI5t" + "".join(secrets.choice(_ALNUM) for _ in range(18))
        secret = "".join(secrets.choice(_ALNUM) for _ in range(30))
        key = AccessKey(key_id, secret, account_id)
        self.keys[key_id] = key
        return key
