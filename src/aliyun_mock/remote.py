"""A mock that lives in a running ``aliyun-mock server``: what ``mock_ecs`` and the ``ecs_mock``
fixture give when ``$ALIYUN_MOCK_SERVER`` names one (``http://127.0.0.1:8899``).

The SDK clients of the test are patched as for an in-process mock, but every request they send is
forwarded to the server, unchanged (same host, headers, signature), and the server's answer comes
back. So services in other languages, pointed at the same server, act on the same cloud as the
test. Every start resets the server (with the mock's ``strict``/``seed``/``account_id``, else the
server's own options) and loads the mock's ``state``; the handle reads and changes the server
through its admin API. It has the documented handle (``default_account``, ``create_account``,
``create_sts_credentials``, ``create_access_key``, ``disable_access_key``, ``reset``, ``calls``,
``inject_error``, ``assert_all_faults_used``, ``deny``, the transition controls, ``state``, ``load``,
``query``, ``client``); the products' in-memory objects (``cloud.ecs``…) stay in the server.
"""

from __future__ import annotations

import calendar
import http.client
import json
import os
import threading
import time
from typing import Any, Dict, List, Optional, Union
from urllib.parse import urlencode, urlsplit

from .admin_api import GENERATION_HEADER
from .core.accounts import AccessKey, Account, StsCredentials
from .core.app import CallRecord
from .core.wire import WireAnswer, WireRequest
from .lifecycle import MockLifecycle, _activation

HOP_BY_HOP = frozenset({"connection", "keep-alive", "transfer-encoding", "content-length", "proxy-connection"})
TIMEOUT_SECONDS = 60


class ServerUnavailable(RuntimeError):
    """The server ``$ALIYUN_MOCK_SERVER`` names cannot be reached, or answered something else."""


