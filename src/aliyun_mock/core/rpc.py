"""RPC-style requests in every wire form the SDKs use, and the bodies that answer them.

Three forms reach us (shared/sdk-wire.md §2): the V1 SDK's signed query (``Action``/``Version``
in the query, HMAC-SHA1), the V2 SDK's ACS3 form (``x-acs-action``/``x-acs-version`` headers,
business parameters in the query) and the V2 SDK with ``signature_algorithm='v2'`` (like V1).
GET and form-encoded POST bodies are merged in too. Lists arrive flattened (``AddAccount.1``,
``Tag.1.Key``) and are un-flattened once here, so handlers see Python lists and dicts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple
from urllib.parse import parse_qsl

from .errors import ApiError
from .signing import parse_acs3_authorization
from .wire import WireRequest

# Parameters of the signing protocol itself, never seen by a handler.
PROTOCOL_PARAMS = frozenset(
    {
        "Action",
        "Version",
        "Format",
        "Timestamp",
        "SignatureMethod",
        "SignatureType",
        "SignatureVersion",
        "SignatureNonce",
        "AccessKeyId",
        "Signature",
        "SecurityToken",
    }
)

# Labels that may follow the product in a host name without naming a region.
_NETWORK_LABELS = frozenset({"vpc", "intranet", "internal", "share", "intl", "readonly"})


@dataclass
class RpcRequest:
    """One API call, decoded: what the router and handlers work with."""

    method: str
    host: str
    action: str
    version: str
    params: Dict[str, Any]
    signature_style: str  # "rpc" (HMAC-SHA1 query) or "acs3" (Authorization header)
    response_format: str = "JSON"
    access_key_id: str = ""
    security_token: str = ""
    host_product: str = ""
    host_region: str = ""
    raw_pairs: List[Tuple[str, str]] = field(default_factory=list)  # query and form body, decoded
    query_pairs: List[Tuple[str, str]] = field(default_factory=list)
    authorization: Optional[Tuple[str, List[str], str]] = None  # ACS3: key id, signed headers, signature
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    path: str = "/"


def parse_request(request: WireRequest) -> RpcRequest:
    """Decode a request into an ``RpcRequest``; raise ``ApiError`` for what is malformed."""
    query_pairs = request.query_pairs()
    pairs = list(query_pairs)
    body = request.body
    if body and request.content_type == "application/x-www-form-urlencoded":
        pairs.extend(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    flat = dict(pairs)
    headers = request.headers

    authorization = None
    if "Action" in flat:
        style, action, version = "rpc", flat.get("Action", ""), flat.get("Version", "")
        access_key_id = flat.get("AccessKeyId", "")
        security_token = flat.get("SecurityToken", "")
    else:
        style, action, version = "acs3", headers.get("x-acs-action", ""), headers.get("x-acs-version", "")
        authorization = parse_acs3_authorization(headers.get("authorization", ""))
        access_key_id = authorization[0] if authorization else ""
        security_token = headers.get("x-acs-security-token", "")
    if not action:
        raise ApiError("MissingAction")
    if not version:
        raise ApiError("MissingVersion")

    response_format = _response_format(flat.get("Format"), style)
    host = request.host
    product, region = split_host(host)
    params = unflatten((k, v) for k, v in flat.items() if k not in PROTOCOL_PARAMS)
    return RpcRequest(
        method=request.method,
        host=host,
        action=action,
        version=version,
        params=params,
        signature_style=style,
        response_format=response_format,
        access_key_id=access_key_id,
        security_token=security_token,
        host_product=product,
        host_region=region,
        raw_pairs=pairs,
        query_pairs=query_pairs,
        authorization=authorization,
        headers=headers,
        body=body,
        path=request.path,
    )


def region_of(rpc: RpcRequest) -> str:
    """The RegionId parameter, or else the region named by the endpoint host."""
    value = rpc.params.get("RegionId")
    return value if isinstance(value, str) and value else rpc.host_region


def _response_format(value: Optional[str], style: str) -> str:
    if value is None:
        # The RPC protocol's historical default is XML; the ACS3 form always means JSON.
        return "XML" if style == "rpc" else "JSON"
    upper = value.upper()
    if upper not in ("JSON", "XML"):
        raise ApiError("InvalidParameter.Format")
    return upper


API_HOST_SUFFIX = ".aliyuncs.com"  # every Alibaba Cloud API host ends so


@lru_cache(maxsize=512)
def split_host(host: str) -> Tuple[str, str]:
    """``ecs-cn-hangzhou.aliyuncs.com`` → ("ecs", "cn-hangzhou"); non-Aliyun hosts → ("", "")."""
    if not host.endswith(API_HOST_SUFFIX):
        return "", ""
    labels = host[: -len(API_HOST_SUFFIX)].split(".")
    product, _, rest = labels[0].partition("-")
    region = labels[1] if len(labels) > 1 else rest
    if region in _NETWORK_LABELS:
        region = ""
    return product, region


MAX_NAME_DEPTH = 8  # Tag.1.Key, Permissions.1.Description, SystemDisk.…: the deepest names go four
MAX_POSITION_DIGITS = 9
MAX_NAMED = 200  # how much of an unreadable name its error repeats


def _overlong_position(parts: List[str]) -> bool:
    """A list position of more digits than any list has (only a long name can hold one)."""
    return any(p.isascii() and p.isdigit() and len(p) > MAX_POSITION_DIGITS for p in parts)


def unflatten(pairs: Iterable[Tuple[str, Any]]) -> Dict[str, Any]:
    """``AddAccount.2=b, AddAccount.1=a, Tag.1.Key=k`` → ``{"AddAccount": ["a", "b"], "Tag": [{"Key": "k"}]}``.

    A numeric segment (ASCII digits) is a 1-based list position (gaps close up, order follows the
    numbers); any other segment is a dict key. A name used both as a scalar and as a container keeps
    the container: the real gateway reads only the form that the action declares. A long name no API
    spells — more than ``MAX_NAME_DEPTH`` segments, or a position of more than ``MAX_POSITION_DIGITS``
    digits — is ``InvalidParameter`` naming it (a short one cannot nest deep enough to matter).
    """
    tree: Dict[str, Any] = {}
    containers = []
    for key, value in pairs:
        if "." not in key:  # the common case: a plain name
            if not isinstance(tree.get(key), dict):
                tree[key] = value
            continue
        parts = key.split(".")
        if len(key) > MAX_NAMED and (len(parts) > MAX_NAME_DEPTH or _overlong_position(parts)):  # short names are fine
            raise ApiError("InvalidParameter", key[:MAX_NAMED])
        node = tree
        for part in parts[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
                if node is tree:
                    containers.append(part)
            node = child
        last = parts[-1]
        if not isinstance(node.get(last), dict):
            node[last] = value
    for name in containers:
        tree[name] = _lists_from_numeric_keys(tree[name])
    return tree


def _lists_from_numeric_keys(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    converted = {k: _lists_from_numeric_keys(v) for k, v in node.items()}
    if converted and all(k.isascii() and k.isdigit() for k in converted):
        return [converted[k] for k in sorted(converted, key=int)]
    return converted


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def render(body: Mapping[str, Any], response_format: str, root: str) -> Tuple[bytes, str]:
    """Serialise a body as the client asked: (bytes, content type)."""
    if response_format == "XML":
        xml = "<?xml version='1.0' encoding='UTF-8'?>" + _xml_element(root, body)
        return xml.encode("utf-8"), "text/xml;charset=utf-8"
    return _JSON.encode(body).encode("utf-8"), "application/json;charset=utf-8"


def _xml_element(name: str, value: Any) -> str:
    if isinstance(value, dict):
        inner = "".join(_xml_children(k, v) for k, v in value.items())
        return f"<{name}>{inner}</{name}>"
    if isinstance(value, bool):
        value = "true" if value else "false"
    return f"<{name}>{_escape('' if value is None else str(value))}</{name}>"


def _xml_children(name: str, value: Any) -> str:
    if isinstance(value, list):  # a list repeats its element: <Image>…</Image><Image>…</Image>
        return "".join(_xml_element(name, item) for item in value)
    return _xml_element(name, value)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
