"""The V1 SDK (aliyunsdkcore): it sends through its own vendored copy of requests, which
``responses`` does not see, so its adapter's ``send`` is patched (shared/sdk-wire.md §1.1)."""
from __future__ import annotations

from typing import Any, Callable, Optional

from .wire import Dispatch, body_bytes, is_aliyun_url, wsgi_environ

_REASONS = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict", 500: "Internal Server Error", 501: "Not Implemented", 503: "Service Unavailable"}


class V1SdkInterceptor:
    library = "aliyunsdkcore"

    def __init__(self) -> None:
        self._original: Optional[Callable[..., Any]] = None

    def start(self, dispatch: Dispatch) -> None:
        from aliyunsdkcore.vendored.requests import adapters, models, structures

        original = adapters.HTTPAdapter.send

        def send(adapter: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
            if not is_aliyun_url(request.url):
                return original(adapter, request, *args, **kwargs)
            body = body_bytes(request.body)
            status, headers, payload = dispatch(wsgi_environ(request.method, request.url, request.headers, body))
            response = models.Response()
            response.status_code = status
            response.reason = _REASONS.get(status, "")
            response.headers = structures.CaseInsensitiveDict(headers)
            response._content = payload
            response.url = request.url
            response.request = request
            response.encoding = "utf-8"
            return response

        self._original = original
        adapters.HTTPAdapter.send = send

    def stop(self) -> None:
        if self._original is not None:
            from aliyunsdkcore.vendored.requests import adapters

            adapters.HTTPAdapter.send = self._original
            self._original = None
