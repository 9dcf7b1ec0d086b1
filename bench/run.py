"""Benchmark the generator and the client it generates, in one run.

    .venv/bin/python bench/run.py            # full run (a few minutes on 2 cores)
    .venv/bin/python bench/run.py --quick    # smoke run: one repetition, small sizes, no opc
    .venv/bin/python bench/run.py --json     # machine-readable results on stdout

Every timing is taken from outside a fresh child process (``sys.executable -m generator
...`` and friends) and is the median of ``--repeat`` runs. See bench/README.md for what each
row measures and how.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

import loopback  # noqa: E402  (a sibling module of this script)
import synth  # noqa: E402

PYTHON = sys.executable
OPC_VERSION = "0.29.1"  # openapi-python-client, installed in its own virtualenv
OPC_VENV = BENCH_DIR / ".venv-opc"
CHATFLOW_SPECS = ROOT / "specs" / "dify-chatflow"
OPC_SPEC = CHATFLOW_SPECS / "en" / "openapi_chatflow.json"
CLIENT_DIR = ROOT / "generated" / "chatflow" / "en"
PACKAGE = "dify_chatflow"
SYNTH_PACKAGE = "synth_api"
LOCALE_COUNT = len(synth.LOCALES)
LARGE_SIZE = 1000  # synthetic sizes from here on use --large-repeat
# The generator's cache folder (generator/cache.py); an empty value turns the cache off.
CACHE_VARIABLE = "POLYGLOT_GENERATOR_CACHE"
PROXY_VARIABLES = (
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
)


class MeasurementFailed(Exception):
    """A measured command failed; the row is reported as n/a with this message."""


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def tail(text: str, lines: int = 6) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


# --------------------------------------------------------------------------- processes


@dataclass(frozen=True)
class Sample:
    """One cold child process: wall-clock seconds measured from outside, its peak RSS."""

    seconds: float
    max_rss_mb: float | None
    returncode: int
    stdout: str
    stderr: str


def run_cold(
    command: Sequence[str], *, cwd: Path = ROOT, env: Mapping[str, str] | None = None
) -> Sample:
    """Run ``command`` in a fresh process; time it from outside and read its own rusage.

    ``os.wait4`` returns the resource usage of exactly that child, so its ``ru_maxrss`` is
    the child's peak RSS (RUSAGE_CHILDREN would only give the maximum over all children).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=dict(env) if env is not None else None,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
        rss: float | None = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            # kilobytes on Linux, bytes on macOS
            rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        else:
            process.wait()
            seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Sample(
            seconds=seconds,
            max_rss_mb=rss,
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


@dataclass
class Series:
    """Repeated cold runs of one command."""

    samples: list[Sample] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak_rss_mb(self) -> float | None:
        values = [s.max_rss_mb for s in self.samples if s.max_rss_mb is not None]
        return max(values) if values else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "seconds": [round(s.seconds, 4) for s in self.samples],
            "median_seconds": round(self.median, 4) if self.samples else None,
            "max_rss_mb": [
                None if s.max_rss_mb is None else round(s.max_rss_mb, 1)
                for s in self.samples
            ],
        }


def repeat_cold(
    make_command: Callable[[int], list[str]],
    repeat: int,
    *,
    env: Mapping[str, str] | Callable[[int], Mapping[str, str]] | None = None,
    ok_codes: tuple[int, ...] = (0,),
    after: Callable[[int], None] | None = None,
) -> Series:
    """Run ``make_command(i)`` ``repeat`` times (``env`` may also depend on ``i``); raise
    MeasurementFailed on an unexpected exit status."""
    series = Series()
    for index in range(repeat):
        command = make_command(index)
        sample = run_cold(command, env=env(index) if callable(env) else env)
        if after is not None:
            after(index)
        if sample.returncode not in ok_codes:
            raise MeasurementFailed(
                f"exit status {sample.returncode} from {display(command)}:\n"
                + tail(sample.stderr or sample.stdout)
            )
        series.samples.append(sample)
    return series


def display(command: Sequence[str], tmp: Path | None = None) -> str:
    """A command as a shell line, with paths inside the repository made relative."""
    parts = []
    for part in command:
        text = str(part)
        if tmp is not None and text.startswith(str(tmp)):
            text = "<tmp>" + text[len(str(tmp)) :]
        elif text.startswith(str(ROOT) + os.sep):
            text = os.path.relpath(text, ROOT)
        parts.append(text)
    return shlex.join(parts)


