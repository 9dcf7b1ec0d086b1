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
import marshal
from typing import Any
from urllib.parse import unquote

PROSE = frozenset({"summary", "description", "title"})
DATA = frozenset({"default", "example", "examples", "enum", "const", "value"})


def blanked(node: Any, found: list[str] | None = None) -> Any:
    """``node`` with its prose blanked (each prose string appended to ``found``, if
    given, in the order of the document): a copy of each dict or list on the way to a
    prose string, the node itself where there is none below it (most of a schema: a
    fifth less time in the validator's process, which copies less of its memory).
    Values under a data key or an extension are kept whole, and so is a value of
    another type than the parsers make (a subclass of dict, say): documents differing
    inside one are validated in full."""
    if type(node) is dict:
        pairs: Any = node.items()
    elif type(node) is list:
        pairs = enumerate(node)  # an index is never a prose or data key
    else:
        return node
    out: Any = None
    for key, value in pairs:  # no call for a value holding nothing to blank
        kind = type(value)
        if kind is str:
            if key not in PROSE:
                continue
            if found is not None:
                found.append(value)
            new: Any = ""
        elif kind is dict or kind is list:
            if key in DATA or (type(key) is str and key.startswith("x-")):
                continue
            new = blanked(value, found)
            if new is value:
                continue
        else:
            continue
        if out is None:
            out = dict(node) if type(node) is dict else list(node)
        out[key] = new
    return node if out is None else out


def prose_free_key(document: dict[str, Any]) -> str:
    """A key equal for two documents exactly when they differ only in prose strings
    (and list their keys in the same order, as a translation of one document does)."""
    return _digest(blanked(document))


def _digest(value: Any) -> str:
    """A digest of ``value``, equal for equal values written in the same key order."""
    try:
        # version 0: no marks of shared or interned objects, so equal values give equal
        # bytes; six times faster than JSON text
        data = marshal.dumps(value, 0)
    except ValueError:  # a value marshal does not know (a date from YAML): as JSON
        data = json.dumps(value, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


# Maps of OpenAPI and JSON Schema: their keys are names (a property may be called
# "example"), never keywords.
_MAPS = frozenset(
    """paths webhooks responses callbacks schemas parameters requestBodies headers
    securitySchemes links examples content encoding properties patternProperties $defs
    definitions dependentSchemas pathItems variables scopes mapping""".split()
)
# Never read by the semantic checks: examples (no one checks them against their schema)
# and extensions. The values checked against schemas are kept as they are.
_UNREAD = frozenset({"example", "examples"})
_KEPT = DATA - _UNREAD - {"value"}


def semantic_key(document: dict[str, Any]) -> str | None:
    """A key equal for two documents that openapi-spec-validator's semantic checks
    (its keywords.py: duplicate operationIds, parameters and tag names, unknown or
    circular parent tags, path parameters, defaults against their schemas) cannot tell
    apart, or None when no such key is safe to give.

    Beyond prose, examples and ``x-`` extensions are dropped, and operationIds and tag
    names become numbers in order of appearance (equal names, equal numbers), since the
    checks only compare them. A ``$ref`` into a dropped part gives None: the checks
    would follow it there. Only the semantic checks are spared by this key; the
    meta-schema check still runs on every document (validate.py).
    """
    refs: list[str] = []
    names: dict[str, int] = {}

    def named(value: Any) -> Any:
        return names.setdefault(value, len(names)) if isinstance(value, str) else value

    def walk(node: Any, is_map: bool = False, tags: bool = False) -> Any:
        if isinstance(node, list):
            if tags:  # an operation's tag names, or the tag objects
                return [
                    walk(v, tags=True) if isinstance(v, dict) else named(v)
                    for v in node
                ]
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        out: dict[Any, Any] = {}
        for key, value in node.items():
            if is_map:
                out[key] = walk(value)
            elif key == "$ref" and isinstance(value, str):
                refs.append(value)
                out[key] = value
            elif key in PROSE and isinstance(value, str):
                out[key] = ""
            elif key in _UNREAD or (isinstance(key, str) and key.startswith("x-")):
                continue
            elif key in _KEPT:
                out[key] = value
            elif key == "operationId" or (tags and key in ("name", "parent")):
                out[key] = named(value)
            else:
                out[key] = walk(value, key in _MAPS, key == "tags")
        return out

    skeleton = walk(document)
    for ref in refs:
        parts = [
            unquote(p).replace("~1", "/").replace("~0", "~") for p in ref.split("/")
        ]
        if any(p in _UNREAD or p.startswith("x-") for p in parts):
            return None
    return _digest(skeleton)
