"""Server mode: the same application over HTTP, for clients in any language.

    with ThreadedServer() as server:          # port=0 picks a free port
        Config(endpoint=server.endpoint, protocol="http", ...)   # V2 SDK, Node SDK, …
        server.cloud.create_account()

The admin API lives under ``/_mock/`` (README: "Server mode"); everything else is the cloud.
"""

from __future__ import annotations

import dataclasses
import io
import json
import socket
import ssl
import threading
import time
from typing import Any, Callable, Dict, Iterable, Optional, Sequence, Tuple

from . import __version__, state_file
from .console import Console
from .core.cloud import Cloud
from .core.rpc import API_HOST_SUFFIX
from .core.wire import redact
from .dashboard import render_dashboard
from .proxy_ca import ProxyAuthority
from .server_guard import REFUSED, HostPolicy, RequestFault, buffer_body, host_name, safe_body

JsonAnswer = Tuple[int, Any]
MAX_REQUEST_BYTES = 8 * 2**20  # larger bodies get 413 (the biggest documented parameters are far smaller)
READ_TIMEOUT_SECONDS = 30  # for a whole request: its line, headers and body
MAX_HANDLER_THREADS = 2048  # requests served at once; more wait to be accepted
SLOT_WAIT_SECONDS = 2  # how long a new connection waits for a slot before it gets 503


