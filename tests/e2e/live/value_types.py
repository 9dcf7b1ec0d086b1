"""Dify variable value types: which decoded JSON values fit a ``value_type``, and how values travel.

Used by ``PUT .../variables/{variable_id}`` to reject a value of the wrong type with Dify's
"Value type mismatch: expected <type>, got <type>." message.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


_ELEMENT_CHECKS: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "number": _is_number,
    "object": lambda v: isinstance(v, dict),
    "boolean": lambda v: isinstance(v, bool),
    "file": lambda v: isinstance(v, dict),
    "any": lambda v: True,
}


def value_matches(value_type: str, value: Any) -> bool:
    """Whether ``value`` (decoded JSON) fits a Dify variable ``value_type``."""
    vt = {"secret": "string", "integer": "number", "float": "number"}.get(
        value_type, value_type
    )
    if vt.startswith("array[") and vt.endswith("]"):
        check = _ELEMENT_CHECKS.get(vt[6:-1])
        return (
            isinstance(value, list)
            and check is not None
            and all(check(x) for x in value)
        )
    check = _ELEMENT_CHECKS.get(vt)
    return check is not None and vt != "any" and check(value)


def infer_type(value: Any) -> str:
    """The type name used in the mismatch message for a decoded JSON value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        for name in ("boolean", "string", "number", "object"):
            if value and all(_ELEMENT_CHECKS[name](x) for x in value):
                return f"array[{name}]"
        return "array[any]"
    return type(value).__name__


def expected_name(value_type: str) -> str:
    """The type name used in the mismatch message for a variable's ``value_type``."""
    return {"secret": "string", "integer": "number", "float": "number"}.get(
        value_type, value_type
    )


def wire_value(value: Any) -> str:
    """``value`` as the spec types it (string; JSON text for non-strings)."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
