"""Long derived names made short, deterministically.

A model nested in a model is named after the path to it (``RootLevel1Level2...``): 150
levels of inline objects would give a class name, and a file name, thousands of characters
long (longer than file systems allow). A name over the limit keeps its first and last words
and gets a digest of the whole name, so distinct long names stay distinct and the same
input always gives the same name.
"""

from __future__ import annotations

import hashlib
import re

LIMIT = 64  # characters; the longest Dify model name has 54
_DIGEST = 8
_WORD_START = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=_)(?=[^_])")


def shorten(name: str, limit: int = LIMIT) -> str:
    """``name`` if at most ``limit`` characters, else ``<first words><last words>_<digest>``
    (cut at word starts where it can be: capitals, or after ``_``)."""
    if len(name) <= limit:
        return name
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:_DIGEST]
    room = limit - _DIGEST - 1
    starts = [m.start() for m in _WORD_START.finditer(name)]
    head_end = max((s for s in starts if s <= room // 2), default=room // 2)
    tail_room = room - head_end
    tail_start = min(
        (s for s in starts if len(name) - s <= tail_room), default=len(name) - tail_room
    )
    head, tail = name[:head_end].rstrip("_"), name[tail_start:]
    joint = "_" if "_" in name else ""
    return f"{head}{joint}{tail}".rstrip("_") + f"_{digest}"
