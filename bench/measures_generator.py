"""The generator's measures: the warm-up run, generate Chatflow, openapi-python-client,
check, synthetic specs and the optional profile. Each function runs its children through
the Bench and adds its rows; MeasurementFailed (and friends) make bench.guarded() report
the rows as n/a.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import statistics
import sys
from pathlib import Path
from typing import Any

import synth
from config import (
    CHATFLOW_SPECS,
    LARGE_SIZE,
    LOCALE_COUNT,
    OPC_SPEC,
    OPC_VERSION,
    PACKAGE,
    PYTHON,
    ROOT,
    SYNTH_PACKAGE,
)
from harness import (
    ColdJob,
    MeasurementFailed,
    Series,
    display,
    ensure_opc,
    log,
    rel,
    repeat_alternating,
    repeat_cold,
    run_cold,
    tail,
)
from report import GENERATE_LABEL, OPC_LABEL, Row, goal_row
from session import Bench

# --------------------------------------------------------------------------- warm-up


def warm_up(bench: Bench) -> None:
    """One untimed generator run on a tiny spec: fills the byte-code cache for the rest."""
    specs = bench.tmp / "warm-up"
    synth.write_specs(specs, 5)
    command = bench.generate_command(specs, SYNTH_PACKAGE, bench.tmp / "warm-up-out")
    bench.command("warm_up", command)
    sample = run_cold(command, env=bench.cache_env("warm-up-cache"))
    bench.clean("warm-up-out")
    if sample.returncode != 0:
        raise MeasurementFailed(f"warm-up generator run failed:\n{tail(sample.stderr)}")


# --------------------------------------------------------------------------- Chatflow

OPC_KEY = "openapi_python_client"


def measure_generate_chatflow(bench: Bench) -> None:
    """Chatflow with an empty cache, alternating with openapi-python-client (unless
    skipped) so their ratio compares runs on the same machine; then the writing floor of
    both outputs; then Chatflow with a warm cache."""

    def command(index: int) -> list[str]:
        return bench.generate_command(
            CHATFLOW_SPECS, PACKAGE, bench.tmp / f"chatflow-{index}"
        )

    bench.command("generate_chatflow", command(0))
    ours = ColdJob(
        command, bench.empty_cache_env("chatflow"), after=bench.keep_first("chatflow")
    )
    jobs = [ours]
    if not bench.options.skip_opc:
        jobs.append(opc_job(bench, OPC_SPEC, OPC_KEY))
    found = repeat_alternating(jobs, bench.options.repeat)
    empty = found[0]
    bench.details["generate_chatflow_empty_cache"] = empty.as_dict()
    bench.generate_seconds = empty.median
    bench.add(
        Row("generate_chatflow_s", GENERATE_LABEL, empty.median, "s"),
        Row("generate_chatflow_rss_mb", "  peak RSS", empty.peak_rss_mb, "MB"),
    )
    if len(found) > 1:
        bench.opc_seconds = opc_finished(bench, found[1], OPC_SPEC, OPC_KEY)
    bench.floors_of(["chatflow"] + [f"opc-{OPC_KEY}"] * (len(found) > 1))
    bench.add(floor_row("generate_chatflow_write_floor_s", bench, "chatflow"))
    warm_env = bench.cache_env("cache-chatflow-warm")

    def clean(index: int) -> None:
        bench.clean(f"chatflow-{index}")

    repeat_cold(command, 1, env=warm_env, after=clean)  # fills the cache; untimed
    warm = repeat_cold(command, bench.options.repeat, env=warm_env, after=clean)
    bench.details["generate_chatflow_warm_cache"] = warm.as_dict()
    bench.generate_warm_seconds = warm.median
    bench.add(
        Row(
            "generate_chatflow_warm_cache_s",
            "  same, warm cache (repeated run)",
            warm.median,
            "s",
        )
    )


# --------------------------------------------------------------------------- writing floor


# creating a file of a generated output, alone, takes 10-60 µs here; beyond this the
# disk is in the state files deleted minutes before leave it (bench/README.md)
_SLOW_FLOOR = 100e-6


def floor_row(key: str, bench: Bench, label: str) -> Row:
    bench.details[f"write_floor_{label}"] = [round(v, 4) for v in bench.floors[label]]
    per_file = statistics.median(bench.floors[label]) / max(bench.floor_files[label], 1)
    if per_file > _SLOW_FLOOR:
        bench.notes.append(
            f"creating {label}'s files alone took {per_file * 1e6:.0f} µs a file (over"
            f" {_SLOW_FLOOR * 1e6:.0f} µs): files were deleted on this file system in the"
            " minutes before, or the host is slow at the moment (compare the other"
            " seconds with earlier runs), and the ratios that divide a bigger output by a"
            " smaller one may be high; run again in a few minutes (bench/README.md)"
        )
    return Row(
        key,
        f"  creating its {bench.floor_files[label]} files alone, one process (bench/floor.py)",
        statistics.median(bench.floors[label]),
        "s",
    )


# --------------------------------------------------------------------------- openapi-python-client


def opc_job(bench: Bench, spec: Path, key: str) -> ColdJob:
    """openapi-python-client on ``spec``, after one untimed warm-up run. Each run's output
    is checked, its writing floor measured (``bench.floors["opc-<key>"]``), and removed.
    """
    python = ensure_opc()
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
            rel(spec),
            "--meta",
            "none",
            "--output-path",
            str(bench.tmp / f"opc-{key}-{index}"),
            "--overwrite",
        ]

    def check_output(index: int) -> None:
        produced = bench.tmp / f"opc-{key}-{index}"
        if not (produced / "__init__.py").exists():
            raise MeasurementFailed(
                f"openapi-python-client wrote no package into {display([str(produced)], bench.tmp)}"
            )

    keep = bench.keep_first(f"opc-{key}")

    def check_and_keep(index: int) -> None:
        check_output(index)
        keep(index)

    bench.command(key, command(0))
    repeat_cold(command, 1, env=env, after=check_output)  # untimed warm-up
    bench.clean(f"opc-{key}-0")
    return ColdJob(command, env, after=check_and_keep)


def opc_finished(bench: Bench, series: Series, spec: Path, key: str) -> float:
    """openapi-python-client's median seconds; its details and warnings recorded."""
    bench.details[key] = {**series.as_dict(), "version": OPC_VERSION}
    output = series.samples[0].stdout + series.samples[0].stderr
    if "ruff is not in PATH" in output:
        bench.notes.append(
            "openapi-python-client: ruff not found, its formatting post-hooks did not run"
        )
    warnings = opc_warnings(output)
    if warnings:
        bench.notes.append(
            f"openapi-python-client {OPC_VERSION} succeeded with {len(warnings)} "
            f"warning(s) on {rel(spec)}: " + "; ".join(warnings[:5])
        )
    return series.median


