"""A real-world spec (bench/specs/twilio-api-v2010, Twilio's api v2010, MIT licence):
one locale against openapi-python-client on the same file, five locales against one (the
cost of each extra locale), the share of generated files black formats, peak memory.

The four extra locales are copies of the English document whose every summary and
description is marked with the locale, so each document is validated and merged as a
translated one would be (identical copies would not exercise the per-locale work).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from config import ROOT
from harness import ColdJob, MeasurementFailed, repeat_alternating, run_cold, tail
from measures_generator import floor_row, opc_finished, opc_job
from report import Row, goal_row
from session import Bench

TWILIO_SPECS = ROOT / "bench" / "specs" / "twilio-api-v2010"
TWILIO_DOC = TWILIO_SPECS / "en" / "twilio_api_v2010.json"
TWILIO_PACKAGE = "twilio_api"
EXTRA_LOCALES = ("ja", "ko", "zh-Hans", "zh-Hant")
_DATA = ("default", "example", "examples", "enum", "const")
_STATS = re.compile(r"formatted (\d+) Python files .*?, (\d+) of them by black")


def _marked(value: Any, locale: str) -> Any:
    """``value`` with every summary and description string marked ``[locale]``, as a
    translation would change it: example and default values stay as they are."""
    if isinstance(value, dict):
        return {
            k: (
                f"{v} [{locale}]"
                if k in ("summary", "description") and isinstance(v, str)
                else v if k in _DATA else _marked(v, locale)
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_marked(v, locale) for v in value]
    return value


def write_five_locales(folder: Path) -> None:
    document = json.loads(TWILIO_DOC.read_text(encoding="utf-8"))
    (folder / "en").mkdir(parents=True)
    (folder / "en" / TWILIO_DOC.name).write_text(json.dumps(document), encoding="utf-8")
    for locale in EXTRA_LOCALES:
        (folder / locale).mkdir()
        text = json.dumps(_marked(document, locale), ensure_ascii=False)
        (folder / locale / TWILIO_DOC.name).write_text(text, encoding="utf-8")


def measure_twilio(bench: Bench) -> None:
    """One locale, five locales and openapi-python-client (unless skipped), alternating;
    then the writing floor of each output."""
    five_specs = bench.tmp / "twilio-five"
    write_five_locales(five_specs)
    jobs = []
    for label, specs in (("one", TWILIO_SPECS), ("five", five_specs)):

        def command(index: int, specs: Path = specs, label: str = label) -> list[str]:
            out = bench.tmp / f"twilio-{label}-{index}"
            return bench.generate_command(specs, TWILIO_PACKAGE, out)

        bench.command(f"generate_twilio_{label}", command(0))
        jobs.append(
            ColdJob(
                command,
                bench.empty_cache_env(f"twilio-{label}"),
                after=bench.keep_first(f"twilio-{label}"),
            )
        )
    opc_key = "openapi_python_client_twilio"
    if not bench.options.skip_opc:
        jobs.append(opc_job(bench, TWILIO_DOC, opc_key))
    found = repeat_alternating(jobs, bench.options.repeat)
    for label, series in zip(("one", "five"), found):
        bench.details[f"generate_twilio_{label}"] = series.as_dict()
    bench.floors_of(
        ["twilio-one", "twilio-five"] + [f"opc-{opc_key}"] * (len(found) > 2)
    )
    # one more run with -v for the count of files black formatted
    verbose = bench.generate_command(TWILIO_SPECS, TWILIO_PACKAGE, bench.tmp / "tw-v")
    sample = run_cold([*verbose, "-v"], env=bench.cache_env(None))
    bench.clean("tw-v")
    found_stats = _STATS.search(sample.stdout)
    if sample.returncode != 0 or found_stats is None:
        raise MeasurementFailed(f"generate -v on Twilio failed:\n{tail(sample.stderr)}")
    files, by_black = int(found_stats.group(1)), int(found_stats.group(2))
    one, five = found[0].median, found[1].median
    extra = (five - one) / len(EXTRA_LOCALES) / one
    peak = max(v for v in (found[0].peak_rss_mb, found[1].peak_rss_mb) if v)
    bench.add(
        Row("twilio_one_s", "generate Twilio api v2010, en, empty cache", one, "s"),
        floor_row("twilio_one_write_floor_s", bench, "twilio-one"),
        Row("twilio_five_s", "  same, 5 locales", five, "s"),
        floor_row("twilio_five_write_floor_s", bench, "twilio-five"),
        goal_row("twilio_extra_locale_ratio", extra),
        goal_row(
            "twilio_black_share", by_black / files, f"{by_black} of {files} files"
        ),
        goal_row("twilio_peak_rss_mb", peak),
    )
    if len(found) < 3:
        return
    opc = opc_finished(bench, found[2], TWILIO_DOC, opc_key)
    bench.add(
        Row("opc_twilio_s", "  openapi-python-client on the same file", opc, "s"),
        floor_row("opc_twilio_write_floor_s", bench, f"opc-{opc_key}"),
        goal_row("twilio_vs_opc_ratio", one / opc),
    )
