"""Documented errors: Dify lists them in response descriptions, one per line.

``- `not_found` : Conversation does not exist.`` -> (code, description); the example bodies
``{status, code, message}`` of the same response give each code's example message.
"""

from __future__ import annotations

import re
from typing import Any

_LINE = re.compile(
    r"^\s*(?:[-*+]\s*)?`(?P<code>[A-Za-z0-9_.\-]+)`\s*[:：]\s*(?P<text>.+?)\s*$"
)


def parse_codes(description: Any) -> list[tuple[str, str]]:
    """(code, description) for every documented-error line of a response description."""
    if not isinstance(description, str):
        return []
    out = []
    for line in description.splitlines():
        match = _LINE.match(line)
        if match:
            out.append((match.group("code"), match.group("text")))
    return out


def example_messages(response: dict[str, Any]) -> list[tuple[str, str]]:
    """(code, message) of every example error body of a response, in document order."""
    out = []
    for media in (response.get("content") or {}).values():
        examples = (media or {}).get("examples") or {}
        values = [e.get("value") for e in examples.values() if isinstance(e, dict)]
        if "example" in (media or {}):
            values.append(media["example"])
        for value in values:
            if isinstance(value, dict) and isinstance(value.get("code"), str):
                out.append((value["code"], str(value.get("message", ""))))
    return out


def keyed(pairs: list[tuple[str, str]]) -> dict[tuple[str, int], str]:
    """Key each (code, text) by the code and its occurrence: ('not_found', 0), ('not_found', 1)."""
    seen: dict[str, int] = {}
    out = {}
    for code, text in pairs:
        index = seen.get(code, 0)
        seen[code] = index + 1
        out[(code, index)] = text
    return out