def measure_opc(bench: Bench) -> None:
    """The rows comparing with openapi-python-client, from the alternating runs."""
    opc = bench.opc_seconds
    if opc is None:
        raise MeasurementFailed(
            "openapi-python-client did not run (see generate Chatflow)"
        )
    ratio = None if bench.generate_seconds is None else bench.generate_seconds / opc
    per_locale = None if ratio is None else ratio / LOCALE_COUNT
    warm = bench.generate_warm_seconds
    rows = [Row("opc_s", OPC_LABEL, opc, "s")]
    if f"opc-{OPC_KEY}" in bench.floors:
        rows.append(floor_row("opc_write_floor_s", bench, f"opc-{OPC_KEY}"))
    rows += [
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
    ]
    bench.add(*rows)


# ----------------------------------------------------------------- 3: check

# --------------------------------------------------------------------------- regenerate


def measure_regenerate(bench: Bench) -> None:
    """Regenerating over Chatflow's output after one English summary changed (empty
    cache): what a docs change costs a team that regenerates its SDK."""
    specs = bench.tmp / "chatflow-edited"  # a copy: its English document is edited
    shutil.copytree(ROOT / CHATFLOW_SPECS, specs)
    document = specs / "en" / "openapi_chatflow.json"
    original = document.read_text(encoding="utf-8")
    data = json.loads(original)
    operation = next(iter(next(iter(data["paths"].values())).values()))
    operation["summary"] = f"{operation.get('summary', '')} (edited)"
    edited = json.dumps(data, ensure_ascii=False)

    def out(index: int) -> Path:
        return bench.tmp / f"regenerate-{index}"

    def first_run(index: int) -> None:
        """Untimed: the output of the document as it was, then the edit."""
        document.write_text(original, encoding="utf-8")
        command = bench.generate_command(specs, PACKAGE, out(index))
        sample = run_cold(command, env=bench.cache_env(f"cache-regenerate-{index}"))
        if sample.returncode != 0:
            raise MeasurementFailed(f"generate failed:\n{tail(sample.stderr)}")
        document.write_text(edited, encoding="utf-8")

    def command(index: int) -> list[str]:
        return bench.generate_command(specs, PACKAGE, out(index))

    bench.command("regenerate_chatflow", command(0))
    job = ColdJob(
        command,
        lambda index: bench.cache_env(f"cache-regenerate-{index}-edited"),
        after=lambda index: bench.clean(out(index).name),
        before=first_run,
    )
    series = repeat_alternating([job], bench.options.repeat)[0]
    bench.details["regenerate_chatflow"] = series.as_dict()
    bench.add(
        Row(
            "regenerate_chatflow_s",
            "  regenerate over its output after one summary changed (empty cache)",
            series.median,
            "s",
        )
    )


