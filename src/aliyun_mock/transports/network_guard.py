"""The last line: no request to an Alibaba Cloud host, and no credential probe of the ECS
metadata address, leaves the process while a mock is active.

The interceptors answer what goes through requests, the V1 SDK and the V2 SDK; this guard stops
everything else at the socket (urllib, http.client, a bare aiohttp session, the V1 SDK's
``EcsRamRoleCredential`` probe): a name lookup of ``*.aliyuncs.com`` and a connection to
100.100.100.200 fail at once with an error that names aliyun-mock.
"""

from __future__ import annotations

import socket
from typing import Any, Callable, Dict, Optional

from .wire import Dispatch

METADATA_ADDRESS = "100.100.100.200"


def _blocked_host(host: Any) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.rstrip(".").lower()
    return name == METADATA_ADDRESS or name == "aliyuncs.com" or name.endswith(".aliyuncs.com")


def _refusal(host: Any) -> ConnectionRefusedError:
    return ConnectionRefusedError(
        f"aliyun-mock: blocked a connection to {host}: while the mock is active no request to Alibaba Cloud "
        "leaves the process (use requests, the V1 SDK or the V2 SDK to reach the mock)"
    )


def _refuse_if_blocked(address: Any) -> None:
    if isinstance(address, tuple) and _blocked_host(address[0]):
        raise _refusal(address[0])


class NetworkGuard:
    library = "socket"

    def __init__(self) -> None:
        self._saved: Optional[Dict[str, Callable[..., Any]]] = None

    def start(self, dispatch: Dispatch) -> None:
        real_getaddrinfo = socket.getaddrinfo
        real_connect = socket.socket.connect
        real_connect_ex = socket.socket.connect_ex

        def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
            if _blocked_host(host):
                raise socket.gaierror(socket.EAI_NONAME, str(_refusal(host)))
            return real_getaddrinfo(host, *args, **kwargs)

        def connect(sock: socket.socket, address: Any) -> None:
            _refuse_if_blocked(address)
            return real_connect(sock, address)

        def connect_ex(sock: socket.socket, address: Any) -> int:
            _refuse_if_blocked(address)
            return real_connect_ex(sock, address)

        self._saved = {"getaddrinfo": real_getaddrinfo, "connect": real_connect, "connect_ex": real_connect_ex}
        socket.getaddrinfo = getaddrinfo
        socket.socket.connect = connect  # type: ignore[method-assign, assignment]
        socket.socket.connect_ex = connect_ex  # type: ignore[method-assign, assignment]

    def stop(self) -> None:
        if self._saved is not None:
            socket.getaddrinfo = self._saved["getaddrinfo"]
            socket.socket.connect = self._saved["connect"]  # type: ignore[method-assign]
            socket.socket.connect_ex = self._saved["connect_ex"]  # type: ignore[method-assign]
            self._saved = None
