"""The results of a run and how they are reported: rows with goals, the table, JSON.

A Row knows its goal's upper bound and whether its value meets it ("met"); GOALS lists
the rows that have a goal. print_table() and print_json() write the final output.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from config import LOCALE_COUNT, OPC_VERSION, PACKAGE, PYTHON, ROOT
from harness import display


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
    "twilio_extra_locale_ratio": (
        "  each extra locale / the first",
        "x",
        "<= 0.15",
        0.15,
    ),
    "twilio_black_share": (
        "  share of Python files black formats",
        "",
        "<= 0.02",
        0.02,
    ),
    "twilio_peak_rss_mb": ("  peak RSS (one or five locales)", "MB", "< 200 MB", 200.0),
    "twilio_vs_opc_ratio": ("  ratio generator / opc (en)", "x", "<= 0.5", 0.5),
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
class Results:
    """What a run collects: table rows, the commands measured, notes and raw samples."""

    rows: list[Row] = field(default_factory=list)
    commands: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def add(self, *rows: Row) -> None:
        self.rows.extend(rows)


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


def print_table(
    results: Results, repeat: int, env: Mapping[str, Any], elapsed: float
) -> None:
    """The table (measurement, value, goal, met), the commands measured, the notes."""
    headers = ("measurement", "value", "goal", "met")
    lines = [
        (row.label, row.formatted(), row.goal or "-", row.met) for row in results.rows
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
        f"git {env['git']}; repeat {repeat}, median of cold processes"
    )
    print()
    print(fmt(headers))
    print(fmt(["-" * w for w in widths]))
    for line in lines:
        print(fmt(line))
    print()
    print("commands (<tmp> is a fresh temporary folder per run):")
    for key, command in results.commands.items():
        print(f"  {key}: {command}")
    extra = [f"{row.label.strip()}: {row.note}" for row in results.rows if row.note]
    top = results.details.get("importtime_top")
    if top:
        extra.append(
            f"-X importtime, from {PACKAGE} import Client, slowest: "
            + ", ".join(f"{e['module']} {e['cumulative_ms']:.1f} ms" for e in top[:6])
        )
    if results.notes or extra:
        print()
        print("notes:")
        for note in results.notes + extra:
            print("  - " + note.replace("\n", "\n    "))
    print()
    print(f"total benchmark time {elapsed:.0f} s")


def print_json(
    results: Results,
    options: Mapping[str, Any],
    env: Mapping[str, Any],
    elapsed: float,
) -> None:
    """The same results, machine-readable."""
    payload = {
        "environment": env,
        "options": dict(options),
        "openapi_python_client_version": OPC_VERSION,
        "results": [row.as_dict() for row in results.rows],
        "commands": results.commands,
        "notes": results.notes,
        "details": results.details,
        "elapsed_seconds": round(elapsed, 1),
    }
    print(json.dumps(payload, indent=2, ensure_ascii=False))
