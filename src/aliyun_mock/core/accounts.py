"""Alibaba Cloud accounts and their AccessKey pairs, as the mock knows them."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Set

from .entropy import ALNUM, Entropy

SITES = ("china", "international")


@dataclass
class AccessKey:
    access_key_id: str
    access_key_secret: str
    account_id: str
    active: bool = True


@dataclass
class StsCredentials:
    """Temporary credentials: ``cloud.create_sts_credentials(account)`` or STS AssumeRole."""

    access_key_id: str
    access_key_secret: str
    security_token: str
    account_id: str
    expiration: float  # epoch seconds
    role_arn: str = ""
    session_name: str = ""

    @property
    def expiration_iso(self) -> str:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.expiration))


@dataclass
class Account:
    """An Alibaba Cloud account (a UID): ``cloud.create_account(site="international")``.

    ``conditions`` are settings of the real account that no API call sets, declared by the
    products that read them (name → value, e.g. ECS's ``community_terms_signed``); each reads and
    writes as an attribute: ``account.community_terms_signed = False``.
    """

    account_id: str
    access_key_id: str
    access_key_secret: str
    site: str = "china"
    keys: List[AccessKey] = field(default_factory=list, repr=False)
    roles: Set[str] = field(default_factory=set)  # RAM roles, e.g. AliyunECSShareEncryptImageDefaultRole
    # The one account a role trusts, for roles whose trust policy the mock knows (role name → account
    # id); any other caller of AssumeRole on it is refused. Roles not named here trust every account.
    role_trust: Dict[str, str] = field(default_factory=dict)
    conditions: Dict[str, Any] = field(default_factory=dict, repr=False)

    def __getattr__(self, name: str) -> Any:
        conditions = self.__dict__.get("conditions")
        if conditions is not None and name in conditions:
            return conditions[name]
        raise AttributeError(f"'Account' object has no attribute {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        conditions = self.__dict__.get("conditions")
        if conditions is not None and name in conditions:
            conditions[name] = value
        else:
            object.__setattr__(self, name, value)


class AccountRegistry:
    """Every account and key of one mock. ``strict`` decides whether unknown ones exist."""

    def __init__(self, entropy: Entropy, strict: bool = False, conditions: Optional[Mapping[str, Any]] = None) -> None:
        self.entropy = entropy
        self.strict = strict
        self.conditions = dict(conditions or {})  # every account's conditions, with their defaults
        self.accounts: Dict[str, Account] = {}
        self.keys: Dict[str, AccessKey] = {}
        self.sts: Dict[str, StsCredentials] = {}  # by their AccessKeyId ("STS.…")

    def create(self, account_id: Optional[str] = None, *, site: str = "china") -> Account:
        if site not in SITES:
            raise ValueError(f"site must be one of {SITES}, not {site!r}")
        if account_id is None:
            account_id = self._new_account_id()
        check_account_id(account_id)
        if account_id in self.accounts:
            raise ValueError(f"account {account_id} exists already")
        key = self._new_key(account_id)
        account = Account(
            account_id, key.access_key_id, key.access_key_secret, site, [key], conditions=dict(self.conditions)
        )
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

    def add_key(
        self, account: Account, access_key_id: Optional[str] = None, access_key_secret: Optional[str] = None
    ) -> AccessKey:
        """Another key pair for ``account`` (random unless given)."""
        if access_key_id is not None and (access_key_id in self.keys or access_key_id in self.sts):
            raise ValueError(f"access key {access_key_id} exists already")
        key = self._new_key(account.account_id, access_key_id, access_key_secret)
        account.keys.append(key)
        return key

    def issue_sts(
        self, account_id: str, duration_seconds: int, role_arn: str = "", session_name: str = ""
    ) -> StsCredentials:
        credentials = StsCredentials(
            access_key_id="STS." + self.entropy.string(ALNUM, 25),
            access_key_secret=self.entropy.string(ALNUM, 44),
            security_token="CAIS" + self.entropy.string(ALNUM + "+/", 300),
            account_id=account_id,
            expiration=self.entropy.now() + duration_seconds,
            role_arn=role_arn,
            session_name=session_name,
        )
        self.sts[credentials.access_key_id] = credentials
        return credentials

    def _new_account_id(self) -> str:
        while True:
            candidate = str(self.entropy.below(9 * 10**15) + 10**15)  # 16 digits, like real UIDs
            if candidate not in self.accounts:
                return candidate

    def _new_key(self, account_id: str, key_id: Optional[str] = None, secret: Optional[str] = None) -> AccessKey:
        key = AccessKey(
            key_id or "LTAI5t" + self.entropy.string(ALNUM, 18), secret or self.entropy.string(ALNUM, 30), account_id
        )
        self.keys[key.access_key_id] = key
        return key


def check_account_id(account_id: Any) -> None:
    """An account id is a string of digits; anything else is ``ValueError``."""
    if not (isinstance(account_id, str) and account_id.isdigit()):
        raise ValueError(f"an account id is a string of digits, not {account_id!r}")
