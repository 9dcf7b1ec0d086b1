"""The operations of a path item: the fixed methods (3.2's ``query`` among them) and
OpenAPI 3.2's ``additionalOperations`` (other methods, such as ``PURGE``), by method name in
lower case (requests send it in upper case)."""

from __future__ import annotations

from typing import Any

from generator.problems import join_pointer

HTTP_METHODS = (
    "get",
    "put",
    "post",
    "delete",
    "options",
    "head",
    "patch",
    "trace",
    "query",  # OpenAPI 3.2
)
_EXTRA = "additionalOperations"  # 3.2: other methods, e.g. {"PURGE": {...}}


def methods_of(item: Any) -> list[str]:
    """The methods of a path item, lower case: the fixed fields, then the
    ``additionalOperations`` (sent upper case)."""
    if not isinstance(item, dict):
        return []
    extra = item.get(_EXTRA)
    more = [str(k).lower() for k in extra] if isinstance(extra, dict) else []
    return [m for m in HTTP_METHODS if m in item] + [
        m for m in more if m not in HTTP_METHODS
    ]


def _operation_key(item: Any, method: str) -> tuple[str, ...]:
    """Where the operation of ``method`` (lower case) is in its path item: ("get",) or
    ("additionalOperations", "PURGE"); () when it has none."""
    if not isinstance(item, dict):
        return ()
    if method in HTTP_METHODS:
        return (method,) if method in item else ()
    extra = item.get(_EXTRA)
    if not isinstance(extra, dict):
        return ()
    keys = [str(k) for k in extra if str(k).lower() == method]
    return (_EXTRA, keys[0]) if keys else ()


def operation_object(item: Any, method: str) -> Any:
    """The operation of ``method`` (lower case) in a path item, or None."""
    key = _operation_key(item, method)
    return item[key[0]] if len(key) == 1 else item[key[0]][key[1]] if key else None


def operation_pointer(path: str, item: Any, method: str) -> str:
    """The absolute pointer of that operation."""
    return join_pointer("/paths", path, *(_operation_key(item, method) or (method,)))
