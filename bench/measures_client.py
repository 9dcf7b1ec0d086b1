"""The generated client's measures: import time and per-call overhead against raw httpx.
Each function runs its children through the Bench and adds its rows.
"""

from __future__ import annotations

import json
import re
import statistics
from typing import Any

import loopback
from config import BENCH_DIR, CLIENT_DIR, PACKAGE, PYTHON
from harness import MeasurementFailed, display, run_cold, tail
from report import Row, goal_row
from session import Bench

PROXY_VARIABLES = (
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
)


# --------------------------------------------------------------------------- import time


def measure_imports(bench: Bench) -> None:
    env = {**bench.env, "PYTHONPATH": str(CLIENT_DIR)}
    snippets = {
        "startup": "pass",
        "import_package": f"import {PACKAGE}",
        "import_client": f"from {PACKAGE} import Client",
        "import_httpx": "import httpx",  # reference: the client's one dependency
    }
    commands = {key: [PYTHON, "-c", code] for key, code in snippets.items()}
    for key, command in commands.items():
        bench.command(key, command)
        warm = run_cold(command, env=env)  # writes the byte code cache; not timed
        if warm.returncode != 0:
            raise MeasurementFailed(f"{display(command)} failed:\n{tail(warm.stderr)}")
    times: dict[str, list[float]] = {key: [] for key in commands}
    for _ in range(bench.options.import_repeat):  # interleaved, so drift hits all alike
        for key, command in commands.items():
            times[key].append(run_cold(command, env=env).seconds)
    medians = {key: statistics.median(values) for key, values in times.items()}
    bench.details["imports"] = {
        key: [round(v, 5) for v in values] for key, values in times.items()
    }
    baseline = medians["startup"]
    bench.add(
        Row(
            "python_startup_ms",
            "python -c pass (subtracted below)",
            baseline * 1000,
            "ms",
        ),
        Row(
            "import_package_ms",
            f"import {PACKAGE}",
            (medians["import_package"] - baseline) * 1000,
            "ms",
        ),
        goal_row("import_client_ms", (medians["import_client"] - baseline) * 1000),
        Row(
            "import_httpx_ms",
            "  of which: import httpx alone",
            (medians["import_httpx"] - baseline) * 1000,
            "ms",
        ),
    )
    profile = run_cold(
        [PYTHON, "-X", "importtime", "-c", snippets["import_client"]], env=env
    )
    bench.details["importtime_top"] = top_imports(profile.stderr)


# ----------------------------------------------------------------- 7: per-call overhead

# --------------------------------------------------------------------------- per-call overhead


def measure_calls(bench: Bench) -> None:
    env = {k: v for k, v in bench.env.items() if k not in PROXY_VARIABLES}
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    per_call: dict[str, list[float]] = {"raw": [], "generated": []}
    with loopback.serve() as base_url:
        for _ in range(bench.options.repeat):
            for mode in per_call:
                command = [
                    PYTHON,
                    str(BENCH_DIR / "callbench.py"),
                    "--mode",
                    mode,
                    "--base-url",
                    base_url,
                    "--package-dir",
                    str(CLIENT_DIR),
                    "--calls",
                    str(bench.options.calls),
                ]
                bench.command(f"calls_{mode}", command)
                sample = run_cold(command, env=env)
                if sample.returncode != 0:
                    raise MeasurementFailed(
                        f"{mode} call benchmark failed:\n{tail(sample.stderr)}"
                    )
                result = json.loads(sample.stdout.strip().splitlines()[-1])
                per_call[mode].append(result["seconds"] / result["calls"] * 1e6)
    bench.details["calls"] = {
        mode: [round(v, 2) for v in values] for mode, values in per_call.items()
    }
    raw = statistics.median(per_call["raw"])
    generated = statistics.median(per_call["generated"])
    bench.add(
        Row(
            "call_raw_us",
            f"raw httpx GET /info, {bench.options.calls} calls",
            raw,
            "us",
        ),
        Row("call_generated_us", "generated client.info.retrieve()", generated, "us"),
        Row("call_overhead_us", "  overhead per call", generated - raw, "us"),
        goal_row("call_ratio", generated / raw),
    )


def top_imports(importtime_stderr: str, count: int = 8) -> list[dict[str, Any]]:
    """The slowest top-level and second-level imports of a ``-X importtime`` log."""
    entries: list[tuple[float, float, str]] = []  # (cumulative ms, self ms, module)
    for line in importtime_stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if match and len(match.group(3)) // 2 <= 1:  # depth 0 or 1
            entries.append(
                (int(match.group(2)) / 1000, int(match.group(1)) / 1000, match.group(4))
            )
    entries.sort(reverse=True)
    return [
        {"module": module, "cumulative_ms": cumulative, "self_ms": self_ms}
        for cumulative, self_ms, module in entries[:count]
    ]
