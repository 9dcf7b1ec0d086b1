"""Documents that differ only in prose validate alike.

A translated document usually repeats the primary one but for its prose. The OpenAPI
meta-schema only asks that a ``summary``, ``description`` or ``title`` be a string, and
the semantic checks never read them, so two documents equal once those strings are blanked
have the same verdict: the second needs no walk of its own. Strings inside values the
validator checks against schemas (``default``, ``example``, ``examples``, ``enum``,
``const``, an example's ``value``) and extensions are compared as they are, and a prose key
holding anything but a string is compared as it is too, so a difference there still
validates the document in full.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

PROSE = frozenset({"summary", "description", "title"})
DATA = frozenset({"default", "example", "examples", "enum", "const", "value"})


def _blanked(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in PROSE and isinstance(value, str):
                out[key] = ""
            elif key in DATA or (isinstance(key, str) and key.startswith("x-")):
                out[key] = value
            else:
                out[key] = _blanked(value)
        return out
    if isinstance(node, list):
        return [_blanked(item) for item in node]
    return node


def prose_free_key(document: dict[str, Any]) -> str:
    """A key equal for two documents exactly when they differ only in prose strings."""
    text = json.dumps(
        _blanked(document), sort_keys=True, ensure_ascii=False, default=str
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
