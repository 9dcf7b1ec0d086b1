"""Python literals for spec values, shared by the build (annotations) and the output."""

from __future__ import annotations

import functools
import json


def literal(value: object) -> str:
    """A Python literal for a spec value, written the way black leaves it.

    Strings get double quotes unless they contain a double quote and no single quote (black
    keeps single quotes then, rather than add escapes). Never more than one expression.
    """
    if not isinstance(value, str):
        return repr(value)
    body = (
        json.dumps(value, ensure_ascii=False)[1:-1]
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    if '"' in value and "'" not in value:
        return "'" + body.replace('\\"', '"') + "'"
    return '"' + body + '"'


def pretty_json(value: object) -> str:
    """``value`` as JSON indented by two (as ``json.dumps(..., indent=2)`` writes it).

    Examples repeat across locales and operations: the compact text (the C encoder's,
    cheap) finds the indented one (the pure-Python encoder's, not cheap) laid out before.
    """
    return _indented(json.dumps(value, ensure_ascii=False))


@functools.lru_cache(maxsize=2048)
def _indented(compact: str) -> str:
    return json.dumps(json.loads(compact), ensure_ascii=False, indent=2)
