"""Transports: where each HTTP client hands its requests to the mock.

Each interceptor patches one client library while a mock is active and lets every request to a
non-Aliyun host through untouched. Libraries that are not installed are simply skipped.
"""

from __future__ import annotations

import importlib.util
from typing import List, Protocol

from .network_guard import NetworkGuard
from .requests_transport import RequestsInterceptor
from .v1_sdk import V1SdkInterceptor
from .v2_sdk import v2_sdk_interceptors
from .wire import Dispatch


class Interceptor(Protocol):
    library: str

    def start(self, dispatch: Dispatch) -> None: ...

    def stop(self) -> None: ...


def available_interceptors() -> List[Interceptor]:
    """One interceptor per installed client library."""
    candidates: List[Interceptor] = [NetworkGuard(), RequestsInterceptor(), V1SdkInterceptor(), *v2_sdk_interceptors()]
    return [c for c in candidates if importlib.util.find_spec(c.library) is not None]
