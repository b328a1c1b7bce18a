"""The ``aliyun-mock`` command (also ``python -m aliyun_mock``)."""
from __future__ import annotations

import argparse
from typing import List, Optional


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="aliyun-mock", description="An in-memory Alibaba Cloud ECS for tests.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="run a custom-image sharing scenario through the real SDK under the mock")
    args = parser.parse_args(argv)
    if args.command == "demo":
        from .demo import run

        run()
    return 0
