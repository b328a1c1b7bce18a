"""aliyun-mock benchmarks: every figure is a ratio to a baseline measured in the same run.

    python bench/run.py            # the table
    python bench/run.py --json     # the same figures, machine-readable
    python bench/run.py --quick    # fewer calls per figure (a smoke run)

Needs the SDKs (``pip install -e '.[sdk]'``) and ``pip install -r bench/requirements.txt`` (moto,
boto3: the comparison). Takes about two minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from typing import Any, Dict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import aliyun_cases  # noqa: E402
import moto_cases  # noqa: E402
import scaling  # noqa: E402
import server_cases  # noqa: E402
import startup  # noqa: E402

TARGETS = {
    "v1": 1.2,  # mocked call ≤ 1.2 × the V1 floor
    "v2": 1.5,
    "v2_async": 1.5,
    "overhead_vs_moto": 0.2,  # our overhead over our floor ≤ 0.2 × moto's over its floor
    "import_ms": 50,
    "start_stop_us": 1000,
    "scaling": 1.5,  # 10,000 images ≤ 1.5 × the 10-image case
}


def collect(quick: bool) -> Dict[str, Any]:
    calls = 60 if quick else 300
    figures: Dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    }
    figures["calls"] = aliyun_cases.measure(calls, repeats=3 if quick else 5)
    figures["moto"] = moto_cases.measure(max(calls // 3, 20))
    figures["import_ms"] = {"aliyun-mock": startup.import_ms("aliyun_mock"), "moto": startup.import_ms("moto")}
    figures["start_stop_us"] = startup.start_stop_us()
    figures["scaling_us"] = scaling.measure(max(calls // 3, 20))
    figures["memory_mib_per_10k_images"] = scaling.memory_per_10k_images()
    figures["memory_mib_per_100k_calls_when_full"] = scaling.memory_per_100k_calls()
    figures["server_rps"] = server_cases.measure(quick)
    return figures


def ratios(figures: Dict[str, Any]) -> Dict[str, Any]:
    out: Dict[str, Any] = {"per_call_vs_floor": {}, "overhead_vs_moto": {}}
    for path, actions in figures["calls"].items():
        for action, (mocked, floor) in actions.items():
            out["per_call_vs_floor"][f"{path} {action}"] = mocked / floor
            if path == "v2":
                moto_mocked, moto_floor = figures["moto"][action]
                out["overhead_vs_moto"][action] = (mocked - floor) / (moto_mocked - moto_floor)
    out["import_vs_moto"] = figures["import_ms"]["aliyun-mock"] / figures["import_ms"]["moto"]
    out["start_stop_vs_moto"] = figures["start_stop_us"]["aliyun-mock"] / figures["start_stop_us"]["moto"]
    out["scaling_vs_10_images"] = {
        call: {size: cost / by_size[10] for size, cost in by_size.items()}
        for call, by_size in figures["scaling_us"].items()
    }
    server = figures["server_rps"]
    out["server_vs_moto_server"] = {k: server["aliyun-mock"][k] / server["moto"][k] for k in server["aliyun-mock"]}
    return out


def table(figures: Dict[str, Any], rates: Dict[str, Any]) -> str:
    lines = [
        f"machine: {figures['machine']}",
        "",
        "per-call cost, mocked vs the SDK's null stub (same run)",
        f"{'path':9} {'action':30} {'mocked µs':>10} {'floor µs':>9} {'ratio':>6} {'target':>7}",
    ]
    for path, actions in figures["calls"].items():
        for action, (mocked, floor) in actions.items():
            ratio = mocked / floor
            lines.append(f"{path:9} {action:30} {mocked:10.0f} {floor:9.0f} {ratio:6.2f} {_mark(ratio, TARGETS[path])}")
    lines += [
        "",
        "overhead over the floor, aliyun-mock (V2) vs moto (boto3 EC2 analogue)",
        f"{'action':30} {'ours µs':>8} {'moto µs':>8} {'ratio':>6} {'target':>7}",
    ]
    for action, ratio in rates["overhead_vs_moto"].items():
        mocked, floor = figures["calls"]["v2"][action]
        moto_mocked, moto_floor = figures["moto"][action]
        lines.append(
            f"{action:30} {mocked - floor:8.0f} {moto_mocked - moto_floor:8.0f} {ratio:6.2f} "
            f"{_mark(ratio, TARGETS['overhead_vs_moto'])}"
        )
    imports, starts = figures["import_ms"], figures["start_stop_us"]
    lines += [
        "",
        f"import: aliyun-mock {imports['aliyun-mock']:.0f} ms, moto {imports['moto']:.0f} ms "
        f"(ratio {rates['import_vs_moto']:.2f}) {_mark(imports['aliyun-mock'], TARGETS['import_ms'])}",
        f"start+stop: aliyun-mock {starts['aliyun-mock']:.0f} µs, moto {starts['moto']:.0f} µs "
        f"(ratio {rates['start_stop_vs_moto']:.3f}) {_mark(starts['aliyun-mock'], TARGETS['start_stop_us'])}",
        "",
        "scaling: cost at N images in the region / cost at 10 images (V2 SDK)",
    ]
    for call, by_size in rates["scaling_vs_10_images"].items():
        cells = "  ".join(f"{size:>6}: {ratio:5.2f}" for size, ratio in by_size.items())
        lines.append(f"{call:30} {cells} {_mark(by_size[10_000], TARGETS['scaling'])}")
    lines.append(
        f"memory: {figures['memory_mib_per_10k_images']:.1f} MiB RSS per 10,000 images; "
        f"{figures['memory_mib_per_100k_calls_when_full']:.1f} MiB over 100,000 more calls once the call "
        "record is full (bounded)"
    )
    server = figures["server_rps"]
    lines += ["", "server mode, requests per second (DescribeImageSharePermission / DescribeImages analogue)"]
    for clients in server["aliyun-mock"]:
        ours, moto = server["aliyun-mock"][clients], server["moto"][clients]
        lines.append(
            f"{clients:>2} client thread(s): aliyun-mock {ours:7.0f}  moto_server {moto:7.0f}  "
            f"ratio {ours / moto:5.2f} {_mark(moto / ours, 1.0)}"
        )
    return "\n".join(lines)


def _mark(value: float, target: float) -> str:
    return "met" if value <= target else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures and ratios as JSON")
    parser.add_argument("--quick", action="store_true", help="fewer calls per figure")
    args = parser.parse_args()
    figures = collect(args.quick)
    rates = ratios(figures)
    if args.json:
        print(json.dumps({"figures": figures, "ratios": rates, "targets": TARGETS}, indent=1, default=str))
    else:
        print(table(figures, rates))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
