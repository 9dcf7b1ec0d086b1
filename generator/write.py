"""Write stage: put a target's distributions in place atomically.

Everything is written into a temporary folder beside the output first; only when that
succeeded are the locale folders swapped in. Paths are checked to stay inside the output.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath


def _safe(relative: str) -> PurePosixPath:
    path = PurePosixPath(relative)
    if path.is_absolute() or any(part in ("", ".", "..") for part in path.parts):
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    return path


def write_tree(out: Path, trees: dict[str, dict[str, str]]) -> None:
    """Replace ``out/<name>/`` for every {name: {relative path: text}} of ``trees``."""
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        for name, files in sorted(trees.items()):
            root = staging / _safe(name)
            for relative, text in sorted(files.items()):
                target = root / _safe(relative)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(text.encode("utf-8"))
        for name in sorted(trees):
            final = out / _safe(name)
            old = staging / f".old-{name}"
            if final.exists():
                os.replace(final, old)
            os.replace(staging / name, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
