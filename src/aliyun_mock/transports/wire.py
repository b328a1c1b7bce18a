"""What every transport shares: which URLs are ours, and one HTTP exchange as a WSGI call."""
from __future__ import annotations

import io
import re
import sys
from typing import Any, Callable, Dict, Iterable, List, Mapping, Tuple, Union
from urllib.parse import urlsplit

from werkzeug.wrappers import Request

Headers = List[Tuple[str, str]]
WireAnswer = Tuple[int, Headers, bytes]
# dispatch(wsgi_environ) → (status, headers, body): the active mock's application.
Dispatch = Callable[[Dict[str, Any]], WireAnswer]

_ALIYUN_URL = r"https?://(?:[^/?#@]*@)?(?:[a-z0-9-]+\.)*aliyuncs\.com(?::\d+)?(?:[/?#]|$)"
ALIYUN_URL = re.compile("^" + _ALIYUN_URL, re.IGNORECASE)
# Any URL whose host is not an Alibaba Cloud API host: what transports let through untouched.
NOT_ALIYUN_URL = re.compile(f"^(?!{_ALIYUN_URL})", re.IGNORECASE)


def is_aliyun_url(url: str) -> bool:
    return bool(ALIYUN_URL.match(url))


def body_bytes(body: Union[None, str, bytes, bytearray, Iterable[bytes]]) -> bytes:
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if hasattr(body, "read"):
        return body.read()
    return b"".join(chunk.encode("utf-8") if isinstance(chunk, str) else chunk for chunk in body)


def wsgi_environ(method: str, url: str, headers: Mapping[str, str], body: bytes) -> Dict[str, Any]:
    """The WSGI environ a server would build for this request."""
    parts = urlsplit(url)
    scheme = parts.scheme or "http"
    host = parts.hostname or ""
    port = str(parts.port or (443 if scheme == "https" else 80))
    environ: Dict[str, Any] = {
        "REQUEST_METHOD": method.upper(),
        "SCRIPT_NAME": "",
        "PATH_INFO": parts.path or "/",
        "QUERY_STRING": parts.query,
        "SERVER_NAME": host,
        "SERVER_PORT": port,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    for name, value in headers.items():
        key = name.upper().replace("-", "_")
        if key == "CONTENT_TYPE":
            environ["CONTENT_TYPE"] = value
        elif key != "CONTENT_LENGTH":
            environ["HTTP_" + key] = value
    environ.setdefault("HTTP_HOST", parts.netloc.rsplit("@", 1)[-1])
    return environ


def answer_with(app_answer: Callable[[Request], WireAnswer]) -> Dispatch:
    """Adapt an application's ``answer(Request)`` to a transport's ``dispatch(environ)``."""
    return lambda environ: app_answer(Request(environ))
