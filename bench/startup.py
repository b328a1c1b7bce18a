"""``import`` time and mock start+stop cost, aliyun-mock against moto."""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from typing import Dict

from timing import per_call_us


def import_ms(module: str, runs: int = 7) -> float:
    """Median wall time of ``import module`` in a fresh interpreter, minus a bare interpreter's."""
    def run(code: str) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - started

    bare = statistics.median(run("pass") for _ in range(runs))
    loaded = statistics.median(run(f"import {module}") for _ in range(runs))
    return (loaded - bare) * 1000


def start_stop_us() -> Dict[str, float]:
    import os

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
