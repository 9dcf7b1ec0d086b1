"""Format stage: black over every Python file, each distinct text formatted once."""

from __future__ import annotations

import hashlib

import black

from generator import cache

from generator.problems import InputError, Problem

_MODE = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=88)  # type: ignore[attr-defined]
_CACHE: dict[str, str] = {}
_BLACK_VERSION: str = black.__version__  # type: ignore[attr-defined]
_VERSION = f"{_BLACK_VERSION} {sorted(v.name for v in _MODE.target_versions)} {_MODE.line_length}"


def format_python(text: str, name: str) -> str:
    """Black's output for ``text``; identical texts (across locales) are formatted once."""
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    cached = _CACHE.get(key) or cache.formatted(_VERSION, text)
    if cached is not None:
        _CACHE[key] = cached
        return cached
    try:
        result = black.format_str(text, mode=_MODE)
    except black.InvalidInput as exc:  # type: ignore[attr-defined]  # a generator bug, never the user's input
        raise InputError(
            [Problem(f"generated code does not parse: {exc}", (name,))]
        ) from None
    _CACHE[key] = result
    cache.store_formatted(_VERSION, text, result)
    return result


def format_files(files: dict[str, str]) -> dict[str, str]:
    return {
        path: format_python(text, path) if path.endswith(".py") else text
        for path, text in files.items()
    }
