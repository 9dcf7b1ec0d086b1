"""Golden trees, compared the way ``python -m generator check`` compares output.

A golden tree is an output folder as the generator writes it: one distribution per locale
and the manifest (``.generator-manifest.json``) listing every file the generator wrote.
Files the manifest does not list are someone else's (``build/`` and ``*.egg-info`` left by
``pip install generated/chatflow/en``, notes written by hand) and are not compared, exactly
as ``check`` leaves them alone (generator/output/check.py).
"""

from __future__ import annotations

from pathlib import Path

from generator.output.compare import TreeDiff, compare_tree
from generator.output.staging import MANIFEST, joined, manifest_text, read_manifest


def output_files(trees: dict[str, dict[str, str]]) -> dict[str, str]:
    """Rendered trees ({locale: {path: text}}) as the files of their output folder."""
    files = {
        joined(locale, path): text
        for locale, tree in trees.items()
        for path, text in tree.items()
    }
    files[MANIFEST] = manifest_text(trees)
    return files


def read_tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` (no byte code), by path relative to it."""
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def golden_diff(expected: dict[str, str], golden: Path, shown: str) -> TreeDiff:
    """Differences between freshly generated files (``expected``, by path relative to the
    output folder, manifest included) and the golden output folder on disk; files the
    golden manifest does not list are not compared."""
    return compare_tree(expected, golden, shown, ours=read_manifest(golden))


def generated_files(out: Path, suffix: str = "") -> list[Path]:
    """The files the generator wrote in the output folder ``out`` (its manifest's list),
    ending in ``suffix``: not ``build/`` or ``*.egg-info`` left there by ``pip install``.
    """
    listed = read_manifest(out)
    assert listed is not None, f"no readable {MANIFEST} in {out}"
    return [out / p for p in sorted(listed) if p.endswith(suffix)]