def rel(path: Path) -> str:
    """A path for a child running in ROOT: relative inside the repository, else absolute."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


# --------------------------------------------------------------------------- results


@dataclass
class Row:
    """One line of the result table; ``limit`` is the goal's upper bound, if any."""

    key: str
    label: str
    value: float | None
    unit: str
    goal: str = ""
    limit: float | None = None
    note: str = ""

    @property
    def met(self) -> str:
        if self.limit is None:
            return "-"
        if self.value is None:
            return "n/a"
        return "yes" if self.value <= self.limit else "no"

    def formatted(self) -> str:
        if self.value is None:
            return "n/a"
        formats = {
            "s": "{:.2f} s",
            "ms": "{:.1f} ms",
            "us": "{:.0f} µs",
            "x": "{:.3f}x",  # three decimals: 1.2004 must not print as a "met" 1.20
            "MB": "{:.0f} MB",
            "ms/op": "{:.1f} ms/op",
            "": "{:.2f}",
        }
        return formats.get(self.unit, "{:g} " + self.unit).format(self.value)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "measurement": self.label,
            "value": None if self.value is None else round(self.value, 6),
            "unit": self.unit,
            "display": self.formatted(),
            "goal": self.goal or None,
            "met": self.met,
            "note": self.note or None,
        }


# The rows that have a goal: key -> (label, unit, goal as printed, upper bound).
GOALS: dict[str, tuple[str, str, str, float]] = {
    "generate_vs_opc_ratio": (
        "ratio generator (3 locales, empty cache) / opc (en)",
        "x",
        "<= 0.5",
        0.5,
    ),
    "generate_warm_cache_vs_opc_ratio": (
        "  same, generator with a warm (content) cache",
        "x",
        "<= 0.5",
        0.5,
    ),
    "check_s": ("check, unchanged input, warm cache", "s", "<= 0.3 s", 0.3),
    "synthetic_growth_exponent": (
        "  growth exponent (1 = linear)",
        "",
        "<= 1.1 (linear)",
        1.1,
    ),
    "import_client_ms": (f"from {PACKAGE} import Client", "ms", "<= 50 ms", 50.0),
    "call_ratio": ("ratio generated / raw httpx", "x", "<= 1.2x", 1.2),
}
GENERATE_LABEL = f"generate Chatflow, {LOCALE_COUNT} locales, empty cache"
OPC_LABEL = f"openapi-python-client {OPC_VERSION}, en only"


def goal_row(key: str, value: float | None, note: str = "", label: str = "") -> Row:
    """A row with its goal from GOALS; ``label`` overrides the registered one."""
    default_label, unit, goal, limit = GOALS[key]
    return Row(key, label or default_label, value, unit, goal, limit, note)


@dataclass
class Options:
    repeat: int
    large_repeat: int
    import_repeat: int
    calls: int
    sizes: list[int]
    skip_opc: bool
    profile: bool
    quick: bool
    json: bool


