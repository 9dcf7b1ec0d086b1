"""Python names, cleaned once: identifiers, class names, resource paths and verbs.

Identifiers come from the primary locale only and are ASCII: Python's ``\\w`` accepts CJK,
which would leak a translated name into code, so anything else is transliterated away.
"""

from __future__ import annotations

import functools
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


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked for the same names again and again
def snake(name: str, fallback: str = "field") -> str:
    """``camelCase-name`` -> ``camel_case_name``; keywords get a trailing underscore."""
    words = _BAD.sub("_", _CAMEL.sub("_", _ascii(name))).strip("_").lower()
    words = re.sub("_+", "_", words) or fallback
    if words[0].isdigit():
        words = f"{fallback}_{words}"
    return words + "_" if words in RESERVED else words


@functools.lru_cache(maxsize=1 << 16)
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


_VERSION = re.compile(r"v\d+(?:[._-]?\d+)*(?:(?:alpha|beta|rc)\d*)?|\d{4}-\d{2}-\d{2}", re.I)
_EXTENSION = re.compile(r"\.(?:json|xml|yaml|yml|csv|txt|html)$", re.I)
# comparison suffixes of parameter names (``DateSent<``): words, longest first
_COMPARISONS = (
    ("<=", "_on_or_before"),
    (">=", "_on_or_after"),
    ("<", "_before"),
    (">", "_after"),
    ("!=", "_not"),
)
_VERBS = {  # (method, the path ends with a parameter) -> verb
    ("get", True): "retrieve",
    ("put", True): "update",
    ("patch", True): "update",
    ("post", True): "update",
    ("delete", True): "delete",
    ("get", False): "retrieve",
    ("post", False): "create",
    ("put", False): "update",
    ("patch", False): "update",
    ("delete", False): "delete",
}


def param_name(wire: str) -> str:
    """A parameter's Python name: ``DateSent<`` -> ``date_sent_before``."""
    for suffix, word in _COMPARISONS:
        if wire.endswith(suffix) and wire[: -len(suffix)].strip():
            return snake(wire[: -len(suffix)] + word, "arg")
    return snake(wire, "arg")


def path_segments(path: str) -> list[str]:
    """The segments that name things: no version (``v2``, ``2010-04-01``), no file
    extension (``Messages.json`` -> ``Messages``)."""
    found = []
    for s in path.strip("/").split("/"):
        s = _EXTENSION.sub("", s)
        if s and not _VERSION.fullmatch(s):
            found.append(s)
    return found


def literal_segments(path: str) -> list[str]:
    return [s for s in path_segments(path) if not s.startswith("{")]


def is_item(path: str) -> bool:
    """The path ends with a parameter (``/pets/{id}``)."""
    segments = path_segments(path)
    return bool(segments) and segments[-1].startswith("{")


def is_action(path: str) -> bool:
    """The path ends with a singular literal after a parent (``/chat-messages/{id}/stop``):
    its last segment names the verb on the parent resource."""
    segments = path_segments(path)
    if len(segments) < 2 or segments[-1].startswith("{"):
        return False
    # ``findByTags`` is a verb phrase whatever its last word
    return not is_plural(segments[-1]) or "_by_" in snake(segments[-1])


def resource_and_verb(
    method: str, path: str, is_collection_response: bool
) -> tuple[tuple[str, ...], str]:
    """Where an operation lives and what it is called.

    Literal path segments (versions and file extensions left out) become nested
    resources. GET collection ``list`` (an array or a page comes back), else ``retrieve``;
    GET item ``retrieve``, POST collection ``create``, POST/PUT/PATCH item ``update``,
    DELETE ``delete``; a singular literal after a parent (``/chat-messages/{task_id}/stop``)
    is an action and names the verb on the parent resource.
    """
    segments = path_segments(path)
    literals = [s for s in segments if not s.startswith("{")]
    method = method.lower()
    ends_with_param = bool(segments) and segments[-1].startswith("{")
    if not literals:
        return (), standard_verb(method, ends_with_param, is_collection_response)
    resource = tuple(snake(s, "resource") for s in literals)
    if is_action(path):
        return resource[:-1], snake(literals[-1], "call")
    return resource, standard_verb(method, ends_with_param, is_collection_response)


def standard_verb(
    method: str, ends_with_param: bool, is_collection_response: bool
) -> str:
    """The verb of an operation on a resource's collection or item path."""
    if method == "get" and not ends_with_param and is_collection_response:
        return "list"
    return _VERBS.get((method, ends_with_param), snake(method, "call"))


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name_2``, ``name_3``... whichever is free; marks it taken."""
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}_{n}", n + 1
    taken.add(candidate)
    return candidate


def unique_folded(
    name: str, folded: set[str], exact: frozenset[str] = frozenset()
) -> str:
    """Like ``unique``, comparing case-insensitively with ``folded`` (casefolded names:
    ``Pet`` and ``PET`` would confuse a reader) and exactly with ``exact``."""
    candidate, n = name, 2
    while candidate.casefold() in folded or candidate in exact:
        candidate, n = f"{name}_{n}", n + 1
    folded.add(candidate.casefold())
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
