"""The V2 SDK (tea-openapi ≥ 0.4): answered at ``DaraCore.do_action`` / ``async_do_action``,
which carry the full request (method, URL, headers, body). This is both the cheapest point —
no HTTP library work — and the one independent of the installed aiohttp version
(shared/sdk-wire.md §1.2–1.3); requests to other hosts go on to the real transport."""
from __future__ import annotations

from typing import Any, Dict, Optional

from .wire import Dispatch, body_bytes, is_aliyun_url, wsgi_environ


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

        def answer(request: Any, url: str) -> Any:
            body = body_bytes(request.body)
            status, headers, payload = dispatch(wsgi_environ(request.method, url, request.headers, body))
            response = DaraResponse()
            response.status_code = status
            response.status_message = "OK" if status == 200 else "Error"
            response.headers = {k.lower(): v for k, v in headers}
            response.body = payload
            return response

        def do_action(request: Any, runtime_option: Any = None) -> Any:
            url = DaraCore.compose_url(request)
            if not is_aliyun_url(url):
                return real_sync(request, runtime_option)
            return answer(request, url)

        async def async_do_action(request: Any, runtime_option: Any = None) -> Any:
            url = DaraCore.compose_url(request)
            if not is_aliyun_url(url):
                return await real_async(request, runtime_option)
            return answer(request, url)

        DaraCore.do_action = staticmethod(do_action)
        DaraCore.async_do_action = staticmethod(async_do_action)
        self._saved = saved

    def stop(self) -> None:
        if self._saved is not None:
            from darabonba.core import DaraCore

            for name, descriptor in self._saved.items():
                setattr(DaraCore, name, descriptor)
            self._saved = None