class Forwarder:
    """Sends a request the patches caught to the server as it is, over a connection of this thread."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._local = threading.local()
        self.generation: Optional[str] = None  # the server's reset this mock started from

    def _connection(self) -> http.client.HTTPConnection:
        connection: Optional[http.client.HTTPConnection] = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._local.connection = http.client.HTTPConnection(
                self.host, self.port, timeout=TIMEOUT_SECONDS
            )
        return connection

    def exchange(self, method: str, target: str, headers: Dict[str, str], body: bytes) -> WireAnswer:
        """One request and its answer (status, headers, body), sent once: a request the server may
        have acted on is never sent again."""
        connection = self._connection()
        if self.generation is not None:
            headers = {**headers, GENERATION_HEADER: self.generation}
        try:
            connection.request(method, target, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        except (OSError, http.client.HTTPException) as error:  # refused, reset, timed out, no answer
            connection.close()
            self._local.connection = None
            raise ServerUnavailable(
                f"aliyun-mock server {self.host}:{self.port} cannot be reached or gave no answer ({error}); "
                "start it with: aliyun-mock server"
            ) from error

    def answer(self, request: WireRequest) -> WireAnswer:
        query = request.query if request.decoded_query is None else urlencode(request.decoded_query)
        target = f"{request.path or '/'}?{query}" if query else (request.path or "/")
        headers = {name: value for name, value in request.headers.items() if name not in HOP_BY_HOP}
        headers["host"] = request.headers.get("host") or request.host
        status, answer_headers, body = self.exchange(request.method, target, headers, request.body)
        return status, [(name, value) for name, value in answer_headers if name.lower() not in HOP_BY_HOP], body


class RemoteMock(MockLifecycle):
    """The handle of a mock in a running server (module docstring)."""

    app: Forwarder

    def __init__(
        self,
        server: str,
        *,
        strict: bool = False,
        seed: Optional[int] = None,
        state: Union[None, str, "os.PathLike[str]", Dict[str, Any]] = None,
        account_id: Optional[str] = None,
    ) -> None:
        from .mock import _read_scene

        parts = urlsplit(server if "//" in server else f"http://{server}")
        if parts.scheme != "http" or not parts.hostname or parts.path not in ("", "/"):
            raise ValueError(f"ALIYUN_MOCK_SERVER must be http://HOST:PORT, not {server!r}")
        self.server = f"http://{parts.netloc}"
        self.app = Forwarder(parts.hostname, parts.port or 80)
        options = (("strict", strict), ("seed", seed), ("account_id", account_id))
        self._reset_options = {k: v for k, v in options if v not in (False, None)}
        self._options = {**self._reset_options, **({"state": state} if state is not None else {})}
        self._scene = _read_scene(state)

    @property
    def endpoint(self) -> str:
        """``"127.0.0.1:8899"``: what an SDK's endpoint setting takes to reach the server directly."""
        return self.server.split("//", 1)[1]

    def _admin(self, method: str, path: str, body: Any = None) -> Any:
        payload = b"" if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if body is not None else {}
        status, _, raw = self.app.exchange(method, f"/_mock/{path}", headers, payload)
        try:
            answer = json.loads(raw)
        except ValueError:
            raise ServerUnavailable(f"{self.server} is not an aliyun-mock server: {raw[:200]!r}") from None
        if status == 400:  # the handle's mistakes (an unknown action, a bad status…), as in process
            raise ValueError(answer["error"])
        if status == 404 and path.startswith(("keys", "deny", "sts")):
            raise KeyError(answer["error"])
        if status >= 300:
            raise ServerUnavailable(f"{self.server} answered {status} to {method} /_mock/{path}: {answer}")
        return answer

    def _begin(self) -> None:
        self.reset()
        if self._scene is not None:
            self.load(self._scene)

    def reset(self) -> None:
        """Back to the start state, in the server (with this mock's options)."""
        self.app.generation = None  # the reset itself is from no generation
        answer = self._admin("POST", "reset", self._reset_options)
        self.app.generation = str(answer["generation"])
        self.default_account = _account(answer["default_account"])
        if self._active:
            _activation.refresh(self)

    def state(self) -> Dict[str, Any]:
        return dict(self._admin("GET", "state"))

    def load(self, state: Dict[str, Any]) -> None:
        self._admin("PUT", "state", state)

    def query(self, expression: str) -> Any:
        return self._admin("GET", f"query?{urlencode({'expression': expression})}")

    def create_account(self, account_id: Optional[str] = None, *, site: str = "china") -> Account:
        body = {"site": site, **({"account_id": account_id} if account_id is not None else {})}
        return _account(self._admin("POST", "accounts", body))

    def create_access_key(
        self,
        account: Optional[Account] = None,
        *,
        access_key_id: Optional[str] = None,
        access_key_secret: Optional[str] = None,
    ) -> AccessKey:
        body = {"account_id": (account or self.default_account).account_id}
        body.update(
            {k: v for k, v in (("access_key_id", access_key_id), ("access_key_secret", access_key_secret)) if v}
        )
        answer = self._admin("POST", "keys", body)
        return AccessKey(answer["access_key_id"], answer["access_key_secret"], answer["account_id"])

    def disable_access_key(self, access_key_id: str) -> None:
        self._admin("POST", "keys/disable", {"access_key_id": access_key_id})

    def create_sts_credentials(
        self, account: Optional[Account] = None, *, duration_seconds: int = 3600
    ) -> StsCredentials:
        body = {"account_id": (account or self.default_account).account_id, "duration_seconds": duration_seconds}
        answer = self._admin("POST", "sts", body)
        expiration = calendar.timegm(time.strptime(answer["expiration"], "%Y-%m-%dT%H:%M:%SZ"))
        credentials = ServerStsCredentials(
            answer["access_key_id"],
            answer["access_key_secret"],
            answer["security_token"],
            answer["account_id"],
            expiration,
        )
        credentials.seal()
        return credentials

    @property
    def calls(self) -> List[CallRecord]:
        return [CallRecord(**record) for record in self._admin("GET", "calls")]

    def inject_error(
        self, action: str, code: str, *, times: int = 1, status: Optional[int] = None, message: Optional[str] = None
    ) -> None:
        body = {"action": action, "code": code, "times": times, "status": status, "message": message}
        self._admin("POST", "errors", {k: v for k, v in body.items() if v is not None})

    def assert_all_faults_used(self) -> None:
        unused = self._admin("GET", "errors/unused")["unused"]
        if unused:
            raise AssertionError(unused)

    def deny(self, account: Account, action: str) -> None:
        self._admin("POST", "deny", {"account_id": account.account_id, "action": action})

    def hold_transitions(self, polls: Optional[int] = None) -> None:
        self._admin("POST", "transitions", {"hold": True, **({"polls": polls} if polls is not None else {})})

    def settle(self) -> int:
        return int(self._admin("POST", "transitions", {"settle": True})["settled"])

    def release_transitions(self) -> None:
        self._admin("POST", "transitions", {"release": True})

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name == "default_account":
            raise AttributeError("cloud.default_account is known once the mock has started (it resets the server)")
        raise AttributeError(
            f"cloud.{name} is not available while ALIYUN_MOCK_SERVER is set: the mock lives in the server "
            "(read it with cloud.state() or cloud.query())"
        )


class _ServerCopy:
    """A copy of something that lives in the server: changing the copy would change nothing there, so
    it cannot be changed (its settings are the server's, reached through the admin API)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if self.__dict__.get("_sealed"):
            raise AttributeError(
                f"{type(self).__name__}.{name} cannot be set while ALIYUN_MOCK_SERVER is set: it lives in the server"
            )
        object.__setattr__(self, name, value)

    def seal(self) -> None:
        object.__setattr__(self, "_sealed", True)


class ServerAccount(_ServerCopy, Account):
    """An account of the server's mock (its id, key and site)."""


class ServerStsCredentials(_ServerCopy, StsCredentials):
    """Temporary credentials issued by the server's mock."""


def _account(fields: Dict[str, Any]) -> Account:
    account = ServerAccount(
        fields["account_id"], fields["access_key_id"], fields["access_key_secret"], fields.get("site", "china"),
        roles=frozenset(),  # type: ignore[arg-type]
    )  # fmt: skip
    account.seal()
    return account
