"""Who is calling: the AccessKeyId (or STS credentials) a request was signed with, verified.

Order of checks, as the gateway reads a request (api-facts §6): the key exists, is active, its
STS token matches and is current; in strict mode the timestamp is within the window; the
signature matches; in strict mode the nonce is fresh. Time and nonce are strict-only so tests
that freeze time keep working by default.
"""

from __future__ import annotations

import calendar
import time
from typing import Optional, Set, Tuple

from .accounts import Account, AccountRegistry, StsCredentials
from .errors import ApiError
from .rpc import RpcRequest
from .signing import (
    acs3_signature,
    acs3_string_to_sign,
    rpc_signature,
    rpc_string_to_sign,
)

TIMESTAMP_WINDOW_SECONDS = 15 * 60


class Authenticator:
    def __init__(self, accounts: AccountRegistry, default_account: Account, *, strict: bool) -> None:
        self.accounts = accounts
        self.default_account = default_account
        self.strict = strict
        self._nonces: Set[Tuple[str, str]] = set()

    def caller(self, rpc: RpcRequest) -> Account:
        """The account ``rpc`` acts as; unknown keys are the default account unless strict."""
        if not rpc.access_key_id:
            if self.strict:
                raise ApiError("MissingAccessKeyId")
            return self.default_account
        secret, account_id = self._credential(rpc)
        if secret is None:
            return self.default_account
        if self.strict:
            self._check_timestamp(rpc)
        self._check_signature(rpc, secret)
        if self.strict:
            self._check_nonce(rpc)
        return self.accounts.accounts[account_id]

    def _credential(self, rpc: RpcRequest) -> Tuple[Optional[str], str]:
        """(secret, account id) of the request's key; (None, "") for an unknown key outside strict mode."""
        sts = self.accounts.sts.get(rpc.access_key_id)
        if sts is not None:
            self._check_token(rpc, sts)
            return sts.access_key_secret, sts.account_id
        key = self.accounts.key(rpc.access_key_id)
        if key is None:
            if self.strict:
                raise ApiError("InvalidAccessKeyId.NotFound")
            return None, ""
        if not key.active:
            raise ApiError("InvalidAccessKeyId.Inactive")
        return key.access_key_secret, key.account_id

    def _check_token(self, rpc: RpcRequest, sts: StsCredentials) -> None:
        if not rpc.security_token:
            raise ApiError("MissingSecurityToken")
        if not rpc.security_token.startswith("CAIS"):
            raise ApiError("InvalidSecurityToken.Malformed")
        if rpc.security_token != sts.security_token:
            raise ApiError("InvalidSecurityToken.MismatchWithAccessKey")
        if self.accounts.entropy.now() >= sts.expiration:
            raise ApiError("InvalidSecurityToken.Expired")

    def _check_signature(self, rpc: RpcRequest, secret: str) -> None:
        if rpc.signature_style == "rpc":
            signature = dict(rpc.raw_pairs).get("Signature")
            if not signature:
                raise ApiError("IncompleteSignature")
            string_to_sign = rpc_string_to_sign(rpc.method, rpc.raw_pairs)
            expected = rpc_signature(secret, string_to_sign)
        else:
            authorization = rpc.authorization
            if authorization is None:
                raise ApiError("IncompleteSignature")
            _, signed_headers, signature = authorization
            string_to_sign = acs3_string_to_sign(
                rpc.method, rpc.path, rpc.query_pairs, rpc.headers, signed_headers, rpc.body
            )
            expected = acs3_signature(secret, string_to_sign)
        if signature != expected:
            raise ApiError("SignatureDoesNotMatch", string_to_sign)

    @staticmethod
    def _check_timestamp(rpc: RpcRequest) -> None:
        stamp = dict(rpc.raw_pairs).get("Timestamp") if rpc.signature_style == "rpc" else rpc.headers.get("x-acs-date")
        try:
            when = calendar.timegm(time.strptime(stamp or "", "%Y-%m-%dT%H:%M:%SZ"))
        except ValueError:
            raise ApiError("InvalidTimeStamp.Format") from None
        if abs(time.time() - when) > TIMESTAMP_WINDOW_SECONDS:
            raise ApiError("InvalidTimeStamp.Expired")

    def _check_nonce(self, rpc: RpcRequest) -> None:
        nonce = (
            dict(rpc.raw_pairs).get("SignatureNonce")
            if rpc.signature_style == "rpc"
            else rpc.headers.get("x-acs-signature-nonce")
        )
        if nonce:
            seen = (rpc.access_key_id, nonce)
            if seen in self._nonces:
                raise ApiError("SignatureNonceUsed")
            self._nonces.add(seen)
