"""Compare generated files (in memory) with what is on disk: missing, extra, changed."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class TreeDiff:
    missing: tuple[str, ...]
    extra: tuple[str, ...]
    changed: tuple[tuple[str, str], ...]  # (path, unified diff)

    def __bool__(self) -> bool:
        return bool(self.missing or self.extra or self.changed)

    def render(self, limit: int = 200) -> str:
        lines = [f"missing: {p}" for p in self.missing] + [
            f"extra (not generated): {p}" for p in self.extra
        ]
        for path, diff in self.changed:
            lines.append(f"changed: {path}")
            lines.extend(diff.splitlines()[:limit])
        return "\n".join(lines) + "\n"


def _disk_files(root: Path) -> dict[str, Path]:
    if not root.is_dir():
        return {}
    return {
        p.relative_to(root).as_posix(): p
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc")
    }


def compare_tree(
    expected: dict[str, str],
    root: Path,
    shown_root: str,
    ours: set[str] | None = None,
    prefix: str = "",
    only: set[str] | None = None,
) -> TreeDiff:
    """Differences between expected files and ``root``.

    ``ours`` (paths relative to the output folder, i.e. ``prefix`` + path) are the files the
    generator wrote before; files on disk outside it are someone else's and not compared.
    ``None`` compares every file (the golden test). ``only`` restricts to those paths.
    """
    on_disk = _disk_files(root)
    if only is not None:
        on_disk = {p: f for p, f in on_disk.items() if p in only}
    if ours is not None:
        on_disk = {
            p: f for p, f in on_disk.items() if prefix + p in ours or p in expected
        }
    missing = tuple(f"{shown_root}/{p}" for p in sorted(set(expected) - set(on_disk)))
    extra = tuple(f"{shown_root}/{p}" for p in sorted(set(on_disk) - set(expected)))
    changed = []
    for path in sorted(set(expected) & set(on_disk)):
        try:
            actual = on_disk[path].read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            actual = "<binary>"
        if actual != expected[path]:
            diff = "".join(
                difflib.unified_diff(
                    actual.splitlines(keepends=True),
                    expected[path].splitlines(keepends=True),
                    f"{shown_root}/{path} (on disk)",
                    f"{shown_root}/{path} (generated)",
                )
            )
            changed.append((f"{shown_root}/{path}", diff))
    return TreeDiff(missing, extra, tuple(changed))