class AdminError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class ServerApp:
    """WSGI: ``/_mock/…`` is the admin API and dashboard, every other path the cloud's API."""

    def __init__(self, cloud: Cloud, policy: Optional[HostPolicy] = None, state_file: Optional[str] = None) -> None:
        self.cloud = cloud
        self.state_file = state_file
        self._saving = threading.Lock()
        self.max_request_bytes = MAX_REQUEST_BYTES
        self.policy = policy or HostPolicy("127.0.0.1", 0)  # the server sets its own once bound
        self._start_options = {"strict": cloud.strict, "seed": cloud.seed, "account_id": cloud.pinned_account_id}
        self._routes: Dict[Tuple[str, str], Callable[[Any], JsonAnswer]] = {
            ("POST", "/_mock/reset"): self._reset,
            ("POST", "/_mock/save"): self._save,
            ("GET", "/_mock/state"): lambda request: (200, self.cloud.state()),
            ("PUT", "/_mock/state"): self._load,
            ("POST", "/_mock/accounts"): self._create_account,
            ("GET", "/_mock/calls"): self._calls,
            ("DELETE", "/_mock/calls"): self._clear_calls,
            ("POST", "/_mock/errors"): self._inject_error,
            ("GET", "/_mock/errors/unused"): self._unused_faults,
            ("GET", "/_mock/query"): self._query,
            ("POST", "/_mock/transitions"): self._transitions,
            ("POST", "/_mock/deny"): self._deny,
            ("POST", "/_mock/keys"): self._create_key,
            ("POST", "/_mock/keys/disable"): self._disable_key,
            ("POST", "/_mock/sts"): self._sts,
            ("GET", "/_mock/health"): lambda request: (200, {"status": "ok", "version": __version__}),
            ("GET", "/_mock/console/session"): self._console(lambda request: (200, self.console.session())),
            ("GET", "/_mock/console/pulse"): self._console(lambda request: (200, self.console.pulse())),
            ("GET", "/_mock/console/calls"): self._console(lambda request: (200, self.console.calls())),
            ("POST", "/_mock/console/call"): self._console(self._console_call),
            ("GET", "/_mock/console/key"): self._console(self._console_key),
        }
        self.console = Console(cloud)

    def __call__(self, environ: Dict[str, Any], start_response: Any) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        admin = path == "/_mock" or path.startswith("/_mock/")
        try:
            self._check(environ, admin)
        except RequestFault as fault:
            payload: Dict[str, Any] = {"error": str(fault)}
            if not admin:  # in the cloud's error shape, which every SDK reads
                host = environ.get("HTTP_HOST", "")
                request_id = self.cloud.entropy.request_id()
                payload = {"RequestId": request_id, "HostId": host, "Code": fault.code, "Message": str(fault)}
            return self._answer(environ, start_response, fault.status, payload)
        if admin:
            return self._admin(environ, start_response)
        return self.cloud.app(environ, start_response)

    def _check(self, environ: Dict[str, Any], admin: bool) -> None:
        """Refuse a request from outside the server's own clients, or one it cannot read (server_guard.py)."""
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
        if not self.policy.serves(host, api=not admin):
            raise RequestFault(
                403, REFUSED, f"aliyun-mock does not serve the host {host!r}; start it with --allow-host to add one"
            )
        if not self.policy.same_origin(
            environ.get("HTTP_ORIGIN"), environ.get("HTTP_SEC_FETCH_SITE"), environ.get("HTTP_REFERER")
        ):
            raise RequestFault(403, REFUSED, "aliyun-mock refuses requests from another origin")
        if environ.get("REQUEST_METHOD") == "CONNECT":
            if not tunnel_host(environ.get("REQUEST_URI", "")):
                raise RequestFault(403, REFUSED, "aliyun-mock tunnels only to Alibaba Cloud's hosts")
            raise RequestFault(
                501,
                "AliyunMock.NotImplemented",
                "this aliyun-mock server is no https proxy: start it with --ca FILE "
                "(the certificate authority its clients trust), or send plain http through it (HTTP_PROXY)",
            )
        buffer_body(environ, self.max_request_bytes)
        if admin and not safe_body(
            environ["REQUEST_METHOD"], environ.get("CONTENT_TYPE"), int(environ["CONTENT_LENGTH"])
        ):
            raise RequestFault(
                415,
                REFUSED,
                "an admin request that changes the mock takes a JSON body (Content-Type: application/json) or none",
            )

    @staticmethod
    def _answer(environ: Dict[str, Any], start_response: Any, status: int, payload: Any) -> Iterable[bytes]:
        from werkzeug.wrappers import Response

        body = json.dumps(payload, ensure_ascii=False, default=str)
        return Response(body, status=status, content_type="application/json")(environ, start_response)

    def _admin(self, environ: Dict[str, Any], start_response: Any) -> Iterable[bytes]:
        from werkzeug.wrappers import Request, Response

        request = Request(environ)
        path = request.path.rstrip("/") or "/_mock"
        if path == "/_mock" and request.method == "GET":  # the console is where a person starts
            return Response(status=302, headers={"Location": "/_mock/console"})(environ, start_response)
        if path == "/_mock/dashboard" and request.method == "GET":
            response = Response(render_dashboard(self.cloud), content_type="text/html; charset=utf-8")
            return response(environ, start_response)
        if path == "/_mock/console" and request.method == "GET":
            response = Response(self.console.page(), content_type="text/html; charset=utf-8")
            response.headers["Content-Security-Policy"] = (
                "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; frame-ancestors 'none'"
            )
            response.headers["Cache-Control"] = "no-store"
            return response(environ, start_response)
        route = self._routes.get((request.method, path))
        try:
            if route is None:
                known = [p for (_, p) in self._routes if p == path]
                raise AdminError(405 if known else 404, f"no admin endpoint {request.method} {request.path}")
            status, payload = route(request)
        except AdminError as error:
            status, payload = error.status, {"error": str(error)}
        return self._answer(environ, start_response, status, payload)

    @staticmethod
    def _json(request: Any, *, required: bool = True) -> Dict[str, Any]:
        raw = request.get_data()
        if not raw:
            if required:
                raise AdminError(400, "a JSON object body is required")
            return {}
        try:
            value = json.loads(raw)
        except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
            raise AdminError(400, "the body is not valid JSON") from None
        if not isinstance(value, dict):
            raise AdminError(400, "the body must be a JSON object")
        return value

    def _console(self, route: Callable[[Any], JsonAnswer]) -> Callable[[Any], JsonAnswer]:
        """A console endpoint: only for the console's own page, which carries its token (console.py)."""

        def guarded(request: Any) -> JsonAnswer:
            if not self.console.trusted(request.headers):
                raise AdminError(403, "the console's endpoints answer only the console page")
            return route(request)

        return guarded

    def _console_call(self, request: Any) -> JsonAnswer:
        body = self._json(request)
        _strings(body, "account_id", "product", "action", "region_id")
        if not all(isinstance(body.get(k), str) for k in ("account_id", "action", "region_id")):
            raise AdminError(400, '"account_id", "action" and "region_id" are required strings')
        if not isinstance(body.get("params", {}), dict):
            raise AdminError(400, '"params" must be an object of parameter names and values')
        try:
            return 200, self.console.call(body)
        except KeyError as missing:
            raise AdminError(404, str(missing.args[0]) if missing.args else "not found") from None

    def _console_key(self, request: Any) -> JsonAnswer:
        try:
            return 200, self.console.key(request.args.get("account_id", ""))
        except KeyError as missing:
            raise AdminError(404, str(missing.args[0])) from None

    def _reset(self, request: Any) -> JsonAnswer:
        """A body may set ``strict``, ``seed`` and ``account_id`` for this start (a remote mock's
        options, ``remote.py``); what it leaves out is the server's own."""
        body = self._json(request, required=False)
        unknown = sorted(set(body) - set(self._start_options))
        if unknown:
            raise AdminError(400, f"a reset takes only {sorted(self._start_options)}, not {unknown}")
        options = {**self._start_options, **body}
        if not isinstance(options["strict"], bool):
            raise AdminError(400, '"strict" must be true or false')
        if options["seed"] is not None and (not isinstance(options["seed"], int) or isinstance(options["seed"], bool)):
            raise AdminError(400, '"seed" must be an integer')
        try:
            self.cloud.reset_as(**options)
        except ValueError as error:
            raise AdminError(400, str(error)) from None
        return 200, {"reset": True, "default_account": _account_json(self.cloud.default_account)}

    def save(self) -> str:
        """Write the state to the server's state file (``state_file.write``: old or new, never half),
        one save at a time (the periodic one, ``POST /_mock/save`` and the one at the stop may meet)."""
        if not self.state_file:
            raise AdminError(409, "the server was started without a state file (--state)")
        with self._saving:
            state_file.write(self.state_file, self.cloud.state())
        return self.state_file

    def _save(self, request: Any) -> JsonAnswer:
        try:
            return 200, {"saved": self.save()}
        except (OSError, TypeError, ValueError) as error:
            raise AdminError(500, f"the state could not be saved: {error}") from None

    def _load(self, request: Any) -> JsonAnswer:
        try:
            self.cloud.load(self._json(request))
        except (KeyError, TypeError, ValueError) as error:
            raise AdminError(400, f"not an aliyun-mock state: {error}") from None
        return 200, {"loaded": True}

    def _create_account(self, request: Any) -> JsonAnswer:
        body = self._json(request, required=False)
        _strings(body, "account_id", "site")
        try:
            account = self.cloud.create_account(body.get("account_id"), site=body.get("site", "china"))
        except ValueError as error:
            raise AdminError(400, str(error)) from None
        return 201, _account_json(account)

    def _account(self, body: Dict[str, Any]) -> Any:
        """The account a body's ``account_id`` names (the default account when it names none)."""
        account_id = body.get("account_id")
        if account_id is None:
            return self.cloud.default_account
        try:
            return self.cloud.account(str(account_id))
        except KeyError:
            raise AdminError(404, f"the mock has no account {account_id}") from None

    def _clear_calls(self, request: Any) -> JsonAnswer:
        with self.cloud.lock:
            cleared, self.cloud.calls[:] = len(self.cloud.calls), []
        return 200, {"cleared": cleared}

    def _unused_faults(self, request: Any) -> JsonAnswer:
        try:
            self.cloud.assert_all_faults_used()
        except AssertionError as unused:
            return 200, {"unused": str(unused)}
        return 200, {"unused": ""}

    def _transitions(self, request: Any) -> JsonAnswer:
        """``{"hold": true, "polls"?: N}``, ``{"settle": true}`` or ``{"release": true}``."""
        body = self._json(request)
        if body.get("hold"):
            try:
                self.cloud.hold_transitions(body.get("polls"))
            except (TypeError, ValueError) as error:
                raise AdminError(400, str(error)) from None
            return 200, {"held": True, "polls": body.get("polls")}
        if body.get("settle"):
            return 200, {"settled": self.cloud.settle()}
        if body.get("release"):
            self.cloud.release_transitions()
            return 200, {"released": True}
        raise AdminError(400, 'one of "hold", "settle" or "release" is required')

    def _deny(self, request: Any) -> JsonAnswer:
        body = self._json(request)
        if not isinstance(body.get("action"), str):
            raise AdminError(400, '"action" is a required string')
        account = self._account(body)
        try:
            self.cloud.deny(account, body["action"])
        except ValueError as error:
            raise AdminError(400, str(error)) from None
        return 201, {"account_id": account.account_id, "action": body["action"]}

    def _create_key(self, request: Any) -> JsonAnswer:
        body = self._json(request, required=False)
        _strings(body, "access_key_id", "access_key_secret")
        try:
            key = self.cloud.create_access_key(
                self._account(body),
                access_key_id=body.get("access_key_id"),
                access_key_secret=body.get("access_key_secret"),
            )
        except ValueError as error:
            raise AdminError(400, str(error)) from None
        return 201, {"account_id": key.account_id, "access_key_id": key.access_key_id,
                     "access_key_secret": key.access_key_secret}  # fmt: skip

    def _disable_key(self, request: Any) -> JsonAnswer:
        body = self._json(request)
        try:
            self.cloud.disable_access_key(str(body.get("access_key_id")))
        except KeyError:
            raise AdminError(404, f"the mock has no access key {body.get('access_key_id')}") from None
        return 200, {"disabled": body["access_key_id"]}

    def _sts(self, request: Any) -> JsonAnswer:
        body = self._json(request, required=False)
        seconds = body.get("duration_seconds", 3600)
        if not isinstance(seconds, int) or seconds < 1:
            raise AdminError(400, '"duration_seconds" must be a positive integer')
        credentials = self.cloud.create_sts_credentials(self._account(body), duration_seconds=seconds)
        return 201, {"account_id": credentials.account_id, "access_key_id": credentials.access_key_id,
                     "access_key_secret": credentials.access_key_secret, "security_token": credentials.security_token,
                     "expiration": credentials.expiration_iso}  # fmt: skip

    def _calls(self, request: Any) -> JsonAnswer:
        return 200, [dataclasses.asdict(call) for call in list(self.cloud.calls)]

    def _inject_error(self, request: Any) -> JsonAnswer:
        body = self._json(request)
        if not isinstance(body.get("action"), str) or not isinstance(body.get("code"), str):
            raise AdminError(400, 'both "action" and "code" are required strings')
        _strings(body, "message")
        times = body.get("times", 1)
        if not isinstance(times, int) or times < 1:
            raise AdminError(400, '"times" must be a positive integer')
        try:
            self.cloud.inject_error(
                body["action"], body["code"], times=times, status=body.get("status"), message=body.get("message")
            )
        except ValueError as error:
            raise AdminError(400, str(error)) from None
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


