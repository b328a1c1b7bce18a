"""``import`` time and mock start+stop cost, aliyun-mock against moto."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from typing import Dict

from timing import per_call_us


def import_ms(module: str, runs: int = 7) -> float:
    """Median wall time of ``import module`` in a fresh interpreter, minus a bare interpreter's.

    Bytecode is cached first, as it is for any installed package: with PYTHONDONTWRITEBYTECODE set
    (some sandboxes set it) every run would compile the sources and measure the compiler instead."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run(code: str) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        return time.perf_counter() - started

    run(f"import {module}")  # writes the bytecode cache
    bare = statistics.median(run("pass") for _ in range(runs))
    loaded = statistics.median(run(f"import {module}") for _ in range(runs))
    return (loaded - bare) * 1000


def start_stop_us() -> Dict[str, float]:
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    from moto import mock_aws

    from aliyun_mock import mock_ecs

    def ours() -> None:
        with mock_ecs():
            pass

    def moto() -> None:
        with mock_aws():
            pass

    return {"aliyun-mock": per_call_us(ours, 200), "moto": per_call_us(moto, 50, repeats=3, warmup=3)}
