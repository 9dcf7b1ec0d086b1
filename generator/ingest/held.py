"""Input files read once per target: while a run holds them (``holding``), the
fingerprint, the scan for references to other files and the loader see the same bytes,
and each file is read, and checked for references to other files, once.

Without ``holding`` (a library call, ``drift``), every read goes to the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


class _Held:
    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}
        self.verdicts: dict[str, bool] = {}


_HELD: _Held | None = None


@contextmanager
def holding() -> Iterator[None]:
    """Hold the input files read inside (let go on leaving, even nested)."""
    global _HELD
    outer, _HELD = _HELD, _Held()
    try:
        yield
    finally:
        _HELD = outer


def read_bytes(path: Path) -> bytes:
    """The file's bytes (OSError as ``Path.read_bytes`` raises it)."""
    if _HELD is None:
        return path.read_bytes()
    key = os.path.abspath(path)
    data = _HELD.data.get(key)
    if data is None:
        data = _HELD.data[key] = path.read_bytes()
    return data


def verdict(path: Path, of: Callable[[], bool]) -> bool:
    """``of()``, a verdict on the bytes ``read_bytes(path)`` gave (whether they show
    only local references, say), found once per held file."""
    if _HELD is None:
        return of()
    key = os.path.abspath(path)
    found = _HELD.verdicts.get(key)
    if found is None:
        found = _HELD.verdicts[key] = of()
    return found
