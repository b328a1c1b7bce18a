"""The two request signatures the SDKs use (shared/sdk-wire.md §3), computed from decoded values
so that every client's escaping (``%20`` or ``+``, ``*`` or ``%2A``) verifies alike.

RPC (HMAC-SHA1): the V1 SDK, and the V2 SDK with ``signature_algorithm='v2'``.
ACS3-HMAC-SHA256: the V2 SDK's default, with the signed-header list from ``Authorization``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from typing import Dict, Iterable, List, Mapping, Optional, Tuple
from urllib.parse import quote

ACS3 = "ACS3-HMAC-SHA256"
_EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()  # most requests carry no body
_ACS3_FIELD = re.compile(r"(Credential|SignedHeaders|Signature)=([^,\s]*)")

Pairs = Iterable[Tuple[str, str]]


_UNRESERVED = re.compile(r"^[A-Za-z0-9_.~-]*$")
_ENCODED: Dict[str, str] = {}  # parameter names and values recur from call to call
_ENCODED_LIMIT = 4096


def percent_encode(text: str) -> str:
    """RFC 3986: space → %20, * → %2A, ~ kept, / → %2F."""
    encoded = _ENCODED.get(text)
    if encoded is None:
        encoded = text if _UNRESERVED.match(text) else quote(text, safe="~")
        if len(_ENCODED) >= _ENCODED_LIMIT:
            _ENCODED.clear()
        _ENCODED[text] = encoded
    return encoded


def canonical_query(pairs: Pairs) -> str:
    return "&".join([f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(pairs)])


def rpc_string_to_sign(method: str, pairs: Pairs) -> str:
    unsigned = [(k, v) for k, v in pairs if k != "Signature"]
    return f"{method.upper()}&%2F&{percent_encode(canonical_query(unsigned))}"


def rpc_signature(secret: str, string_to_sign: str) -> str:
    digest = hmac.new(f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def parse_acs3_authorization(value: str) -> Optional[Tuple[str, List[str], str]]:
    """(AccessKeyId, signed header names, signature), or None when it is not a complete ACS3 header."""
    if not value.startswith(ACS3 + " "):
        return None
    fields = dict(_ACS3_FIELD.findall(value))
    if not all(fields.get(k) for k in ("Credential", "SignedHeaders", "Signature")):
        return None
    return fields["Credential"], fields["SignedHeaders"].split(";"), fields["Signature"]


def acs3_string_to_sign(
    method: str, path: str, query: Pairs, headers: Mapping[str, str], signed_headers: List[str], body: bytes
) -> str:
    """``headers`` are keyed by lower-case names, as a ``WireRequest``'s are."""
    canonical_headers = "".join([f"{name}:{headers.get(name, '').strip()}\n" for name in signed_headers])
    canonical_request = "\n".join(
        [
            method.upper(),
            quote(path, safe="/~") if path and path != "/" else "/",  # RPC-style calls all go to "/"
            canonical_query(query),
            canonical_headers,
            ";".join(signed_headers),
            hashlib.sha256(body).hexdigest() if body else _EMPTY_SHA256,
        ]
    )
    return f"{ACS3}\n{hashlib.sha256(canonical_request.encode()).hexdigest()}"


def acs3_signature(secret: str, string_to_sign: str) -> str:
    return hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()
