"""The V2 SDK (tea-openapi ≥ 0.4): answered at ``DaraCore.do_action`` / ``async_do_action``,
which carry the full request (method, URL, headers, body). This is both the cheapest point —
no HTTP library work — and the one independent of the installed aiohttp version
(shared/sdk-wire.md §1.2–1.3); requests to other hosts go on to the real transport."""

from __future__ import annotations

from typing import Any, Dict, Optional

from ..core.wire import WireRequest, body_bytes
from .wire import Dispatch, is_aliyun_host, is_aliyun_url


class V2SdkInterceptor:
    library = "darabonba"

    def __init__(self) -> None:
        self._saved: Optional[Dict[str, Any]] = None

    def start(self, dispatch: Dispatch) -> None:
        from darabonba.core import DaraCore
        from darabonba.response import DaraResponse

        saved = {name: DaraCore.__dict__[name] for name in ("do_action", "async_do_action")}
        real_sync = saved["do_action"].__func__
        real_async = saved["async_do_action"].__func__

        def ours(request: Any) -> Optional[WireRequest]:
            """The request as the mock reads it, or None when it is bound elsewhere."""
            host = str(request.headers.get("host", "")).rstrip("/").lower()
            if host.startswith(("http://", "https://")):  # Config(endpoint="http://…") puts a URL here
                url = DaraCore.compose_url(request)
                return (
                    WireRequest.from_url(request.method, url, request.headers, request.body)
                    if is_aliyun_url(url)
                    else None
                )
            name = host.split(":")[0]
            if not is_aliyun_host(name):
                return None
            # The query is already decoded: no need to encode it into a URL and parse it back.
            pairs = [(str(k), str(v)) for k, v in (request.query or {}).items() if v is not None]
            return WireRequest(
                method=request.method.upper(),
                scheme=request.protocol.lower(),
                host=name,
                path=request.pathname or "/",
                query="",
                headers={str(k).lower(): str(v) for k, v in request.headers.items()},
                body=body_bytes(request.body),
                url=f"{request.protocol.lower()}://{host}{request.pathname}",
                decoded_query=pairs,
            )

        def answer(wire: WireRequest) -> Any:
            status, headers, payload = dispatch(wire)
            response = DaraResponse()
            response.status_code = status
            response.status_message = "OK" if status == 200 else "Error"
            response.headers = {k.lower(): v for k, v in headers}
            response.body = payload
            return response

        def do_action(request: Any, runtime_option: Any = None) -> Any:
            wire = ours(request)
            return real_sync(request, runtime_option) if wire is None else answer(wire)

        async def async_do_action(request: Any, runtime_option: Any = None) -> Any:
            wire = ours(request)
            return await real_async(request, runtime_option) if wire is None else answer(wire)

        DaraCore.do_action = staticmethod(do_action)
        DaraCore.async_do_action = staticmethod(async_do_action)
        self._saved = saved

    def stop(self) -> None:
        if self._saved is not None:
            from darabonba.core import DaraCore

            for name, descriptor in self._saved.items():
                setattr(DaraCore, name, descriptor)
            self._saved = None
