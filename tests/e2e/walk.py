"""Walking a generated client as a user would: every attribute, every resource, every method.

``walk(client)`` visits the client and every resource below it (through the generated
properties, on a real object) and returns the dotted path of every method it found, failing
on the first name that is not what it claims to be:

- every property of the client or a resource returns a resource (``with_raw_response``
  returns the raw twin, whose members must mirror the resource's);
- every method is callable (a coroutine function on an async client);
- no member of a generated class shadows a member of its runtime base class, and no instance
  attribute shadows a member of the class (a cached property would silently lose).
"""

from __future__ import annotations

import inspect
from functools import cached_property
from pathlib import Path
from typing import Any

IGNORED = {"__module__", "__doc__", "__init__", "__qualname__", "__firstlineno__"}
IGNORED |= {"__static_attributes__", "__dict__", "__weakref__", "__annotations__"}


def _own_members(cls: type) -> dict[str, Any]:
    return {k: v for k, v in vars(cls).items() if k not in IGNORED}


def _check_no_shadowing(obj: object, where: str) -> dict[str, Any]:
    cls = type(obj)
    own = _own_members(cls)
    for base in cls.__mro__[1:]:
        inherited = set(vars(base)) - IGNORED - {"__module__"}
        clash = sorted(set(own) & inherited - {"__annotations__"})
        assert not clash, f"{where}: {clash} shadow members of {base.__name__}"
    clash = sorted(set(vars(obj)) & set(own))
    assert not clash, f"{where}: instance attributes {clash} shadow class members"
    return own


def walk(client: object, resource_base: type, is_async: bool) -> list[str]:
    """The dotted path of every method of ``client`` and its resources."""
    found: list[str] = []
    _visit(client, "client", resource_base, is_async, found, is_client=True)
    return found


def _visit(
    obj: object,
    where: str,
    resource_base: type,
    is_async: bool,
    found: list[str],
    is_client: bool = False,
) -> None:
    own = _check_no_shadowing(obj, where)
    for name, member in sorted(own.items()):
        path = f"{where}.{name}"
        if isinstance(member, cached_property):
            value = getattr(obj, name)
            if name in _MIRRORS and not is_client:
                _check_raw(value, obj, path, complete=name == "with_raw_response")
                continue
            assert isinstance(
                value, resource_base
            ), f"{path} is {type(value).__name__}, not a resource"
            _visit(value, path, resource_base, is_async, found)
        elif inspect.isfunction(member):
            bound = getattr(obj, name)
            assert callable(bound), f"{path} is not callable"
            if is_async:  # a list returns its paginator, iterated with async for
                paginator = "AsyncPaginator" in str(inspect.signature(bound))
                assert inspect.iscoroutinefunction(bound) or paginator, path
            found.append(path)
        else:
            raise AssertionError(f"{path}: unexpected member {member!r}")


_MIRRORS = ("with_raw_response", "with_streaming_response")


def _check_raw(raw: object, resource: object, where: str, complete: bool) -> None:
    """``with_raw_response`` mirrors the resource: each method, each sub-resource;
    ``with_streaming_response`` the methods it offers (not lists or event streams)."""
    own = _own_members(type(resource))
    for name, member in own.items():
        if name in _MIRRORS:
            continue
        if complete:
            assert hasattr(raw, name), f"{where} lacks {name}"
        if hasattr(raw, name) and inspect.isfunction(member):
            assert callable(getattr(raw, name)), f"{where}.{name} is not callable"
    mirrored = [n for n in vars(raw) if not n.startswith("_")]
    assert all(n in own for n in mirrored), f"{where} has members the resource lacks"


def stream_twins(paths: list[str]) -> list[str]:
    """The ``<verb>_stream`` methods beside their ``<verb>``: one operation, two methods."""
    names = set(paths)
    return [p for p in paths if p.endswith("_stream") and p[: -len("_stream")] in names]


def assert_file_names_unique_ignoring_case(folder: Path) -> None:
    """No two files or folders of a distribution differ only in case (macOS, Windows)."""
    paths = [p.relative_to(folder).as_posix() for p in folder.rglob("*")]
    folded: dict[str, list[str]] = {}
    for path in paths:
        folded.setdefault(path.casefold(), []).append(path)
    clashes = [group for group in folded.values() if len(group) > 1]
    assert not clashes, clashes
