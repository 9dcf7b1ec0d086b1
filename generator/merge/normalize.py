"""Structural comparison helpers: what counts as structure, and spellings that mean the same."""

from __future__ import annotations

import json
import marshal
from collections.abc import Iterable
from typing import Any

from generator.ingest.pointers import resolve_pointer

PROSE_KEYS = frozenset(
    {"description", "title", "summary", "example", "examples", "externalDocs", "xml"}
)
SUBSCHEMA_KEYS = frozenset(
    {
        "properties",
        "items",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "$ref",
        "patternProperties",
    }
)
# Keyword values that mean the same as leaving the keyword out.
SCHEMA_DEFAULTS: dict[str, Any] = {
    "nullable": False,
    "readOnly": False,
    "writeOnly": False,
    "deprecated": False,
    "uniqueItems": False,
    "required": [],
    "additionalProperties": True,
    "exclusiveMinimum": False,
    "exclusiveMaximum": False,
    "minItems": 0,
    "minLength": 0,
}
UNORDERED_KEYWORDS = frozenset({"required", "enum", "type"})

SCHEMA_REF_PREFIX = "#/components/schemas/"


def canonical(value: Any) -> str:
    """A spelling-independent text of a JSON value, for equality tests."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


# scalars compared by type and value exactly as canonical() would tell them apart (not
# float: -0.0 == 0.0 but their JSON differs)
_EXACT = (str, int, bool, type(None))


def agree(values: Iterable[Any]) -> bool:
    """Whether every value is the same JSON value (as ``canonical`` would tell)."""
    items = list(values)
    if not items:
        return True
    first = items[0]
    kind = type(first)
    if kind in _EXACT and all(type(v) is kind and v == first for v in items[1:]):
        return True
    if kind in (list, dict) and same_spelling(items):
        return True
    return len({canonical(v) for v in items}) == 1


def same_spelling(items: Iterable[Any]) -> bool:
    """Whether the JSON values are spelled alike, types, order of keys and all (then
    ``canonical`` tells them equal; otherwise it may still): a fifth of its time."""
    try:
        spellings = {marshal.dumps(v) for v in items}
    except ValueError:  # not JSON after all
        return False
    return len(spellings) < 2


# what schema_keywords does with a keyword: leave it out, or look closer (the others are
# kept as they are, but for extensions)
_SKIPPED = PROSE_KEYS | SUBSCHEMA_KEYS
_CLOSER = frozenset(
    {"additionalProperties", "discriminator", *SCHEMA_DEFAULTS, *UNORDERED_KEYWORDS}
)


def schema_keywords(node: dict[str, Any]) -> dict[str, Any]:
    """The structural, non-schema keywords of a schema, with default spellings dropped."""
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _SKIPPED:
            continue
        if key not in _CLOSER:
            if not key.startswith("x-"):
                out[key] = value
            continue
        if key == "additionalProperties" and isinstance(value, dict):
            continue
        if key in SCHEMA_DEFAULTS and value == SCHEMA_DEFAULTS[key]:
            continue
        if key == "discriminator" and isinstance(value, dict):
            mapping = value.get("mapping") or {}
            value = {
                "propertyName": value.get("propertyName"),
                **({"mapping": sorted(mapping)} if mapping else {}),
            }
        if key in UNORDERED_KEYWORDS and isinstance(value, list):
            value = sorted(value, key=canonical)
        out[key] = value
    return out


def parameter_keywords(param: dict[str, Any]) -> dict[str, Any]:
    """Structural keys of a parameter object with their defaults applied."""
    location = param.get("in")
    style_default = {
        "query": "form",
        "cookie": "form",
        "path": "simple",
        "header": "simple",
    }
    style = param.get("style", style_default.get(str(location), "form"))
    return {
        "required": bool(param.get("required", location == "path")),
        "deprecated": bool(param.get("deprecated", False)),
        "allowEmptyValue": bool(param.get("allowEmptyValue", False)),
        "style": style,
        "explode": bool(param.get("explode", style == "form")),  # OpenAPI's default
    }


def strip_prose(value: Any) -> Any:
    """A JSON value without prose keys, for showing a missing piece in the report."""
    if isinstance(value, dict):
        return {
            k: strip_prose(v)
            for k, v in value.items()
            if k not in PROSE_KEYS and not k.startswith("x-")
        }
    if isinstance(value, list):
        return [strip_prose(v) for v in value]
    return value


def deref(document: dict[str, Any], node: Any) -> tuple[Any, str | None]:
    """Follow ``$ref`` chains; returns the target (ref siblings laid over it) and the first
    component schema name passed through, if any."""
    if not (isinstance(node, dict) and "$ref" in node):
        return node, None  # most nodes
    name = None
    seen = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if ref in seen:
            break
        seen.add(ref)
        if name is None and ref.startswith(SCHEMA_REF_PREFIX):
            name = ref[len(SCHEMA_REF_PREFIX) :]
        target = resolve_pointer(document, ref)
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        node = (
            {**target, **siblings} if siblings and isinstance(target, dict) else target
        )
    return node, name


def server_url(server: dict[str, Any]) -> str:
    """A server URL with its variables' defaults applied."""
    url = str(server.get("url", ""))
    for name, variable in (server.get("variables") or {}).items():
        url = url.replace("{" + name + "}", str((variable or {}).get("default", "")))
    return url.rstrip("/")