# --------------------------------------------------------------------------- check


def measure_check(bench: Bench) -> None:
    command = [PYTHON, "-m", "generator", "check"]
    bench.command("check", command)
    # A bench-owned cache, filled by one untimed check (which verifies and records the
    # output): the state after `generate` or a first `check`.
    warm_env = bench.cache_env("cache-check")
    first = run_cold(command, env=warm_env)
    if first.returncode not in (0, 1):
        raise MeasurementFailed(f"check failed:\n{tail(first.stderr)}")
    warm = repeat_cold(
        lambda _: command, bench.options.repeat, env=warm_env, ok_codes=(0, 1)
    )
    cold = repeat_cold(
        lambda _: command,
        bench.options.repeat,
        env=bench.cache_env(None),
        ok_codes=(0, 1),
    )
    bench.details["check_warm_cache"] = warm.as_dict()
    bench.details["check_no_cache"] = cold.as_dict()
    stale = [s for s in warm.samples + cold.samples if s.returncode == 1]
    note = "generated/ is stale (exit 1); timed anyway" if stale else ""
    if stale:
        bench.notes.append(
            f"check: {note}:\n{tail(stale[0].stdout + stale[0].stderr, 3)}"
        )
    bench.add(
        goal_row("check_s", warm.median, note),
        Row("check_no_cache_s", "  same, cache off", cold.median, "s"),
    )


# ----------------------------------------------------------------- 4: synthetic specs

# --------------------------------------------------------------------------- synthetic specs


def measure_synthetic(bench: Bench) -> None:
    medians = {
        size: measure_synthetic_size(bench, size) for size in bench.options.sizes
    }
    if len(medians) >= 2:
        small, large = min(medians), max(medians)
        exponent = math.log(medians[large] / medians[small]) / math.log(large / small)
        marginal = (medians[large] - medians[small]) / (large - small) * 1000
        bench.add(
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


def measure_synthetic_size(bench: Bench, size: int) -> float:
    """Generate from ``size`` synthetic operations in every locale; returns the median."""
    specs = bench.tmp / f"synth-{size}"
    synth.write_specs(specs, size)
    large = size >= LARGE_SIZE
    repeat = (
        min(bench.options.repeat, bench.options.large_repeat)
        if large
        else bench.options.repeat
    )

    def command(index: int) -> list[str]:
        return bench.generate_command(
            specs, SYNTH_PACKAGE, bench.tmp / f"synth-{size}-out-{index}"
        )

    def clean(index: int) -> None:
        bench.clean(f"synth-{size}-out-{index}")

    bench.command(f"synthetic_{size}", command(0))
    log(f"  {size} operations x {LOCALE_COUNT} locales, {repeat} run(s) ...")
    series = repeat_cold(
        command, repeat, env=bench.empty_cache_env(f"synth-{size}"), after=clean
    )
    bench.details[f"synthetic_{size}"] = series.as_dict()
    note = (
        f"{repeat} run(s), see --large-repeat" if repeat != bench.options.repeat else ""
    )
    bench.add(
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
    if size == max(bench.options.sizes):
        bench.add(
            Row(
                f"synthetic_{size}_rss_mb",
                f"  peak RSS ({size} ops)",
                series.peak_rss_mb,
                "MB",
            )
        )
    return series.median


# --------------------------------------------------------------------------- optional: profile


def measure_profile(bench: Bench) -> None:
    """Self time of one Chatflow generate run under cProfile, grouped by top-level package."""
    import pstats

    output = bench.tmp / "generate.prof"
    command = [PYTHON, "-m", "cProfile", "-o", str(output)] + bench.generate_command(
        CHATFLOW_SPECS, PACKAGE, bench.tmp / "chatflow-profile"
    )[1:]
    bench.command("profile", command)
    sample = run_cold(command, env=bench.cache_env(None))
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
    bench.details["profile_self_time"] = {
        name: round(seconds, 3) for name, seconds in ranked
    }
    shares = ", ".join(f"{name} {seconds / total:.0%}" for name, seconds in ranked[:6])
    bench.notes.append(
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
