"""The V1 SDK (aliyunsdkcore): it sends through its own vendored copy of requests, which
``responses`` does not see, so its adapter's ``send`` is patched (shared/sdk-wire.md §1.1).

One more patch keeps the mock from changing which account a V1 client signs as: the SDK prefers
``ALIYUN_ACCESS_KEY_ID``/``_SECRET`` over an explicit ``credential=`` object, and the mock sets
those variables to its default account; so while a mock is active an explicit credential object
(``StsTokenCredential``, ``RamRoleArnCredential``, …) is used, as it would be in production.
"""

from __future__ import annotations

import os
import threading
import types
from typing import Any, Callable, Dict, Optional

from ..core.wire import WireRequest
from .wire import Dispatch, is_aliyun_url, reason_phrase

_V1_ENV_KEYS = ("ALIYUN_ACCESS_KEY_ID", "ALIYUN_ACCESS_KEY_SECRET")
_signer_lock = threading.Lock()


class V1SdkInterceptor:
    library = "aliyunsdkcore"

    def __init__(self) -> None:
        self._original: Optional[Callable[..., Any]] = None
        self._original_get_signer: Optional[Any] = None

    def start(self, dispatch: Dispatch) -> None:
        from aliyunsdkcore.vendored.requests import adapters, models, structures

        original = adapters.HTTPAdapter.send

        def send(adapter: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
            if not is_aliyun_url(request.url):
                return original(adapter, request, *args, **kwargs)
            status, headers, payload = dispatch(
                WireRequest.from_url(request.method, request.url, request.headers, request.body)
            )
            response = models.Response()
            response.status_code = status
            response.reason = reason_phrase(status)
            response.headers = structures.CaseInsensitiveDict(headers)
            response._content = payload
            response.url = request.url
            response.request = request
            response.encoding = "utf-8"
            return response

        self._original = original
        adapters.HTTPAdapter.send = send
        self._prefer_explicit_credentials()

    def _prefer_explicit_credentials(self) -> None:
        from aliyunsdkcore.auth.signers import signer_factory

        descriptor = signer_factory.SignerFactory.__dict__["get_signer"]
        real_get_signer = descriptor.__func__

        def get_signer(cred: Dict[str, Any], *args: Any, **kwargs: Any) -> Any:
            if cred.get("ak") is not None or cred.get("credential") is None:
                return real_get_signer(cred, *args, **kwargs)
            without_keys = {k: v for k, v in os.environ.items() if k not in _V1_ENV_KEYS}
            with _signer_lock:  # the factory reads os.environ through its module global ``os``
                signer_factory.os = types.SimpleNamespace(environ=without_keys)
                try:
                    return real_get_signer(cred, *args, **kwargs)
                finally:
                    signer_factory.os = os

        signer_factory.SignerFactory.get_signer = staticmethod(get_signer)
        self._original_get_signer = descriptor

    def stop(self) -> None:
        if self._original is not None:
            from aliyunsdkcore.auth.signers import signer_factory
            from aliyunsdkcore.vendored.requests import adapters

            adapters.HTTPAdapter.send = self._original
            signer_factory.SignerFactory.get_signer = self._original_get_signer
            self._original = self._original_get_signer = None
