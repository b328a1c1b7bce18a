"""The ``aliyun-mock`` command (also ``python -m aliyun_mock``)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from typing import Any, List, Optional, Sequence


def main(argv: Optional[List[str]] = None) -> int:
    from . import __version__

    parser = argparse.ArgumentParser(prog="aliyun-mock", description="An in-memory Alibaba Cloud for tests.")
    parser.add_argument("--version", action="version", version=f"aliyun-mock {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="run a custom-image sharing scenario through the real SDK under the mock")
    server = commands.add_parser("server", help="serve the mock over HTTP for clients in any language")
    server.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    server.add_argument("--port", type=int, default=8899, help="port (default 8899; 0 picks a free one)")
    server.add_argument(
        "--state", help="JSON state file: loaded at start if it exists, saved on a clean stop and POST /_mock/save"
    )
    server.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a host name clients may use besides loopback and the bound address (repeatable)",
    )
    server.add_argument("--log-requests", action="store_true", help="log every request (credentials masked)")
    server.add_argument("--strict", action="store_true", help="only keys the mock issued and accounts it created exist")
    server.add_argument("--seed", type=int, help="ids, keys, RequestIds and times repeat from run to run")
    server.add_argument("--account-id", help="the default account's id (default: $ALIYUN_MOCK_ACCOUNT_ID, or random)")
    server.add_argument(
        "--save-every", type=float, metavar="SECONDS", help="with --state, also save every SECONDS seconds"
    )
    server.add_argument(
        "--ca",
        metavar="FILE",
        help="be an https proxy (HTTPS_PROXY) too, with the certificate authority in FILE (made if missing; "
        "its key in FILE.key) that the proxy's clients trust",
    )
    args = parser.parse_args(argv)
    if args.command == "server" and args.save_every is not None:
        if not args.state:
            parser.error("--save-every needs --state")
        if not args.save_every > 0:
            parser.error("--save-every takes a number of seconds above 0")
    if args.command == "demo":
        from .demo import run

        run()
    elif args.command == "server":
        return serve(
            args.host,
            args.port,
            args.state,
            allow_hosts=args.allow_host,
            log_requests=args.log_requests,
            save_every=args.save_every,
            strict=args.strict,
            seed=args.seed,
            account_id=args.account_id,
            proxy_ca=args.ca,
        )
    return 0


def serve(
    host: str,
    port: int,
    state_file: Optional[str],
    *,
    allow_hosts: Sequence[str] = (),
    log_requests: bool = False,
    save_every: Optional[float] = None,
    strict: bool = False,
    seed: Optional[int] = None,
    account_id: Optional[str] = None,
    proxy_ca: Optional[str] = None,
) -> int:
    """Serve until SIGINT or SIGTERM; then save the state (with ``--state``). 2: a state file that
    cannot be loaded or written, refused at start with a message naming it."""
    from .products import new_cloud
    from .server import ThreadedServer
    from .state_file import StateFileError, check_writable, read

    try:
        cloud = new_cloud(strict=strict, seed=seed, account_id=account_id)
    except ValueError as error:
        print(f"aliyun-mock: {error}", file=sys.stderr)
        return 2
    try:
        if state_file:
            check_writable(state_file)
            if os.path.exists(state_file):
                cloud.load(read(state_file))
    except StateFileError as error:
        print(f"aliyun-mock: {error}", file=sys.stderr)
        return 2
    except (KeyError, TypeError, ValueError) as error:
        print(f"aliyun-mock: {state_file}: not an aliyun-mock state: {error}", file=sys.stderr)
        return 2
    try:
        server = ThreadedServer(
            host,
            port,
            cloud=cloud,
            log_requests=log_requests,
            allow_hosts=allow_hosts,
            state_file=state_file,
            proxy_ca=proxy_ca,
        )
    except (ImportError, OSError, ValueError) as error:  # the authority cannot be read or written
        print(f"aliyun-mock: --ca {proxy_ca}: {error}", file=sys.stderr)
        return 2
    stopping = threading.Event()

    def stop(signum: int, frame: Any) -> None:
        stopping.set()
        threading.Thread(target=server.shutdown, daemon=True).start()  # not from the serving thread

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if state_file and save_every:
        threading.Thread(target=_save_periodically, args=(server, save_every, stopping), daemon=True).start()
    account = cloud.default_account
    print(f"aliyun-mock serving on http://{server.endpoint} (console: http://{server.endpoint}/_mock/console)")
    if proxy_ca:
        print(f"https proxy: HTTPS_PROXY=http://{server.endpoint}, trusting the certificate authority {proxy_ca}")
    print(
        f"default account {account.account_id}: AccessKeyId {account.access_key_id} "
        f"AccessKeySecret {account.access_key_secret}",
        flush=True,
    )
    try:
        server.serve_forever()
    finally:
        server.stop()
    if state_file:
        try:
            server.save()
        except (OSError, ValueError, TypeError) as error:
            print(f"aliyun-mock: {state_file}: the state could not be saved: {error}", file=sys.stderr)
            return 1
        print(f"state saved to {state_file}", flush=True)
    return 0


def _save_periodically(server: Any, seconds: float, stopping: threading.Event) -> None:
    while not stopping.wait(seconds):
        try:
            server.save()
        except (OSError, ValueError, TypeError) as error:  # the next save may succeed; say so meanwhile
            print(f"aliyun-mock: the periodic save failed: {error}", file=sys.stderr, flush=True)