class Bench:
    """Runs the measurements in order and collects rows, commands, notes and raw samples."""

    def __init__(self, options: Options, tmp: Path) -> None:
        self.options = options
        self.tmp = tmp
        self.rows: list[Row] = []
        self.commands: dict[str, str] = {}
        self.notes: list[str] = []
        self.details: dict[str, Any] = {}
        self.generate_seconds: float | None = None
        self.generate_warm_seconds: float | None = None
        # Children cache byte code under a temporary prefix: every timed run finds compiled
        # byte code (as an installed package would) and no __pycache__ lands in the repo.
        self.env = {
            k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"
        }
        self.env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")

    def warm_up(self) -> None:
        """One untimed generator run on a tiny spec: fills the byte-code cache for the rest."""
        specs = self.tmp / "warm-up"
        synth.write_specs(specs, 5)
        command = self.generate_command(specs, SYNTH_PACKAGE, self.tmp / "warm-up-out")
        self.command("warm_up", command)
        sample = run_cold(command, env=self.cache_env("warm-up-cache"))
        self.clean("warm-up-out")
        if sample.returncode != 0:
            raise MeasurementFailed(
                f"warm-up generator run failed:\n{tail(sample.stderr)}"
            )

    def add(self, *rows: Row) -> None:
        self.rows.extend(rows)

    def command(self, key: str, command: Sequence[str]) -> None:
        self.commands[key] = display(command, self.tmp)

    def guarded(
        self,
        name: str,
        measure: Callable[[], None],
        failed_rows: Sequence[Row] = (),
    ) -> None:
        """Run one measurement; on an expected failure, add ``failed_rows`` (value n/a)
        with the reason as their note, and a note with the whole message."""
        log(f"{name} ...")
        try:
            measure()
        except (
            MeasurementFailed,
            OSError,
            subprocess.SubprocessError,
            ValueError,
            KeyError,
        ) as exc:
            reason = str(exc) or type(exc).__name__
            log(f"{name} failed: {reason}")
            self.notes.append(f"{name}: n/a - {reason}")
            for row in failed_rows:
                row.note = reason.splitlines()[0]
            self.add(*failed_rows)

    def cache_env(self, name: str | None) -> dict[str, str]:
        """Children's environment with the generator's cache in ``<tmp>/<name>`` (fresh
        unless used before), or turned off for None. The user's own cache is never used.
        """
        return {
            **self.env,
            CACHE_VARIABLE: "" if name is None else str(self.tmp / name),
        }

    def empty_cache_env(self, label: str) -> Callable[[int], dict[str, str]]:
        """A fresh, empty cache folder for every run: what a first run costs."""
        return lambda index: self.cache_env(f"cache-{label}-{index}")

    # ----------------------------------------------------------------- 1 + 5: Chatflow

    def generate_command(self, specs: Path, package: str, out: Path) -> list[str]:
        return [
            PYTHON,
            "-m",
            "generator",
            "generate",
            "--specs",
            rel(specs),
            "--package",
            package,
            "--out",
            str(out),
        ]

    def measure_generate_chatflow(self) -> None:
        def command(index: int) -> list[str]:
            return self.generate_command(
                CHATFLOW_SPECS, PACKAGE, self.tmp / f"chatflow-{index}"
            )

        def clean(index: int) -> None:
            self.clean(f"chatflow-{index}")

        self.command("generate_chatflow", command(0))
        empty = repeat_cold(
            command,
            self.options.repeat,
            env=self.empty_cache_env("chatflow"),
            after=clean,
        )
        self.details["generate_chatflow_empty_cache"] = empty.as_dict()
        self.generate_seconds = empty.median
        self.add(
            Row("generate_chatflow_s", GENERATE_LABEL, empty.median, "s"),
            Row("generate_chatflow_rss_mb", "  peak RSS", empty.peak_rss_mb, "MB"),
        )
        warm_env = self.cache_env("cache-chatflow-warm")
        repeat_cold(command, 1, env=warm_env, after=clean)  # fills the cache; untimed
        warm = repeat_cold(command, self.options.repeat, env=warm_env, after=clean)
        self.details["generate_chatflow_warm_cache"] = warm.as_dict()
        self.generate_warm_seconds = warm.median
        self.add(
            Row(
                "generate_chatflow_warm_cache_s",
                "  same, warm cache (repeated run)",
                warm.median,
                "s",
            )
        )

    def clean(self, name: str) -> None:
        shutil.rmtree(self.tmp / name, ignore_errors=True)

    # ----------------------------------------------------------------- 2: openapi-python-client

    def ensure_opc(self) -> Path:
        """The virtualenv's python with openapi-python-client OPC_VERSION, made on demand."""
        python = venv_python(OPC_VENV)
        if not python.exists():
            log(f"creating {rel(OPC_VENV)} ...")
            made = subprocess.run(
                [PYTHON, "-m", "venv", str(OPC_VENV)], capture_output=True, text=True
            )
            if made.returncode != 0:
                raise MeasurementFailed(
                    f"cannot create {rel(OPC_VENV)}: {tail(made.stderr)}"
                )
        version = subprocess.run(
            [
                str(python),
                "-c",
                "import importlib.metadata as m; print(m.version('openapi-python-client'))",
            ],
            capture_output=True,
            text=True,
        ).stdout.strip()
        if version != OPC_VERSION:
            log(
                f"pip install openapi-python-client=={OPC_VERSION} into {rel(OPC_VENV)} ..."
            )
            installed = subprocess.run(
                [
                    str(python),
                    "-m",
                    "pip",
                    "install",
                    "--disable-pip-version-check",
                    "--quiet",
                    f"openapi-python-client=={OPC_VERSION}",
                ],
                capture_output=True,
                text=True,
                timeout=900,
            )
            if installed.returncode != 0:
                raise MeasurementFailed(
                    f"pip install openapi-python-client=={OPC_VERSION} failed: {tail(installed.stderr)}"
                )
        return python

    def measure_opc(self) -> None:
        python = self.ensure_opc()
        # The venv's bin/ goes first on PATH so that opc's default post-hooks (ruff check
        # --fix, ruff format) run: formatted output, like the generator's black pass.
        # Its own virtualenv holds its byte code (pip compiled it), hence no cache prefix.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PATH"] = str(python.parent) + os.pathsep + env.get("PATH", "")

        def command(index: int) -> list[str]:
            return [
                str(python),
                "-m",
                "openapi_python_client",
                "generate",
                "--path",
                rel(OPC_SPEC),
                "--meta",
                "none",
                "--output-path",
                str(self.tmp / f"opc-{index}"),
                "--overwrite",
            ]

        def check_output(index: int) -> None:
            produced = self.tmp / f"opc-{index}"
            if not (produced / "__init__.py").exists():
                raise MeasurementFailed(
                    f"openapi-python-client wrote no package into {display([str(produced)], self.tmp)}"
                )
            self.clean(f"opc-{index}")

        self.command("openapi_python_client", command(0))
        repeat_cold(command, 1, env=env, after=check_output)  # untimed warm-up
        series = repeat_cold(command, self.options.repeat, env=env, after=check_output)
        self.details["openapi_python_client"] = {
            **series.as_dict(),
            "version": OPC_VERSION,
        }
        output = series.samples[0].stdout + series.samples[0].stderr
        if "ruff is not in PATH" in output:
            self.notes.append(
                "openapi-python-client: ruff not found, its formatting post-hooks did not run"
            )
        warnings = opc_warnings(output)
        if warnings:
            self.notes.append(
                f"openapi-python-client {OPC_VERSION} succeeded with {len(warnings)} "
                "warning(s) on the en spec: " + "; ".join(warnings)
            )
        opc = series.median
        ratio = None if self.generate_seconds is None else self.generate_seconds / opc
        per_locale = None if ratio is None else ratio / LOCALE_COUNT
        warm = self.generate_warm_seconds
        self.add(
            Row("opc_s", OPC_LABEL, opc, "s"),
            goal_row("generate_vs_opc_ratio", ratio),
            goal_row(
                "generate_warm_cache_vs_opc_ratio",
                None if warm is None else warm / opc,
            ),
            Row(
                "generate_per_locale_vs_opc_ratio",
                "  same, generator time per locale (empty cache)",
                per_locale,
                "x",
            ),
        )

    # ----------------------------------------------------------------- 3: check

    def measure_check(self) -> None:
        command = [PYTHON, "-m", "generator", "check"]
        self.command("check", command)
        # A bench-owned cache, filled by one untimed check (which verifies and records the
        # output): the state after `generate` or a first `check`.
        warm_env = self.cache_env("cache-check")
        first = run_cold(command, env=warm_env)
        if first.returncode not in (0, 1):
            raise MeasurementFailed(f"check failed:\n{tail(first.stderr)}")
        warm = repeat_cold(
            lambda _: command, self.options.repeat, env=warm_env, ok_codes=(0, 1)
        )
        cold = repeat_cold(
            lambda _: command,
            self.options.repeat,
            env=self.cache_env(None),
            ok_codes=(0, 1),
        )
        self.details["check_warm_cache"] = warm.as_dict()
        self.details["check_no_cache"] = cold.as_dict()
        stale = [s for s in warm.samples + cold.samples if s.returncode == 1]
        note = "generated/ is stale (exit 1); timed anyway" if stale else ""
        if stale:
            self.notes.append(
                f"check: {note}:\n{tail(stale[0].stdout + stale[0].stderr, 3)}"
            )
        self.add(
            goal_row("check_s", warm.median, note),
            Row("check_no_cache_s", "  same, cache off", cold.median, "s"),
        )

    # ----------------------------------------------------------------- 4: synthetic specs

    def measure_synthetic(self) -> None:
        medians = {
            size: self.measure_synthetic_size(size) for size in self.options.sizes
        }
        if len(medians) >= 2:
            small, large = min(medians), max(medians)
            exponent = math.log(medians[large] / medians[small]) / math.log(
                large / small
            )
            marginal = (medians[large] - medians[small]) / (large - small) * 1000
            self.add(
                Row(
                    "synthetic_marginal_ms_per_op",
                    f"  marginal cost per op ({small}->{large})",
                    marginal,
                    "ms/op",
                ),
                goal_row(
                    "synthetic_growth_exponent",
                    exponent,
                    label=f"  growth exponent {small}->{large} (1 = linear)",
                ),
            )

    def measure_synthetic_size(self, size: int) -> float:
        """Generate from ``size`` synthetic operations in every locale; returns the median."""
        specs = self.tmp / f"synth-{size}"
        synth.write_specs(specs, size)
        large = size >= LARGE_SIZE
        repeat = (
            min(self.options.repeat, self.options.large_repeat)
            if large
            else self.options.repeat
        )

        def command(index: int) -> list[str]:
            return self.generate_command(
                specs, SYNTH_PACKAGE, self.tmp / f"synth-{size}-out-{index}"
            )

        def clean(index: int) -> None:
            self.clean(f"synth-{size}-out-{index}")

        self.command(f"synthetic_{size}", command(0))
        log(f"  {size} operations x {LOCALE_COUNT} locales, {repeat} run(s) ...")
        series = repeat_cold(
            command, repeat, env=self.empty_cache_env(f"synth-{size}"), after=clean
        )
        self.details[f"synthetic_{size}"] = series.as_dict()
        note = (
            f"{repeat} run(s), see --large-repeat"
            if repeat != self.options.repeat
            else ""
        )
        self.add(
            Row(
                f"synthetic_{size}_s",
                f"generate synthetic {size} ops x {LOCALE_COUNT} locales",
                series.median,
                "s",
                note=note,
            ),
            Row(
                f"synthetic_{size}_ms_per_op",
                f"  per operation ({size} ops)",
                series.median / size * 1000,
                "ms/op",
            ),
        )
        if size == max(self.options.sizes):
            self.add(
                Row(
                    f"synthetic_{size}_rss_mb",
                    f"  peak RSS ({size} ops)",
                    series.peak_rss_mb,
                    "MB",
                )
            )
        return series.median

    # ----------------------------------------------------------------- 6: import time

    def measure_imports(self) -> None:
        env = {**self.env, "PYTHONPATH": str(CLIENT_DIR)}
        snippets = {
            "startup": "pass",
            "import_package": f"import {PACKAGE}",
            "import_client": f"from {PACKAGE} import Client",
            "import_httpx": "import httpx",  # reference: the client's one dependency
        }
        commands = {key: [PYTHON, "-c", code] for key, code in snippets.items()}
        for key, command in commands.items():
            self.command(key, command)
            warm = run_cold(command, env=env)  # writes the byte code cache; not timed
            if warm.returncode != 0:
                raise MeasurementFailed(
                    f"{display(command)} failed:\n{tail(warm.stderr)}"
                )
        times: dict[str, list[float]] = {key: [] for key in commands}
        for _ in range(
            self.options.import_repeat
        ):  # interleaved, so drift hits all alike
            for key, command in commands.items():
                times[key].append(run_cold(command, env=env).seconds)
        medians = {key: statistics.median(values) for key, values in times.items()}
        self.details["imports"] = {
            key: [round(v, 5) for v in values] for key, values in times.items()
        }
        baseline = medians["startup"]
        self.add(
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
        self.details["importtime_top"] = top_imports(profile.stderr)

    # ----------------------------------------------------------------- 7: per-call overhead

    def measure_calls(self) -> None:
        env = {k: v for k, v in self.env.items() if k not in PROXY_VARIABLES}
        env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
        per_call: dict[str, list[float]] = {"raw": [], "generated": []}
        with loopback.serve() as base_url:
            for _ in range(self.options.repeat):
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
                        str(self.options.calls),
                    ]
                    self.command(f"calls_{mode}", command)
                    sample = run_cold(command, env=env)
                    if sample.returncode != 0:
                        raise MeasurementFailed(
                            f"{mode} call benchmark failed:\n{tail(sample.stderr)}"
                        )
                    result = json.loads(sample.stdout.strip().splitlines()[-1])
                    per_call[mode].append(result["seconds"] / result["calls"] * 1e6)
        self.details["calls"] = {
            mode: [round(v, 2) for v in values] for mode, values in per_call.items()
        }
        raw = statistics.median(per_call["raw"])
        generated = statistics.median(per_call["generated"])
        self.add(
            Row(
                "call_raw_us",
                f"raw httpx GET /info, {self.options.calls} calls",
                raw,
                "us",
            ),
            Row(
                "call_generated_us", "generated client.info.retrieve()", generated, "us"
            ),
            Row("call_overhead_us", "  overhead per call", generated - raw, "us"),
            goal_row("call_ratio", generated / raw),
        )

    # ----------------------------------------------------------------- optional: profile

    def measure_profile(self) -> None:
        """Self time of one Chatflow generate run under cProfile, grouped by top-level package."""
        import pstats

        output = self.tmp / "generate.prof"
        command = [PYTHON, "-m", "cProfile", "-o", str(output)] + self.generate_command(
            CHATFLOW_SPECS, PACKAGE, self.tmp / "chatflow-profile"
        )[1:]
        self.command("profile", command)
        sample = run_cold(command, env=self.cache_env(None))
        if sample.returncode != 0:
            raise MeasurementFailed(f"profiled run failed:\n{tail(sample.stderr)}")
        totals: dict[str, float] = {}
        stats: dict[Any, Any] = pstats.Stats(str(output)).stats  # type: ignore[attr-defined]
        for (file, _line, function), (
            _cc,
            _nc,
            self_time,
            _cum,
            _callers,
        ) in stats.items():
            group = package_of(file, function)
            totals[group] = totals.get(group, 0.0) + self_time
        total = sum(totals.values())
        ranked = sorted(totals.items(), key=lambda item: -item[1])[:8]
        self.details["profile_self_time"] = {
            name: round(seconds, 3) for name, seconds in ranked
        }
        shares = ", ".join(
            f"{name} {seconds / total:.0%}" for name, seconds in ranked[:6]
        )
        self.notes.append(
            f"profile of one Chatflow generate (self time by package): {shares}"
        )


