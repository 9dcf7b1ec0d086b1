"""Command line: parse flags, select targets, call the pipeline, print problems, exit.

Exit status: 0 success; 1 drift under --strict (or stale output for ``check``); 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from generator.config import (
    Config,
    Target,
    adhoc_target,
    configured_targets,
    load_config,
)
from generator.output import cache
from generator.problems import InputError, InvalidDocument
from generator.translate.command import add_parser as add_translations_parser

# The pipeline is imported where used: `--help` and bad flags answer without loading it.

EXIT_OK, EXIT_DRIFT, EXIT_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--specs",
        nargs="+",
        metavar="PATH",
        help="spec files or folders (default: the configured targets)",
    )
    common.add_argument(
        "--target",
        action="append",
        metavar="NAME",
        help="only this configured target (repeatable)",
    )
    common.add_argument(
        "--primary",
        help="primary locale: supplies identifiers and structure (default en)",
    )
    common.add_argument(
        "--locales",
        nargs="+",
        metavar="LOCALE",
        help="locales to use (default: every locale found)",
    )
    common.add_argument(
        "--locale", help="locale of plain documents whose path names none"
    )
    common.add_argument(
        "--config",
        type=Path,
        help="pyproject.toml holding [tool.generator] (default: ./pyproject.toml, if any)",
    )
    common.add_argument(
        "--validation",
        choices=("strict", "warn"),
        help="warn: print the validator's problems as warnings and generate when the "
        "document is still usable (default: strict, or the target's setting)",
    )
    common.add_argument(
        "--locale-alias",
        action="append",
        metavar="FOLDER=LOCALE",
        help="a folder name that is not a locale tag holds this locale (cn=zh-Hans; "
        "repeatable; with --specs)",
    )
    common.add_argument(
        "--env-prefix",
        metavar="PREFIX",
        help="prefix of the client's environment variables, e.g. ACME_ for "
        "ACME_API_KEY (default: the package name upper-cased, then _)",
    )
    common.add_argument("-v", "--verbose", action="store_true", help="print detail")
    common.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the cache of formatted code and verified output",
    )
    gen = sub.add_parser(
        "generate", parents=[common], help="regenerate the client distributions"
    )
    gen.add_argument("--package", help="package name (with --specs)")
    gen.add_argument(
        "--out", help="output folder (with --specs): one distribution per locale in it"
    )
    check = sub.add_parser(
        "check", parents=[common], help="exit 1 if the generated output is stale"
    )
    check.add_argument("--package", help="package name (with --specs)")
    check.add_argument("--out", help="output folder (with --specs)")
    drift = sub.add_parser(
        "drift", parents=[common], help="report differences between locales"
    )
    drift.add_argument("--format", choices=("text", "json"), default="text")
    drift.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when an operation is missing, structure differs or a translation is stale",
    )
    add_translations_parser(sub, common)
    return parser


def select_targets(args: argparse.Namespace, config: Config | None) -> list[Target]:
    """The targets a command works on: ad hoc from --specs, else the configured ones
    (``config``: None only with --specs)."""
    if args.specs:
        return [
            adhoc_target(
                args.specs,
                getattr(args, "package", None) or "client",
                args.locales,
                args.primary,
                args.locale,
                getattr(args, "out", "") or "",
                args.env_prefix,
                validation=args.validation,
                locale_aliases=_aliases(args.locale_alias or []),
            )
        ]
    assert config is not None
    try:
        return configured_targets(
            config,
            args.target,
            args.primary,
            args.locale,
            args.locales,
            args.env_prefix,
            args.validation,
        )
    except ValueError as exc:
        raise SystemExit(f"error: {exc}") from None


def _aliases(pairs: list[str]) -> dict[str, str]:
    from generator.ingest.locales import is_locale_tag

    aliases = {}
    for pair in pairs:
        alias, _, tag = pair.partition("=")
        if not alias or not is_locale_tag(tag):
            raise SystemExit(
                f"error: --locale-alias {pair!r}: expected FOLDER=LOCALE (cn=zh-Hans)"
            )
        aliases[alias] = tag
    return aliases


def _drift(args: argparse.Namespace, targets: list[Target]) -> int:
    from generator.pipeline import build_api

    warnings: list[str] = []
    reports = {t.name: build_api(t, warnings)[1] for t in targets}
    for warning in warnings:
        print(warning, file=sys.stderr)
    if args.format == "json":
        if len(reports) == 1:
            sys.stdout.write(next(iter(reports.values())).to_json())
        else:
            payload = {name: r.as_dict() for name, r in reports.items()}
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        for name, report in reports.items():
            if len(reports) > 1:
                sys.stdout.write(f"== {name}\n")
            sys.stdout.write(report.to_text(args.verbose))
    if args.strict and any(r.has_drift for r in reports.values()):
        return EXIT_DRIFT
    return EXIT_OK


def _generate(args: argparse.Namespace, targets: list[Target]) -> int:
    from generator.pipeline import generate
    from generator.progress import Progress

    if args.specs and not (args.package and args.out):
        raise SystemExit("error: with --specs, pass --package NAME and --out DIR too")
    progress = Progress()
    for written in generate(targets, progress):
        target = written.target
        for note in written.notes:
            if note.startswith("warning: "):  # a validator's problem, located already
                print(note, file=sys.stderr)
            else:
                print(f"note: {target.name}: {note}", file=sys.stderr)
        if args.verbose:
            print(
                f"{target.name}: wrote {written.files} files in "
                f"{target.out}/{{{','.join(written.locales)}}}"
            )
    progress.done()
    if args.verbose:
        from generator.output.format import STATS

        print(
            f"formatted {STATS['python']} Python files (the code of all locales of a "
            f"target once), {STATS['black']} of them by black"
        )
    return EXIT_OK


def regenerate_command(args: argparse.Namespace) -> str:
    """The command that brings the output up to date."""
    if args.specs:
        return f"python -m generator generate --specs {' '.join(args.specs)} --package {args.package} --out {args.out}"
    return "python -m generator generate" + "".join(
        f" --target {t}" for t in args.target or []
    )


def _check(args: argparse.Namespace, targets: list[Target]) -> int:
    from generator.pipeline import check

    if args.specs and not (args.package and args.out):
        raise SystemExit("error: with --specs, pass --package NAME and --out DIR too")
    diffs = check(targets)
    for diff in diffs:
        sys.stdout.write(diff.render())
    if diffs:
        print(
            f"generated output is stale; update it with: {regenerate_command(args)}",
            file=sys.stderr,
        )
        return EXIT_DRIFT
    if args.verbose:
        print("generated output is up to date")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    cache.set_enabled(not args.no_cache)
    try:
        # a run on --specs alone needs no configuration (nor its parser)
        config = (
            load_config(args.config, must_exist=True)
            if args.config is not None
            else None if args.specs else load_config()
        )
        targets = select_targets(args, config)
        if args.command == "drift":
            return _drift(args, targets)
        if args.command == "generate":
            return _generate(args, targets)
        if args.command == "check":
            return _check(args, targets)
        if args.command == "translations":
            from generator.translate.command import run

            return run(args, targets)
        raise AssertionError(args.command)
    except InputError as exc:
        for problem in exc.problems:
            print(problem.render(), file=sys.stderr)
        if isinstance(exc, InvalidDocument):
            print(
                "hint: to generate anyway from a document that is still usable, pass "
                '--validation warn (or set validation = "warn" in the target)',
                file=sys.stderr,
            )
        return EXIT_INPUT
    except SystemExit as exc:
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
            return EXIT_INPUT
        raise
