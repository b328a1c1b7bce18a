"""Where a mock's ids, keys, request ids and times come from: the system, or a seed.

``mock_ecs(seed=7)`` makes every id, secret, RequestId and timestamp repeat from run to run (time
then is a virtual clock starting at 2026-01-01T00:00:00Z and moving one second per reading), so
snapshot-style tests are stable. Without a seed, ids are random and times are the real clock.
"""

from __future__ import annotations

import random
import string
import threading
import time
from typing import Optional

ALNUM = string.ascii_letters + string.digits
LOWER_ALNUM = string.ascii_lowercase + string.digits
VIRTUAL_EPOCH = 1767225600  # 2026-01-01T00:00:00Z


class Entropy:
    def __init__(self, seed: Optional[int] = None) -> None:
        self.seed = seed
        self._random: random.Random = random.Random(seed) if seed is not None else random.SystemRandom()
        # RequestIds need to be unique, not secret: a fast generator seeded from the system's.
        self._ids = random.Random(seed) if seed is not None else random.Random(random.SystemRandom().getrandbits(64))
        self._virtual_now = VIRTUAL_EPOCH if seed is not None else None
        self._lock = threading.Lock()

    def string(self, alphabet: str, length: int) -> str:
        with self._lock:
            return "".join(self._random.choice(alphabet) for _ in range(length))

    def below(self, limit: int) -> int:
        with self._lock:
            return self._random.randrange(limit)

    def bits(self, count: int) -> int:
        """A non-negative integer of ``count`` random bits (key material)."""
        with self._lock:
            return self._random.getrandbits(count)

    def resource_id(self, prefix: str, region_code: str, length: int = 18) -> str:
        """``m-bp1a2b…``: the resource's prefix, its region's code, ``length`` random characters."""
        return f"{prefix}-{region_code}{self.string(LOWER_ALNUM, length)}"

    def request_id(self) -> str:
        """An upper-case UUID, as the API's RequestId. (One ``getrandbits`` call is atomic: the C
        method runs under the interpreter's lock, so no lock of ours is needed on every request.)"""
        text = f"{self._ids.getrandbits(128):032X}"
        return f"{text[:8]}-{text[8:12]}-4{text[13:16]}-{text[16:20]}-{text[20:]}"

    def now(self) -> float:
        if self._virtual_now is None:
            return time.time()
        with self._lock:
            self._virtual_now += 1
            return float(self._virtual_now)

    def now_iso(self, *, millis: bool = False) -> str:
        """UTC time in the API's ``yyyy-MM-ddTHH:mm:ssZ`` form (``…:ss.SSSZ`` with ``millis``)."""
        return iso_time(self.now(), millis=millis)


def iso_time(epoch: float, *, millis: bool = False) -> str:
    """``epoch`` seconds as ``yyyy-MM-ddTHH:mm:ssZ`` (``…:ss.SSSZ`` with ``millis``)."""
    text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch))
    return f"{text}.{int(epoch * 1000) % 1000:03d}Z" if millis else f"{text}Z"
