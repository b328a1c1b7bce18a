"""What keeps a served mock to the clients it was started for.

A browser page on another origin can send "simple" requests to any local port, and a page whose
domain is re-bound to 127.0.0.1 can even read the answers. So the server (``ServerApp``) answers
only requests whose ``Host`` names it — loopback names, the address it is bound to, names given
with ``--allow-host``, and, for the cloud's API only, Alibaba Cloud's own host names (proxy-form
requests and clients that keep the real host) — and refuses every request whose ``Origin`` is
another origin: browsers send that header on cross-origin requests, SDKs never do. A request that
changes the mock through the admin API must also carry a JSON body (``Content-Type:
application/json``) or none at all, which no HTML form can send. No CORS header is ever sent.

Every body is read before the application sees it, to a limit (413 beyond it), within the
handler's read timeout; a body cut short or badly chunked is a 400, never a traceback.

The request log, off by default, never shows credentials: the values of query parameters that
carry them are replaced by ``***``.
"""

from __future__ import annotations

import io
from typing import Any, Dict, Iterable, Optional
from urllib.parse import urlsplit

from .core.rpc import API_HOST_SUFFIX

REFUSED = "AliyunMock.Forbidden"  # the codes of API requests this module refuses
TOO_LARGE = "AliyunMock.RequestTooLarge"
MALFORMED = "AliyunMock.MalformedRequest"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_ADDRESSES = frozenset({"", "0.0.0.0", "::"})


def host_name(host: str) -> str:
    """``Host`` header → the name alone, lower-case: ``[::1]:8899`` → ``::1``, ``LocalHost:80`` → ``localhost``
    (anything after an IPv6 address's bracket but a port makes no name: ``[::1]evil`` → ``""``)."""
    host = host.strip().lower()
    if host.startswith("["):
        end = host.find("]")
        rest = host[end + 1 :] if end > 0 else "x"
        return host[1:end] if rest == "" or (rest.startswith(":") and rest[1:].isdigit()) else ""
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

    def same_origin(
        self, origin: Optional[str], fetch_site: Optional[str] = None, referer: Optional[str] = None
    ) -> bool:
        """No browser's mark of another origin: an ``Origin`` or ``Referer`` of another origin, or a
        ``Sec-Fetch-Site`` other than ``same-origin``/``none`` (browsers send it even on the GET of an
        ``<img>``, which carries no ``Origin``). SDKs and curl send none of them."""
        if fetch_site is not None and fetch_site.strip().lower() not in ("same-origin", "none"):
            return False
        if referer is not None and not self._own(referer):
            return False
        return origin is None or self._own(origin)

    def _own(self, url: str) -> bool:
        parts = urlsplit(url)
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


class RequestFault(Exception):
    """A request the server refuses before the application sees it, with its HTTP ``status`` and
    ``code``: not its client's (403, 415), too large (413), unreadable (400), not served (501)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code


def buffer_body(environ: Dict[str, Any], limit: int) -> None:
    """Read the whole body now, at most ``limit`` bytes, and hand the application a complete one:
    a body larger than the limit, shorter than its ``Content-Length``, badly chunked or not sent
    within the read timeout is a ``RequestFault``, never a traceback."""
    stream = environ["wsgi.input"]
    length = environ.get("CONTENT_LENGTH") or ""
    try:
        if length:
            if not length.isdigit():
                raise RequestFault(400, MALFORMED, "the Content-Length header is not a number")
            if int(length) > limit:
                raise _too_large(limit)
            body = stream.read(int(length)) if int(length) else b""
            if len(body) < int(length):
                raise RequestFault(400, MALFORMED, "the body is shorter than its Content-Length")
        elif environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked":
            body = b""
            while True:
                chunk = stream.read(65536)
                if not chunk:
                    break
                body += chunk
                if len(body) > limit:
                    raise _too_large(limit)
        else:
            body = b""
    except (OSError, ValueError) as error:  # a timed-out socket, a broken chunk
        raise RequestFault(400, MALFORMED, f"the request body could not be read ({error})") from None
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    environ["wsgi.input_terminated"] = False


def _too_large(limit: int) -> RequestFault:
    return RequestFault(413, TOO_LARGE, f"a request body may be {limit} bytes at the most")
