"""Plain ``requests`` (and the V2 SDK's old Tea stack, which sends through it), via ``responses``."""

from __future__ import annotations

from typing import Any, Optional, Tuple, cast

from ..core.wire import WireRequest
from .wire import ALIYUN_URL, NOT_ALIYUN_URL, Dispatch

_METHODS = ("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS")


class RequestsInterceptor:
    """Answers ``requests`` calls to ``*.aliyuncs.com``; every other URL passes through."""

    library = "requests"

    def __init__(self) -> None:
        self._mock: Optional[Any] = None

    def start(self, dispatch: Dispatch) -> None:
        import responses

        def callback(request: Any) -> Tuple[int, Any, bytes]:
            return dispatch(WireRequest.from_url(request.method, request.url, request.headers, request.body))

        from requests.adapters import HTTPAdapter

        # Requests to other hosts go on to whatever sent them before us — the network, or a
        # ``responses`` mock the test itself started — not straight to the network.
        # (cast: responses types this argument after an older requests' signature of HTTPAdapter.send)
        real_send = cast(Any, HTTPAdapter.send)
        mock = responses.RequestsMock(assert_all_requests_are_fired=False, real_adapter_send=real_send)
        for method in _METHODS:
            mock.add_callback(method, ALIYUN_URL, callback=callback, content_type=None)
        mock.add_passthru(NOT_ALIYUN_URL)
        mock.start()
        self._mock = mock

    def stop(self) -> None:
        if self._mock is not None:
            self._mock.stop(allow_assert=False)
            self._mock.reset()
            self._mock = None
