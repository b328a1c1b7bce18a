"""One HTTP exchange, as the application sees it, whichever way it arrived.

In process, the transports build a ``WireRequest`` straight from the client library's own
request object (method, URL, headers, body are all there); over HTTP, the WSGI entry point builds
one from the environ with werkzeug. Both then take the same path through the application.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union, cast
from urllib.parse import parse_qsl, unquote, urlsplit

Headers = List[Tuple[str, str]]
WireAnswer = Tuple[int, Headers, bytes]


@dataclass
class WireRequest:
    method: str
    scheme: str
    host: str  # lower case, without the port
    path: str
    query: str  # the raw query string
    headers: Dict[str, str]  # lower-case names
    body: bytes
    url: str
    decoded_query: Optional[List[Tuple[str, str]]] = None  # when the client hands over decoded pairs

    @classmethod
    def from_url(cls, method: str, url: str, headers: Mapping[str, Any], body: Any) -> "WireRequest":
        parts = urlsplit(url)
        return cls(
            method=method.upper(),
            scheme=parts.scheme or "http",
            host=(parts.hostname or "").lower(),
            path=parts.path or "/",
            query=parts.query,
            headers={str(k).lower(): str(v) for k, v in headers.items()},
            body=body_bytes(body),
            url=url,
        )

    @classmethod
    def from_environ(cls, environ: Dict[str, Any]) -> "WireRequest":
        from werkzeug.wrappers import Request

        request = Request(environ)
        return cls(
            method=request.method.upper(),
            scheme=request.scheme,
            host=request.host.split(":")[0].lower(),
            path=request.path,
            query=request.query_string.decode("latin-1"),
            headers={k.lower(): v for k, v in request.headers.items()},
            body=request.get_data(),
            url=request.url,
        )

    def query_pairs(self) -> List[Tuple[str, str]]:
        if self.decoded_query is not None:
            return list(self.decoded_query)
        return parse_qsl(self.query, keep_blank_values=True)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def body_bytes(body: Union[None, str, bytes, bytearray, Any]) -> bytes:
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if hasattr(body, "read"):
        return cast(bytes, body.read())
    return b"".join(chunk.encode("utf-8") if isinstance(chunk, str) else chunk for chunk in body)


_PARAMETER = re.compile(r"([?&])([^=&\s]*)=([^&\s']*)")
_SECRET_NAME = re.compile(r"AccessKey|Signature|SecurityToken|Secret|Password|Token", re.IGNORECASE)


def redact(text: str) -> str:
    """A request line (or a message quoting one) for the log, with the value of every query parameter
    whose name — percent-decoded — carries credentials replaced by ``***``."""

    def masked(match: "re.Match[str]") -> str:
        name = unquote(match.group(2))
        return match.group(1) + match.group(2) + "=" + ("***" if _SECRET_NAME.search(name) else match.group(3))

    return _PARAMETER.sub(masked, text)
