"""What keeps a served mock to the clients it was started for.

A browser page on another origin can send "simple" requests to any local port, and a page whose
domain is re-bound to 127.0.0.1 can even read the answers. So the server (``ServerApp``) answers
only requests whose ``Host`` names it — loopback names, the address it is bound to, names given
with ``--allow-host``, and, for the cloud's API only, Alibaba Cloud's own host names (proxy-form
requests and clients that keep the real host) — and refuses every request whose ``Origin`` is
another origin: browsers send that header on cross-origin requests, SDKs never do. A request that
changes the mock through the admin API must also carry a JSON body (``Content-Type:
application/json``) or none at all, which no HTML form can send. No CORS header is ever sent.

The request log, off by default, never shows credentials: the values of query parameters that
carry them are replaced by ``***``.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_ADDRESSES = frozenset({"", "0.0.0.0", "::"})
API_HOST_SUFFIX = ".aliyuncs.com"
_SECRET_PARAMETER = re.compile(r"([?&][^=&]*(?:AccessKey|Signature|SecurityToken|Secret|Password|Token)[^=&]*=)[^&\s]*",
                               re.IGNORECASE)  # fmt: skip


def host_name(host: str) -> str:
    """``Host`` header → the name alone, lower-case: ``[::1]:8899`` → ``::1``, ``LocalHost:80`` → ``localhost``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class HostPolicy:
    """Which ``Host`` and ``Origin`` values a server started on ``bound`` (its address) answers."""

    def __init__(self, bound: str, port: int, allowed: Iterable[str] = ()) -> None:
        names = set(LOOPBACK_NAMES) | {host_name(name) for name in allowed}
        if bound not in WILDCARD_ADDRESSES:
            names.add(host_name(bound))
        self.names = frozenset(names)
        self.port = port

    def serves(self, host: str, *, api: bool) -> bool:
        name = host_name(host)
        return name in self.names or (api and name.endswith(API_HOST_SUFFIX))

    def same_origin(self, origin: Optional[str]) -> bool:
        """No ``Origin`` header (SDKs, curl), or this server's own origin (its dashboard)."""
        if origin is None:
            return True
        parts = urlsplit(origin)
        try:
            port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
        except ValueError:
            return False
        return parts.scheme == "http" and (parts.hostname or "") in self.names and port == self.port


def safe_body(method: str, content_type: Optional[str], content_length: int) -> bool:
    """Whether an admin request may change the mock: reading, or a JSON body, or no body at all."""
    if method in ("GET", "HEAD", "OPTIONS"):
        return True
    if content_type:
        return content_type.split(";")[0].strip().lower() == "application/json"
    return content_length == 0


def redact(request_line: str) -> str:
    """A request line for the log, with every credential-bearing query value replaced by ``***``."""
    return _SECRET_PARAMETER.sub(r"\1***", request_line)
