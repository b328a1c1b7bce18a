"""Server mode throughput: aliyun-mock's ThreadedServer against moto_server on this machine,
from one and from four client threads, each with its own session (both servers close the connection
after each answer, so every request opens one)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from typing import Callable, Dict

CLIENT_THREADS = (1, 4)


def _rps(send: Callable[[], None], threads: int, seconds: float) -> float:
    counts = [0] * threads
    deadline = time.perf_counter() + seconds

    def worker(slot: int) -> None:
        while time.perf_counter() < deadline:
            send()
            counts[slot] += 1

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return sum(counts) / seconds


def _ours(threads: int, seconds: float) -> float:
    import requests

    from aliyun_mock.server import ThreadedServer

    with ThreadedServer() as server:
        local = threading.local()

        def send() -> None:
            session = getattr(local, "session", None) or requests.Session()
            local.session = session
            response = session.get(
                f"http://{server.endpoint}/",
                params={"Action": "DescribeRegions", "Version": "2014-05-26", "Format": "JSON"},
                timeout=10,
            )
            response.raise_for_status()

        send()
        return _rps(send, threads, seconds)


def _moto(threads: int, seconds: float) -> float:
    import requests

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing")
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-p", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                requests.get(url + "moto-api/", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        local = threading.local()
        body = {"Action": "DescribeRegions", "Version": "2016-11-15"}
        headers = {
            "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/ec2/aws4_request, "
            "SignedHeaders=host, Signature=0"
        }

        def send() -> None:
            session = getattr(local, "session", None) or requests.Session()
            local.session = session
            session.post(url, data=body, headers=headers, timeout=10).raise_for_status()

        send()
        return _rps(send, threads, seconds)
    finally:
        process.terminate()
        process.wait(10)


def measure(quick: bool) -> Dict[str, Dict[int, float]]:
    seconds = 1.0 if quick else 3.0
    return {
        "aliyun-mock": {n: _ours(n, seconds) for n in CLIENT_THREADS},
        "moto": {n: _moto(n, seconds) for n in CLIENT_THREADS},
    }
