"""The V2 SDK, answered at its own send points: ``DaraCore.do_action`` / ``async_do_action``
(tea-openapi ≥ 0.4, darabonba) and ``TeaCore.do_action`` / ``async_do_action`` (tea-openapi 0.3,
and the credential providers of either stack). Both carry the full request (method, host, path,
decoded query, headers, body), so this is the cheapest point — no HTTP library work — and the one
independent of the installed aiohttp version (shared/sdk-wire.md §1.2–1.3, §4.3). Requests bound
elsewhere go on to the real transport.
"""

from __future__ import annotations

import importlib
from typing import Any, Dict, Optional

from ..core.wire import WireRequest, body_bytes
from .wire import Dispatch, is_aliyun_host, is_aliyun_url, reason_phrase


class SendPointInterceptor:
    """Patches the ``do_action``/``async_do_action`` static methods of one core class."""

    def __init__(self, library: str, core: str, response: str) -> None:
        self.library = library
        self._core, self._response = core, response  # "module:Class"
        self._saved: Optional[Dict[str, Any]] = None

    @staticmethod
    def _load(path: str) -> Any:
        module, name = path.split(":")
        return getattr(importlib.import_module(module), name)

    def start(self, dispatch: Dispatch) -> None:
        core, response_type = self._load(self._core), self._load(self._response)
        saved = {name: core.__dict__[name] for name in ("do_action", "async_do_action")}
        real_sync = saved["do_action"].__func__
        real_async = saved["async_do_action"].__func__

        def ours(request: Any) -> Optional[WireRequest]:
            """The request as the mock reads it, or None when it is bound elsewhere."""
            host = str(request.headers.get("host", "")).rstrip("/").lower()
            if host.startswith(("http://", "https://")):  # Config(endpoint="http://…") puts a URL here
                url = core.compose_url(request)
                if not is_aliyun_url(url):
                    return None
                return WireRequest.from_url(request.method, url, request.headers, request.body)
            name = host.split(":")[0]
            if not is_aliyun_host(name):
                return None
            # The query is already decoded: no need to encode it into a URL and parse it back.
            # (Names and values are strings already, but a caller's own query may hold other types.)
            pairs = [
                (k if type(k) is str else str(k), v if type(v) is str else str(v))
                for k, v in (request.query or {}).items()
                if v is not None
            ]
            return WireRequest(
                method=request.method.upper(),
                scheme=request.protocol.lower(),
                host=name,
                path=request.pathname or "/",
                query="",
                headers={str(k).lower(): v if type(v) is str else str(v) for k, v in request.headers.items()},
                body=body_bytes(request.body),
                url=f"{request.protocol.lower()}://{host}{request.pathname}",
                decoded_query=pairs,
            )

        def answer(wire: WireRequest) -> Any:
            status, headers, payload = dispatch(wire)
            response = response_type()
            response.status_code = status
            response.status_message = reason_phrase(status)
            response.headers = {k.lower(): v for k, v in headers}
            response.body = payload
            return response

        def do_action(request: Any, runtime_option: Any = None) -> Any:
            wire = ours(request)
            return real_sync(request, runtime_option) if wire is None else answer(wire)

        async def async_do_action(request: Any, runtime_option: Any = None) -> Any:
            wire = ours(request)
            return await real_async(request, runtime_option) if wire is None else answer(wire)

        core.do_action = staticmethod(do_action)
        core.async_do_action = staticmethod(async_do_action)
        self._saved = saved

    def stop(self) -> None:
        if self._saved is not None:
            core = self._load(self._core)
            for name, descriptor in self._saved.items():
                setattr(core, name, descriptor)
            self._saved = None


def v2_sdk_interceptors() -> "list[SendPointInterceptor]":
    """darabonba (tea-openapi ≥ 0.4) and Tea (tea-openapi 0.3, the credential providers)."""
    return [
        SendPointInterceptor("darabonba", "darabonba.core:DaraCore", "darabonba.response:DaraResponse"),
        SendPointInterceptor("Tea", "Tea.core:TeaCore", "Tea.response:TeaResponse"),
    ]
