"""Per-call cost in microseconds: the best of several timed batches (least disturbed by the machine)."""

from __future__ import annotations

import asyncio
import time
from typing import Awaitable, Callable


def per_call_us(call: Callable[[], object], calls: int = 300, repeats: int = 5, warmup: int = 30) -> float:
    for _ in range(warmup):
        call()
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for _ in range(calls):
            call()
        best = min(best, (time.perf_counter() - started) / calls)
    return best * 1e6


def per_call_us_async(
    call: Callable[[], Awaitable[object]], calls: int = 300, repeats: int = 5, warmup: int = 30
) -> float:
    async def batch(count: int) -> float:
        started = time.perf_counter()
        for _ in range(count):
            await call()
        return time.perf_counter() - started

    async def run() -> float:
        await batch(warmup)
        return min([await batch(calls) for _ in range(repeats)]) / calls

    return asyncio.run(run()) * 1e6
