"""Python names, cleaned once: identifiers, class names, resource paths and verbs.

Identifiers come from the primary locale only and are ASCII: Python's ``\\w`` accepts CJK,
which would leak a translated name into code, so anything else is transliterated away.
"""

from __future__ import annotations

import keyword
import re
import unicodedata

from generator.conventions import SENTINEL_NAMES

_BAD = re.compile(r"[^0-9A-Za-z_]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# keywords, the receiver names, and the sentinel every optional argument defaults to
RESERVED = frozenset(keyword.kwlist) | {"self", "cls"} | SENTINEL_NAMES


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def snake(name: str, fallback: str = "field") -> str:
    """``camelCase-name`` -> ``camel_case_name``; keywords get a trailing underscore."""
    words = _BAD.sub("_", _CAMEL.sub("_", _ascii(name))).strip("_").lower()
    words = re.sub("_+", "_", words) or fallback
    if words[0].isdigit():
        words = f"{fallback}_{words}"
    return words + "_" if words in RESERVED else words


def pascal(name: str, fallback: str = "Model") -> str:
    """``app-info_response`` -> ``AppInfoResponse``; keeps existing inner capitals."""
    parts = [p for p in re.split(r"[^0-9A-Za-z]+", _CAMEL.sub("_", _ascii(name))) if p]
    words = "".join(p[:1].upper() + p[1:] for p in parts) or fallback
    if words[0].isdigit():
        words = fallback + words
    return words + "_" if words in RESERVED else words


def is_plural(segment: str) -> bool:
    """A rough test of an English plural noun (``variables``, ``feedbacks``)."""
    s = segment.lower()
    return s.endswith("s") and not s.endswith(("ss", "us", "is"))


def literal_segments(path: str) -> list[str]:
    return [s for s in path.strip("/").split("/") if s and not s.startswith("{")]


def resource_and_verb(
    method: str, path: str, is_collection_response: bool
) -> tuple[tuple[str, ...], str]:
    """Where an operation lives and what it is called.

    Literal path segments become nested resources. GET collection ``list``, GET item
    ``retrieve``, POST collection ``create``, PUT/PATCH item ``update``, DELETE item ``delete``;
    a singular literal after a parent (``/chat-messages/{task_id}/stop``) is an action and
    names the verb on the parent resource.
    """
    segments = [s for s in path.strip("/").split("/") if s]
    literals = literal_segments(path)
    if not literals:
        return (), method.lower()
    ends_with_param = segments[-1].startswith("{")
    last = literals[-1]
    method = method.lower()
    resource = tuple(snake(s, "resource") for s in literals)
    if not ends_with_param and len(segments) > 1 and not is_plural(last):
        return resource[:-1], snake(last, "call")
    if ends_with_param:
        verb = {
            "get": "retrieve",
            "put": "update",
            "patch": "update",
            "delete": "delete",
            "post": "create",
        }
    else:
        verb = {
            "get": "list" if is_collection_response else "retrieve",
            "post": "create",
            "put": "update",
            "patch": "update",
            "delete": "delete",
        }
    return resource, verb.get(method, method)


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name_2``, ``name_3``... whichever is free; marks it taken."""
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}_{n}", n + 1
    taken.add(candidate)
    return candidate


def import_order(name: str) -> tuple[int, str, str]:
    """isort's order of the names one ``from x import ...`` imports (as ruff's ``I``
    checks it): constants (``NOT_GIVEN``, ``X1``), then classes, then the rest, each
    compared case-insensitively first."""
    if len(name) > 1 and name.isupper():
        kind = 0
    elif name[:1].isupper():
        kind = 1
    else:
        kind = 2
    return kind, name.lower(), name


def module_order(module: str) -> tuple[tuple[int, str | int], ...]:
    """isort's order of modules (as ruff's ``I`` checks it): case-insensitive, runs of
    digits compared as numbers (``level4`` before ``level100``)."""
    return tuple(
        (1, int(part)) if part.isdigit() else (0, part)
        for part in re.split(r"(\d+)", module.lower())
        if part
    )
