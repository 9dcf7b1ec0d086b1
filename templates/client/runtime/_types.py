"""Sentinel for "argument not given" and helpers to leave such values out."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Literal, TypeGuard, TypeVar, Union

if TYPE_CHECKING:
    import httpx

__all__ = [
    "NotGiven",
    "NOT_GIVEN",
    "NotGivenOr",
    "FileContent",
    "FileTypes",
    "Headers",
    "Query",
    "Body",
    "Timeout",
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

FileContent = Union[IO[bytes], bytes, "os.PathLike[str]"]
"""The content of an uploaded file: a binary file object, bytes, or a path to read."""
FileTypes = Union[
    FileContent,
    str,
    tuple[Union[str, None], Union[FileContent, str]],
    tuple[Union[str, None], Union[FileContent, str], Union[str, None]],
    tuple[
        Union[str, None], Union[FileContent, str], Union[str, None], Mapping[str, str]
    ],
]
"""A file to upload: a path (``Path`` or str), bytes, a binary file object, or
``(filename, content[, content type[, headers]])`` (str content there is text). The
file name defaults to the path's or the file object's; the content type is guessed from
the file name (``application/octet-stream`` when it cannot be)."""

Headers = Mapping[str, str]
"""``extra_headers`` of a call: sent after (and over) every other header."""
Query = Mapping[str, object]
"""``extra_query`` of a call: added to (and over) the query parameters."""
Body = Mapping[str, object]
"""``extra_body`` of a call: merged into (and over) the JSON object or form fields."""
Timeout = Union[float, "httpx.Timeout", None]
"""``timeout`` of a call: seconds or an ``httpx.Timeout`` (None: no timeout)."""


def is_given(value: _T | NotGiven) -> TypeGuard[_T]:
    """True unless ``value`` is ``NOT_GIVEN``."""
    return not isinstance(value, NotGiven)


def strip_not_given(mapping: Mapping[str, _T | NotGiven] | None) -> dict[str, _T]:
    """A copy of ``mapping`` without the members equal to ``NOT_GIVEN``."""
    if mapping is None:
        return {}
    return {k: v for k, v in mapping.items() if not isinstance(v, NotGiven)}
