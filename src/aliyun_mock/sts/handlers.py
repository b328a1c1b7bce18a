"""AssumeRole and GetCallerIdentity."""

from __future__ import annotations

import hashlib
import json
import re

from ..core.accounts import AccountRegistry
from ..core.app import Call
from ..core.errors import ApiError
from ..core.product import Body
from .product import STS

_ROLE_ARN = re.compile(r"^acs:ram::(\d+):role/([A-Za-z0-9._\-]{1,64})$", re.IGNORECASE)
_SESSION_NAME = re.compile(r"^[A-Za-z0-9.@\-_]{2,64}$")
MIN_DURATION_SECONDS, MAX_DURATION_SECONDS = 900, 3600
MAX_POLICY_BYTES = 2048  # a role's default maximum session: 1 hour


def role_id(account_id: str, role_name: str) -> str:
    """A stable numeric RoleId for a role, as RAM shows one."""
    return str(int(hashlib.sha1(f"{account_id}:{role_name.lower()}".encode()).hexdigest()[:15], 16))


@STS.action("AssumeRole", not_implemented=("ExternalId", "SourceIdentity"))
def assume_role(
    call: Call[AccountRegistry], *, RoleArn: str, RoleSessionName: str, DurationSeconds: int = 3600, Policy: str = ""
) -> Body:
    match = _ROLE_ARN.match(RoleArn)
    if match is None:
        raise ApiError("InvalidParameter.RoleArn")
    if not _SESSION_NAME.match(RoleSessionName):
        raise ApiError("InvalidParameter.RoleSessionName")
    if not MIN_DURATION_SECONDS <= DurationSeconds <= MAX_DURATION_SECONDS:
        raise ApiError("InvalidParameter.DurationSeconds")
    if len(Policy.encode()) > MAX_POLICY_BYTES:
        raise ApiError("InvalidParameter.PolicySize")
    if Policy:
        try:
            json.loads(Policy)
        except ValueError:
            raise ApiError("InvalidParameter.PolicyGrammar") from None
    account_id, role_name = match.groups()
    accounts = call.state
    account = accounts.accounts.get(account_id)
    if account is None and accounts.exists(account_id):  # outside strict mode any account exists
        account = accounts.create(account_id)
    # Role names are case-insensitive, as RAM shows them lower-case in ARNs (AssumedRoleUser below).
    if account is None or (accounts.strict and role_name.lower() not in {r.lower() for r in account.roles}):
        raise ApiError("EntityNotExist.Role", RoleArn)
    trusted = next((who for name, who in account.role_trust.items() if name.lower() == role_name.lower()), None)
    if trusted is not None and trusted != call.account.account_id:
        raise ApiError("NoPermission")
    credentials = accounts.issue_sts(account_id, DurationSeconds, RoleArn, RoleSessionName)
    rid = role_id(account_id, role_name)
    return {
        "AssumedRoleUser": {
            "Arn": f"acs:ram::{account_id}:role/{role_name.lower()}/{RoleSessionName}",
            "AssumedRoleId": f"{rid}:{RoleSessionName}",
        },
        "Credentials": {
            "AccessKeyId": credentials.access_key_id,
            "AccessKeySecret": credentials.access_key_secret,
            "SecurityToken": credentials.security_token,
            "Expiration": credentials.expiration_iso,
        },
    }


@STS.action("GetCallerIdentity")
def get_caller_identity(call: Call[AccountRegistry]) -> Body:
    account_id = call.account.account_id
    sts = call.state.sts.get(call.request.access_key_id)
    if sts is None:
        return {
            "AccountId": account_id,
            "UserId": account_id,
            "PrincipalId": account_id,
            "Arn": f"acs:ram::{account_id}:root",
            "IdentityType": "Account",
        }
    role_name = sts.role_arn.rsplit("/", 1)[-1].lower() if sts.role_arn else "aliyun-mock"
    session = sts.session_name or "aliyun-mock"
    rid = role_id(account_id, role_name)
    return {
        "AccountId": account_id,
        "UserId": f"{rid}:{session}",
        "PrincipalId": f"{rid}:{session}",
        "RoleId": rid,
        "Arn": f"acs:ram::{account_id}:assumed-role/{role_name}/{session}",
        "IdentityType": "AssumedRoleUser",
    }
