"""Server mode: the same application over HTTP, for clients in any language.

    with ThreadedServer() as server:          # port=0 picks a free port
        Config(endpoint=server.endpoint, protocol="http", ...)   # V2 SDK, Node SDK, …
        server.cloud.create_account()

The admin API lives under ``/_mock/`` (README: "Server mode"); everything else is the cloud.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from typing import Any, Callable, Dict, Iterable, Optional, Tuple, cast

from .core.cloud import Cloud
from .dashboard import render_dashboard

JsonAnswer = Tuple[int, Any]


class AdminError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class ServerApp:
    """WSGI: ``/_mock/…`` is the admin API and dashboard, every other path the cloud's API."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self._routes: Dict[Tuple[str, str], Callable[[Any], JsonAnswer]] = {
            ("POST", "/_mock/reset"): self._reset,
            ("GET", "/_mock/state"): lambda request: (200, self.cloud.state()),
            ("PUT", "/_mock/state"): self._load,
            ("POST", "/_mock/accounts"): self._create_account,
            ("GET", "/_mock/calls"): self._calls,
            ("POST", "/_mock/errors"): self._inject_error,
            ("GET", "/_mock/query"): self._query,
        }

    def __call__(self, environ: Dict[str, Any], start_response: Any) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == "/_mock" or path.startswith("/_mock/"):
            return self._admin(environ, start_response)
        return self.cloud.app(environ, start_response)

    def _admin(self, environ: Dict[str, Any], start_response: Any) -> Iterable[bytes]:
        from werkzeug.wrappers import Request, Response

        request = Request(environ)
        path = request.path.rstrip("/") or "/_mock"
        if path == "/_mock" and request.method == "GET":
            response = Response(render_dashboard(self.cloud), content_type="text/html; charset=utf-8")
            return response(environ, start_response)
        route = self._routes.get((request.method, path))
        try:
            if route is None:
                known = [p for (_, p) in self._routes if p == path]
                raise AdminError(405 if known else 404, f"no admin endpoint {request.method} {request.path}")
            status, payload = route(request)
        except AdminError as error:
            status, payload = error.status, {"error": str(error)}
        body = json.dumps(payload, ensure_ascii=False, default=str)
        return Response(body, status=status, content_type="application/json")(environ, start_response)

    @staticmethod
    def _json(request: Any, *, required: bool = True) -> Dict[str, Any]:
        raw = request.get_data()
        if not raw:
            if required:
                raise AdminError(400, "a JSON object body is required")
            return {}
        try:
            value = json.loads(raw)
        except ValueError:
            raise AdminError(400, "the body is not valid JSON") from None
        if not isinstance(value, dict):
            raise AdminError(400, "the body must be a JSON object")
        return value

    def _reset(self, request: Any) -> JsonAnswer:
        self.cloud.reset()
        return 200, {"reset": True, "default_account": _account_json(self.cloud.default_account)}

    def _load(self, request: Any) -> JsonAnswer:
        try:
            self.cloud.load(self._json(request))
        except (KeyError, TypeError, ValueError) as error:
            raise AdminError(400, f"not an aliyun-mock state: {error}") from None
        return 200, {"loaded": True}

    def _create_account(self, request: Any) -> JsonAnswer:
        body = self._json(request, required=False)
        try:
            account = self.cloud.create_account(body.get("account_id"), site=body.get("site", "china"))
        except ValueError as error:
            raise AdminError(400, str(error)) from None
        return 201, _account_json(account)

    def _calls(self, request: Any) -> JsonAnswer:
        return 200, [dataclasses.asdict(call) for call in list(self.cloud.calls)]

    def _inject_error(self, request: Any) -> JsonAnswer:
        body = self._json(request)
        if not isinstance(body.get("action"), str) or not isinstance(body.get("code"), str):
            raise AdminError(400, 'both "action" and "code" are required strings')
        times = body.get("times", 1)
        if not isinstance(times, int) or times < 1:
            raise AdminError(400, '"times" must be a positive integer')
        self.cloud.inject_error(
            body["action"], body["code"], times=times, status=body.get("status"), message=body.get("message")
        )
        return 201, {"action": body["action"], "code": body["code"], "times": times}

    def _query(self, request: Any) -> JsonAnswer:
        import jmespath.exceptions

        expression = request.args.get("expression")
        if not expression:
            raise AdminError(400, 'the "expression" query parameter is required')
        try:
            return 200, self.cloud.query(expression)
        except jmespath.exceptions.JMESPathError as error:
            raise AdminError(400, f"not a JMESPath expression: {error}") from None


def _account_json(account: Any) -> Dict[str, Any]:
    return {
        "account_id": account.account_id,
        "access_key_id": account.access_key_id,
        "access_key_secret": account.access_key_secret,
        "site": account.site,
    }


class ThreadedServer:
    """The mock served over HTTP from a background thread (threaded: one thread per request)."""

    def __init__(
        self, host: str = "127.0.0.1", port: int = 0, *, cloud: Optional[Cloud] = None, log_requests: bool = False
    ) -> None:
        from werkzeug.serving import ThreadedWSGIServer, WSGIRequestHandler, make_server

        class Handler(WSGIRequestHandler):
            def log_request(self, *args: Any, **kwargs: Any) -> None:
                if log_requests:
                    super().log_request(*args, **kwargs)

        if cloud is None:
            from .products import new_cloud

            cloud = new_cloud()
        self.cloud = cloud
        server = make_server(host, port, ServerApp(self.cloud), threaded=True, request_handler=Handler)
        self._server = cast(ThreadedWSGIServer, server)  # threaded=True: werkzeug's signature does not say so
        self._server.daemon_threads = True
        self.host, self.port = host, self._server.server_port
        self._thread: Optional[threading.Thread] = None

    @property
    def endpoint(self) -> str:
        """``"127.0.0.1:PORT"``: what an SDK's endpoint setting takes."""
        return f"{self.host}:{self.port}"

    def start(self) -> "ThreadedServer":
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, name="aliyun-mock-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(10)
            self._thread = None
        self._server.server_close()

    def serve_forever(self) -> None:
        """Serve in this thread until ``shutdown()`` (the command line's loop)."""
        self._server.serve_forever(poll_interval=0.2)

    def shutdown(self) -> None:
        self._server.shutdown()

    def __enter__(self) -> "ThreadedServer":
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()
