"""Sentinel for "argument not given" and helpers to leave such values out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Literal, TypeGuard, TypeVar, Union

__all__ = [
    "NotGiven",
    "NOT_GIVEN",
    "NotGivenOr",
    "FileContent",
    "FileTypes",
    "is_given",
    "strip_not_given",
]

_T = TypeVar("_T")


class NotGiven:
    """Marks an optional argument the caller did not pass (distinct from ``None``).

    >>> def get(limit: int | NotGiven = NOT_GIVEN) -> None: ...
    >>> get(limit=None)  # sent as null / left out of a query
    >>> get()  # not sent at all
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()

NotGivenOr = Union[_T, NotGiven]

FileContent = Union[IO[bytes], bytes, str]
"""The content of an uploaded file."""
FileTypes = Union[
    FileContent,
    tuple[Union[str, None], FileContent],
    tuple[Union[str, None], FileContent, Union[str, None]],
    tuple[Union[str, None], FileContent, Union[str, None], Mapping[str, str]],
]
"""A file to upload: content, or (filename, content[, content type[, headers]])."""


def is_given(value: _T | NotGiven) -> TypeGuard[_T]:
    """True unless ``value`` is ``NOT_GIVEN``."""
    return not isinstance(value, NotGiven)


def strip_not_given(mapping: Mapping[str, _T | NotGiven] | None) -> dict[str, _T]:
    """A copy of ``mapping`` without the members equal to ``NOT_GIVEN``."""
    if mapping is None:
        return {}
    return {k: v for k, v in mapping.items() if not isinstance(v, NotGiven)}
