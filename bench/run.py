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
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

# The sibling modules of this script: config (what and where), harness (cold processes),
# report (rows, goals, output), session (the run's state), the measures.
from config import LARGE_SIZE  # noqa: E402
from measures_client import measure_calls, measure_imports  # noqa: E402
from measures_generator import (  # noqa: E402
    measure_check,
    measure_generate_chatflow,
    measure_opc,
    measure_profile,
    measure_regenerate,
    measure_synthetic,
    warm_up,
)
from measures_real import measure_twilio  # noqa: E402
from report import (  # noqa: E402
    GENERATE_LABEL,
    OPC_LABEL,
    Row,
    environment,
    goal_row,
    print_json,
    print_table,
)
from session import Bench, Options  # noqa: E402


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
        bench.probe_disk()
        bench.guarded("warm-up", warm_up)
        bench.guarded(
            "generate Chatflow",
            measure_generate_chatflow,
            [Row("generate_chatflow_s", GENERATE_LABEL, None, "s")],
        )
        bench.guarded(
            "regenerate Chatflow",
            measure_regenerate,
            [Row("regenerate_chatflow_s", "  regenerate after a change", None, "s")],
        )
        if options.skip_opc:
            bench.add(goal_row("generate_vs_opc_ratio", None, "skipped"))
        else:
            bench.guarded(
                "openapi-python-client",
                measure_opc,
                [
                    Row("opc_s", OPC_LABEL, None, "s"),
                    goal_row("generate_vs_opc_ratio", None),
                ],
            )
        if options.skip_opc:
            bench.add(goal_row("twilio_vs_opc_ratio", None, "skipped"))
        bench.guarded(
            "Twilio api v2010",
            measure_twilio,
            [goal_row("twilio_extra_locale_ratio", None)],
        )
        bench.guarded(
            "check",
            measure_check,
            [goal_row("check_s", None)],
        )
        bench.guarded(
            "synthetic specs",
            measure_synthetic,
            [goal_row("synthetic_growth_exponent", None)],
        )
        bench.guarded(
            "import time",
            measure_imports,
            [goal_row("import_client_ms", None)],
        )
        bench.guarded(
            "per-call overhead",
            measure_calls,
            [goal_row("call_ratio", None)],
        )
        if options.profile:
            bench.guarded("profile", measure_profile)
    elapsed = time.perf_counter() - started
    env = environment()
    if options.json:
        settings = {
            "repeat": options.repeat,
            "large_repeat": options.large_repeat,
            "import_repeat": options.import_repeat,
            "calls": options.calls,
            "sizes": options.sizes,
            "quick": options.quick,
        }
        print_json(bench, settings, env, elapsed)
    else:
        print_table(bench, options.repeat, env, elapsed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
