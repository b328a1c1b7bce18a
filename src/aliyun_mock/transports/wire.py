"""What every transport shares: which URLs are the mock's, and the call into the active mock."""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import Callable

from ..core.wire import WireAnswer, WireRequest

# dispatch(request) → (status, headers, body): the active mock's application.
Dispatch = Callable[[WireRequest], WireAnswer]

_ALIYUN_URL = r"https?://(?:[^/?#@]*@)?(?:[a-z0-9-]+\.)*aliyuncs\.com(?::\d+)?(?:[/?#]|$)"
ALIYUN_URL = re.compile("^" + _ALIYUN_URL, re.IGNORECASE)
# Any URL whose host is not an Alibaba Cloud API host: what transports let through untouched.
NOT_ALIYUN_URL = re.compile(f"^(?!{_ALIYUN_URL})", re.IGNORECASE)


_ALIYUN_HOST = re.compile(r"^(?:[a-z0-9-]+\.)*aliyuncs\.com$", re.IGNORECASE)


def reason_phrase(status: int) -> str:
    """The standard reason phrase of an HTTP status ("Not Found"), as a real response carries."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def is_aliyun_url(url: str) -> bool:
    return bool(ALIYUN_URL.match(url))


def is_aliyun_host(host: str) -> bool:
    """A host name (no port) of an Alibaba Cloud API endpoint."""
    return bool(_ALIYUN_HOST.match(host))
