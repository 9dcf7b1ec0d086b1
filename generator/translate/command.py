"""``python -m generator translations export|import``: the CLI's side of the translation kit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.config import Target


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    translations = sub.add_parser(
        "translations", help="export prose to PO files, import translations as overlays"
    )
    actions = translations.add_subparsers(dest="action", required=True)
    export = actions.add_parser(
        "export",
        parents=[common],
        help="write DIR/<target>/<locale>.po for every non-primary locale",
    )
    export.add_argument("--out", required=True, help="folder to write the PO files in")
    imports = actions.add_parser(
        "import",
        parents=[common],
        help="turn DIR/<target>/<locale>.po into overlays next to the target's specs",
    )
    imports.add_argument("folder", metavar="DIR", help="folder the PO files are in")


def run(args: argparse.Namespace, targets: list[Target]) -> int:
    """Export or import; InputError (exit 2) is the caller's to print."""
    if args.action == "export":
        from generator.translate.export import export, summary

        out = Path(args.out)
        for target in targets:
            for path, found in export(target, out, args.locales):
                print(summary(path, found))
        return 0
    from generator.translate.import_ import import_dir

    for plan in import_dir(Path(args.folder), targets):
        for warning in plan.warnings:
            print(warning, file=sys.stderr)
        if plan.text is None:
            print(
                f"{plan.path}: nothing to write (no translations beyond the document)"
            )
        else:
            print(f"{plan.path}: {plan.actions} translations ({plan.stale} stale)")
    return 0
