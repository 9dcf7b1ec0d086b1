"""Format stage: every Python file exactly as black formats it.

Most files are laid out by ``generator.layout`` (black's layout for the shapes the templates
emit, no parsing); black itself formats the rest, each distinct text once, cached by content
and spread over the cores.
"""

from __future__ import annotations

import hashlib
from typing import Any

from generator.conventions import BLACK_TARGET, LINE_LENGTH
from generator.output import cache, layout
from generator.parallel import parallel_map
from generator.problems import InputError, Problem

_CACHE: dict[str, str] = {}
# per text: the locales of a target share their code
_LAID_OUT: dict[str, str | None] = {}
_VERSION = f"{cache.version('black')} {BLACK_TARGET} {LINE_LENGTH}"
# Python files formatted in this process, and how many of them black had to format
STATS = {"python": 0, "black": 0}


def _black(text: str) -> str | None:
    """Black's output, or None when the text does not parse (a generator bug)."""
    import black  # imported only when something is not in the cache

    mode: Any = black.Mode(
        target_versions={black.TargetVersion[BLACK_TARGET]},  # type: ignore[attr-defined]
        line_length=LINE_LENGTH,
    )
    try:
        result: str = black.format_str(text, mode=mode)
    except black.InvalidInput:  # type: ignore[attr-defined]
        return None
    return result


def _known(text: str) -> str | None:
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    found = _CACHE.get(key) or cache.formatted(_VERSION, text)
    if found is not None:
        _CACHE[key] = found
    return found


def format_files(files: dict[str, str]) -> dict[str, str]:
    """Every ``.py`` file formatted the way black formats it."""
    out = {}
    for_black = {}
    for path, text in files.items():
        if not path.endswith(".py"):
            out[path] = text
            continue
        if text not in _LAID_OUT:
            _LAID_OUT[text] = layout.lay_out(text)
        laid_out = _LAID_OUT[text]
        if laid_out is None:
            for_black[path] = text
        else:
            out[path] = laid_out
    todo = sorted({text for text in for_black.values() if _known(text) is None})
    for text, result in zip(todo, parallel_map(_black, todo, min_items=8)):
        if result is None:
            name = next(path for path, t in for_black.items() if t == text)
            raise InputError(
                [Problem("generated code does not parse (a generator bug)", (name,))]
            )
        _CACHE[hashlib.sha256(text.encode("utf-8")).hexdigest()] = result
        cache.store_formatted(_VERSION, text, result)
    STATS["python"] += sum(path.endswith(".py") for path in files)
    STATS["black"] += len(for_black)
    for path, text in for_black.items():
        formatted = _known(text)
        assert formatted is not None  # every such text was formatted above
        out[path] = formatted
    return {path: out[path] for path in files}
