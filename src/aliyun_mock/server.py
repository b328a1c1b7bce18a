"""Server mode: the same application over HTTP, for clients in any language.

    with ThreadedServer() as server:          # port=0 picks a free port
        Config(endpoint=server.endpoint, protocol="http", ...)   # V2 SDK, Node SDK, …
        server.cloud.create_account()

Under ``/_mock/`` are the console (console.py), a read-only overview and the admin API
(admin_api.py); everything else is the cloud. With a certificate authority (proxy_ca.py) the server
is an https proxy for Alibaba Cloud's hosts as well.
"""

from __future__ import annotations

import io
import json
import socket
import ssl
import threading
import time
from typing import Any, Dict, Iterable, Optional, Sequence

from .admin_api import GENERATION_HEADER, AdminApi
from .core.cloud import Cloud
from .core.rpc import API_HOST_SUFFIX
from .core.wire import redact
from .dashboard import render_dashboard
from .proxy_ca import ProxyAuthority
from .server_guard import REFUSED, HostPolicy, RequestFault, buffer_body, host_name, safe_body

MAX_REQUEST_BYTES = 8 * 2**20  # larger bodies get 413 (the biggest documented parameters are far smaller)
READ_TIMEOUT_SECONDS = 30  # for a whole request: its line, headers and body
MAX_HANDLER_THREADS = 2048  # requests served at once; more wait to be accepted
SLOT_WAIT_SECONDS = 2  # how long a new connection waits for a slot before it gets 503
_GENERATION_KEY = "HTTP_" + GENERATION_HEADER.upper().replace("-", "_")  # where WSGI puts that header


class ServerApp:
    """WSGI: every request guarded (server_guard.py); ``/_mock/…`` the console, overview and admin API,
    every other path the cloud's API."""

    def __init__(self, cloud: Cloud, policy: Optional[HostPolicy] = None, state_file: Optional[str] = None) -> None:
        self.cloud = cloud
        self.max_request_bytes = MAX_REQUEST_BYTES
        self.policy = policy or HostPolicy("127.0.0.1", 0)  # the server sets its own once bound
        self.admin = AdminApi(cloud, state_file)

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
                403,
                REFUSED,
                f"aliyun-mock serves its own names and Alibaba Cloud's API hosts, not {host!r}: it is no general "
                "proxy (exempt other hosts with NO_PROXY); --allow-host adds a name the mock itself answers to",
            )
        generation = environ.get(_GENERATION_KEY)
        if generation is not None and generation != str(self.admin.generation):
            raise RequestFault(
                409,
                "AliyunMock.ServerReset",
                "the aliyun-mock server was reset by another test since this test's mock started: two tests share "
                "one server at once; with pytest-xdist, give each worker a server of its own (ALIYUN_MOCK_SERVER=URL1,URL2,…)",
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
            response = Response(self.admin.console.page, content_type="text/html; charset=utf-8")
            response.headers["Content-Security-Policy"] = (
                "default-src 'self'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; frame-ancestors 'none'"
            )
            response.headers["Cache-Control"] = "no-store"
            return response(environ, start_response)
        status, payload = self.admin.answer(request, path)
        return self._answer(environ, start_response, status, payload)


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


class _LineReader(io.BufferedReader):
    """A buffered reader that remembers whether the last line it gave ended in a newline: a request
    line or header block ended by the client closing is a request cut short, not a request."""

    whole_line = True

    def readline(self, size: Optional[int] = -1) -> bytes:
        line = super().readline(-1 if size is None else size)
        self.whole_line = line.endswith(b"\n")
        return line


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
                self._read_from(self.connection)

            def _read_from(self, connection: socket.socket) -> None:
                self.rfile = self.reader = _LineReader(_DeadlineReader(connection, time.monotonic() + read_timeout))

            def parse_request(self) -> bool:
                """Nothing is answered to a request whose line or headers the client stopped sending:
                it may have gone, and what it sent is not a request (http.server would serve it)."""
                if not super().parse_request():
                    return False
                if not self.reader.whole_line:
                    self.close_connection = True
                    return False
                return True

            def run_wsgi(self) -> None:
                host = tunnel_host(self.path) if self.command == "CONNECT" else ""
                if host and authority is not None:
                    self._tunnel(authority, host)
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
                self._read_from(tls)
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
        return self._app.admin.save()

    def serve_forever(self) -> None:
        """Serve in this thread until ``shutdown()`` (the command line's loop)."""
        self._server.serve_forever(poll_interval=0.2)

    def shutdown(self) -> None:
        self._server.shutdown()

    def __enter__(self) -> "ThreadedServer":
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()