def tunnel_host(target: str) -> str:
    """The host of a ``CONNECT host:port`` the proxy tunnels (an Alibaba Cloud API host), else ``""``."""
    host, _, port = target.rpartition(":")
    name = host_name(host)
    return name if port.isdigit() and name.endswith(API_HOST_SUFFIX) else ""


class _SocketWriter(io.BufferedIOBase):
    """The response stream of a tunnelled connection: every write sent whole."""

    def __init__(self, connection: socket.socket) -> None:
        self.connection = connection

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.connection.sendall(data)
        return len(data)


class _DeadlineReader(io.RawIOBase):
    """A socket read against one deadline for all its reads (a per-read timeout lets a client that
    sends a byte at a time hold a thread for ever)."""

    def __init__(self, connection: socket.socket, deadline: float) -> None:
        self.connection, self.deadline = connection, deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise socket.timeout("the request was not sent in time")
        self.connection.settimeout(left)
        return self.connection.recv_into(buffer)


def _strings(body: Dict[str, Any], *names: str) -> None:
    """Optional fields that must be strings when given (a number would be saved and not load back)."""
    for name in names:
        if name in body and body[name] is not None and not isinstance(body[name], str):
            raise AdminError(400, f'"{name}" must be a string')


def _bounded_server(host: str, port: int, app: ServerApp, handler: Any) -> Any:
    """werkzeug's threaded server, serving at most MAX_HANDLER_THREADS requests at once."""
    from werkzeug.serving import ThreadedWSGIServer

    class BoundedServer(ThreadedWSGIServer):
        daemon_threads = True

        def __init__(self) -> None:
            super().__init__(host, port, app, handler)
            self.slots = threading.BoundedSemaphore(MAX_HANDLER_THREADS)

        def process_request(self, request: Any, client_address: Any) -> None:
            if not self.slots.acquire(timeout=SLOT_WAIT_SECONDS):  # every slot taken: say so, serve on
                _busy(request)
                self.shutdown_request(request)
                return
            try:
                super().process_request(request, client_address)
            except BaseException:
                self.slots.release()
                raise

        def process_request_thread(self, request: Any, client_address: Any) -> None:
            try:
                super().process_request_thread(request, client_address)
            finally:
                self.slots.release()

    return BoundedServer()