def opc_warnings(output: str) -> list[str]:
    """openapi-python-client's warnings: each ``WARNING ...`` line with the next text line."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return [
        " ".join(lines[index : index + 2])
        for index, line in enumerate(lines)
        if line.startswith("WARNING")
    ]


def package_of(file: str, function: str) -> str:
    """The top-level package a profiled function belongs to (built-ins by their module)."""
    if file == "~":  # a built-in; compiled (mypyc) packages such as black show up here
        match = re.match(r"<(?:built-in )?method (\w+)\.", function)
        module = match.group(1) if match else ""
        if not module or module in sys.stdlib_module_names or module.startswith("_"):
            return "(python built-ins)"
        return module
    path = Path(file)
    if "site-packages" in path.parts:
        after = path.parts[path.parts.index("site-packages") + 1 :]
        return after[0].removesuffix(".py") if after else "(site-packages)"
    try:
        return path.resolve().relative_to(ROOT).parts[0]
    except ValueError:
        return "(stdlib)"


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


# --------------------------------------------------------------------------- output


def git_revision() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        return head.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def environment() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "executable": display([PYTHON]),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "git": git_revision(),
    }


def print_table(bench: Bench, env: Mapping[str, Any], elapsed: float) -> None:
    headers = ("measurement", "value", "goal", "met")
    lines = [
        (row.label, row.formatted(), row.goal or "-", row.met) for row in bench.rows
    ]
    widths = [
        max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(headers)
    ]

    def fmt(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(width) if i != 1 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths))
        ).rstrip()

    print(
        f"python {env['python']} ({env['executable']}), {env['platform']}, {env['cpus']} CPUs, "
        f"git {env['git']}; repeat {bench.options.repeat}, median of cold processes"
    )
    print()
    print(fmt(headers))
    print(fmt(["-" * w for w in widths]))
    for line in lines:
        print(fmt(line))
    print()
    print("commands (<tmp> is a fresh temporary folder per run):")
    for key, command in bench.commands.items():
        print(f"  {key}: {command}")
    extra = [f"{row.label.strip()}: {row.note}" for row in bench.rows if row.note]
    top = bench.details.get("importtime_top")
    if top:
        extra.append(
            f"-X importtime, from {PACKAGE} import Client, slowest: "
            + ", ".join(f"{e['module']} {e['cumulative_ms']:.1f} ms" for e in top[:6])
        )
    if bench.notes or extra:
        print()
        print("notes:")
        for note in bench.notes + extra:
            print("  - " + note.replace("\n", "\n    "))
    print()
    print(f"total benchmark time {elapsed:.0f} s")


def parse_options(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="cold runs per measurement (default 3; --quick 1)",
    )
    parser.add_argument(
        "--large-repeat",
        type=int,
        default=None,
        help=f"at most this many runs for synthetic sizes >= {LARGE_SIZE} "
        "(default: --repeat; 1 saves about two minutes)",
    )
    parser.add_argument(
        "--import-repeat",
        type=int,
        default=None,
        help="cold runs per import measurement (default 20; --quick 5)",
    )
    parser.add_argument(
        "--calls",
        type=int,
        default=None,
        help="calls per client process (default 2000; --quick 200)",
    )
    parser.add_argument(
        "--sizes",
        default=None,
        help="synthetic operation counts, comma-separated (default 100,1000; --quick 10,100)",
    )
    parser.add_argument(
        "--skip-opc", action="store_true", help="skip openapi-python-client"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile one Chatflow generate run (cProfile)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: repeat 1, small sizes and N, no opc",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print machine-readable results instead of the table",
    )
    args = parser.parse_args(argv)
    quick: bool = args.quick
    repeat = args.repeat if args.repeat is not None else (1 if quick else 3)
    sizes_text = (
        args.sizes if args.sizes is not None else ("10,100" if quick else "100,1000")
    )
    options = Options(
        repeat=max(1, repeat),
        large_repeat=max(
            1, args.large_repeat if args.large_repeat is not None else repeat
        ),
        import_repeat=max(
            1,
            (
                args.import_repeat
                if args.import_repeat is not None
                else (5 if quick else 20)
            ),
        ),
        calls=max(
            1, args.calls if args.calls is not None else (200 if quick else 2000)
        ),
        sizes=sorted({int(size) for size in sizes_text.split(",") if size.strip()}),
        skip_opc=args.skip_opc or quick,
        profile=args.profile,
        quick=quick,
        json=args.json,
    )
    if any(size < 1 for size in options.sizes):
        parser.error("--sizes must be positive")
    return options


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_options(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="generator-bench-") as tmp_name:
        bench = Bench(options, Path(tmp_name))
        bench.guarded("warm-up", bench.warm_up)
        bench.guarded(
            "generate Chatflow",
            bench.measure_generate_chatflow,
            [Row("generate_chatflow_s", GENERATE_LABEL, None, "s")],
        )
        if options.skip_opc:
            bench.add(goal_row("generate_vs_opc_ratio", None, "skipped"))
        else:
            bench.guarded(
                "openapi-python-client",
                bench.measure_opc,
                [
                    Row("opc_s", OPC_LABEL, None, "s"),
                    goal_row("generate_vs_opc_ratio", None),
                ],
            )
        bench.guarded("check", bench.measure_check, [goal_row("check_s", None)])
        bench.guarded(
            "synthetic specs",
            bench.measure_synthetic,
            [goal_row("synthetic_growth_exponent", None)],
        )
        bench.guarded(
            "import time", bench.measure_imports, [goal_row("import_client_ms", None)]
        )
        bench.guarded(
            "per-call overhead", bench.measure_calls, [goal_row("call_ratio", None)]
        )
        if options.profile:
            bench.guarded("profile", bench.measure_profile)
    elapsed = time.perf_counter() - started
    env = environment()
    if options.json:
        payload = {
            "environment": env,
            "options": {
                "repeat": options.repeat,
                "large_repeat": options.large_repeat,
                "import_repeat": options.import_repeat,
                "calls": options.calls,
                "sizes": options.sizes,
                "quick": options.quick,
            },
            "openapi_python_client_version": OPC_VERSION,
            "results": [row.as_dict() for row in bench.rows],
            "commands": bench.commands,
            "notes": bench.notes,
            "details": bench.details,
            "elapsed_seconds": round(elapsed, 1),
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print_table(bench, env, elapsed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
