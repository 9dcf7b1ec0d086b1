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


def operation_keys(item: Any) -> list[tuple[str, tuple[str, ...]]]:
    """(method in lower case, where its operation is in the path item) for each operation:
    ``("get", ("get",))`` for the fixed fields first, then
    ``("purge", ("additionalOperations", "PURGE"))``."""
    if not isinstance(item, dict):
        return []
    found: list[tuple[str, tuple[str, ...]]] = [
        (m, (m,)) for m in HTTP_METHODS if m in item
    ]
    extra = item.get(_EXTRA)
    for key in extra if isinstance(extra, dict) else ():
        method = str(key).lower()
        if method not in HTTP_METHODS and all(m != method for m, _ in found):
            found.append((method, (_EXTRA, str(key))))
    return found


def methods_of(item: Any) -> list[str]:
    """The methods of a path item, lower case (sent upper case)."""
    return [method for method, _ in operation_keys(item)]


def _operation_key(item: Any, method: str) -> tuple[str, ...]:
    """Where the operation of ``method`` (lower case) is in its path item; () if none."""
    return next((key for m, key in operation_keys(item) if m == method), ())


def operation_at(item: Any, key: tuple[str, ...]) -> Any:
    """The operation at ``key`` (from ``operation_keys``) in a path item."""
    return item[key[0]] if len(key) == 1 else item[key[0]][key[1]]


def operation_object(item: Any, method: str) -> Any:
    """The operation of ``method`` (lower case) in a path item, or None."""
    key = _operation_key(item, method)
    return operation_at(item, key) if key else None


def operation_pointer(path: str, item: Any, method: str) -> str:
    """The absolute pointer of that operation."""
    return join_pointer("/paths", path, *(_operation_key(item, method) or (method,)))