def _busy(connection: socket.socket) -> None:
    body = json.dumps({"Code": "ServiceUnavailable", "Message": "aliyun-mock is serving as many requests as it may"})
    head = f"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    try:
        connection.sendall((head + "Connection: close\r\n\r\n" + body).encode())
    except OSError:
        pass


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
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        cloud: Optional[Cloud] = None,
        log_requests: bool = False,
        allow_hosts: Sequence[str] = (),
        state_file: Optional[str] = None,
        read_timeout: float = READ_TIMEOUT_SECONDS,
        proxy_ca: Optional[str] = None,
    ) -> None:
        """``allow_hosts``: host names besides loopback and ``host`` that clients may use (server_guard.py);
        ``state_file``: where ``save()`` and ``POST /_mock/save`` write the state; ``read_timeout``:
        seconds a client has to send a request's headers and body; ``proxy_ca``: the file of the https
        proxy's certificate authority, made if missing (proxy_ca.py) — without it ``CONNECT`` gets 501."""
        from werkzeug.serving import WSGIRequestHandler

        class Handler(WSGIRequestHandler):
            timeout = read_timeout  # a client that sends its request too slowly is cut off

            def setup(self) -> None:
                """The whole request — line, headers and body — must arrive within ``read_timeout``,
                however it trickles in."""
                super().setup()
                self.rfile = io.BufferedReader(_DeadlineReader(self.connection, time.monotonic() + read_timeout))

            def run_wsgi(self) -> None:
                if self.command == "CONNECT" and authority is not None and tunnel_host(self.path):
                    self._tunnel(authority, tunnel_host(self.path))
                else:  # the application answers the rest, refusals of other CONNECTs included
                    super().run_wsgi()

            def _tunnel(self, authority: "ProxyAuthority", host: str) -> None:
                """``CONNECT host:443`` to an Alibaba Cloud host: TLS for that host with a certificate of
                the proxy's authority, then the requests inside answered on this connection as any other."""
                self.send_response(200, "Connection Established")
                self.end_headers()
                self.connection.settimeout(read_timeout)
                try:
                    tls = authority.context(host).wrap_socket(self.connection, server_side=True)
                except (ssl.SSLError, OSError):  # the client does not trust the authority, or went away
                    self.close_connection = True
                    return
                self.connection = self.request = tls
                self.rfile = io.BufferedReader(_DeadlineReader(tls, time.monotonic() + read_timeout))
                self.wfile = _SocketWriter(tls)
                self.close_connection = False

            def log_request(self, code: Any = "-", size: Any = "-") -> None:
                if log_requests:
                    self.log("info", '"%s" %s %s', redact(self.requestline), code, size)

            def log_error(self, format: str, *args: Any) -> None:  # a malformed request line, quoted
                self.log("error", "%s", redact(format % args))

        authority = ProxyAuthority(proxy_ca) if proxy_ca else None
        self.authority = authority
        if cloud is None:
            from .products import new_cloud

            cloud = new_cloud()
        self.cloud = cloud
        self._app = app = ServerApp(self.cloud, state_file=state_file)
        self._server = _bounded_server(host, port, app, Handler)
        self.host, self.port = host, self._server.server_port
        app.policy = HostPolicy(host, self.port, allow_hosts)
        self._thread: Optional[threading.Thread] = None

    @property
    def endpoint(self) -> str:
        """``"127.0.0.1:PORT"`` (``"[::1]:PORT"``): what an SDK's endpoint setting takes."""
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

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
        if self.authority is not None:
            self.authority.close()

    def save(self) -> str:
        """Write the state to the state file now; its path."""
        return self._app.save()

    def serve_forever(self) -> None:
        """Serve in this thread until ``shutdown()`` (the command line's loop)."""
        self._server.serve_forever(poll_interval=0.2)

    def shutdown(self) -> None:
        self._server.shutdown()

    def __enter__(self) -> "ThreadedServer":
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()
