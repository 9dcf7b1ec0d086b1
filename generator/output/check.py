"""Check: is the output on disk exactly what generating now would write?

Fast path: the cache says these exact output files were produced from inputs with the
same fingerprint. Otherwise regenerate in memory and compare file by file; files the
generator did not write (per the manifest) are not part of the comparison.
"""

from __future__ import annotations

from pathlib import Path

from generator.config import Target
from generator.ingest.load import discover
from generator.ingest.refs import referenced_files
from generator.output import cache
from generator.output.compare import TreeDiff, compare_tree
from generator.translate.overlay import overlay_files


def target_fingerprint(target: Target) -> str:
    inputs = [path for path, _, _ in discover(list(target.specs))]
    # files outside the specs that their $refs bring in count too, and the overlays
    overlays = list(overlay_files(target.specs).values())
    return cache.fingerprint(target, inputs + referenced_files(inputs) + overlays)


def up_to_date_fast(target: Target, key: str) -> bool:
    """Whether the cache vouches for the output on disk (``key``: the target's fingerprint)."""
    return cache.verified(key, Path(target.out))


def compare_target(
    target: Target, trees: dict[str, dict[str, str]], manifest_text: str
) -> list[TreeDiff]:
    from generator.output.staging import MANIFEST, read_manifest

    out = Path(target.out)
    ours = read_manifest(out)
    diffs = []
    for locale, files in trees.items():
        diff = compare_tree(
            files,
            out / locale,
            f"{target.out}/{locale}" if locale else target.out,
            ours=ours,
            prefix=f"{locale}/" if locale else "",
            only=None if locale else set(files),  # "": files beside the locale folders
        )
        if diff:
            diffs.append(diff)
    diff = compare_tree(
        {MANIFEST: manifest_text},
        out,
        target.out,
        ours=set(),
        prefix="",
        only=set([MANIFEST]),
    )
    if diff:
        diffs.append(diff)
    return diffs
