"""The ``aliyun-mock`` command (also ``python -m aliyun_mock``)."""

from __future__ import annotations

import argparse
import json
import os
import signal
import threading
from typing import Any, List, Optional, Sequence


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="aliyun-mock", description="An in-memory Alibaba Cloud ECS for tests.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="run a custom-image sharing scenario through the real SDK under the mock")
    server = commands.add_parser("server", help="serve the mock over HTTP for clients in any language")
    server.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    server.add_argument("--port", type=int, default=8899, help="port (default 8899; 0 picks a free one)")
    server.add_argument("--state", help="JSON state file: loaded at start if it exists, saved on a clean stop")
    server.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a host name clients may use besides loopback and the bound address (repeatable)",
    )
    server.add_argument("--log-requests", action="store_true", help="log every request (credentials masked)")
    args = parser.parse_args(argv)
    if args.command == "demo":
        from .demo import run

        run()
    elif args.command == "server":
        serve(args.host, args.port, args.state, allow_hosts=args.allow_host, log_requests=args.log_requests)
    return 0


def serve(
    host: str, port: int, state_file: Optional[str], *, allow_hosts: Sequence[str] = (), log_requests: bool = False
) -> None:
    """Serve until SIGINT or SIGTERM; then save the state (with ``--state``) and exit."""
    from .products import new_cloud
    from .server import ThreadedServer

    cloud = new_cloud()
    if state_file and os.path.exists(state_file):
        with open(state_file, encoding="utf-8") as handle:
            cloud.load(json.load(handle))
    server = ThreadedServer(host, port, cloud=cloud, log_requests=log_requests, allow_hosts=allow_hosts)

    def stop(signum: int, frame: Any) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()  # not from the serving thread

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    account = cloud.default_account
    print(f"aliyun-mock serving on http://{server.endpoint} (admin and dashboard: http://{server.endpoint}/_mock/)")
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
            with open(state_file, "w", encoding="utf-8") as handle:
                json.dump(cloud.state(), handle)
            print(f"state saved to {state_file}", flush=True)
