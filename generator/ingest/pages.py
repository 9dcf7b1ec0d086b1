"""Documentation pages: the fenced spec blocks they carry, and the ones that are broken.

A spec block is a fence whose info string names a source document, a method and a path::

    ```yaml /zh/api-reference/openapi_chatflow.json put /conversations/{id}

(three or four backticks). A fence that tries to be one but is not (``yml``, no method or
path, no closing fence) is broken: it is reported, never skipped, or the page's locale would
silently fall back to the primary one. A fence tries to be one when its first word names
a spec document (``.json``, ``.yaml``, ``.yml``) and either more words follow or it is a
path from the root (``/ja/api.json``), or when a method follows it; ``yaml config.yaml`` is
a titled example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_METHODS = frozenset("get put post delete options head patch trace query".split())
_DOCUMENTS = (".json", ".yaml", ".yml")
_OPEN = re.compile(r"^(?P<ticks>`{3,4})(?P<lang>ya?ml)[ \t]+(?P<info>\S.*?)[ \t]*$")


@dataclass(frozen=True)
class Block:
    source: str
    body: str
    line: int  # lines before the body (0-based line of the body's first line)


@dataclass(frozen=True)
class Broken:
    line: int  # 1-based line of the opening fence
    source: str | None  # the source document it names, when it names one
    message: str


def _names_a_document(words: list[str]) -> bool:
    if len(words) == 3 and words[1].lower() in _METHODS:
        return True  # <source> <method> <path>, whatever the source is called
    return words[0].lower().endswith(_DOCUMENTS) and (
        len(words) > 1 or words[0].startswith("/")
    )


def spec_blocks(text: str) -> tuple[list[Block], list[Broken]]:
    """Every spec block of a page, and every fence that tries to be one and is not."""
    lines = text.split("\n")
    blocks: list[Block] = []
    broken: list[Broken] = []
    i = 0
    while i < len(lines):
        match = _OPEN.match(lines[i])
        if match is None:
            i += 1
            continue
        ticks, lang, words = match["ticks"], match["lang"], match["info"].split()
        source = words[0]
        if not _names_a_document(words):
            i += 1
            continue
        usage = (
            f"it must start ```yaml <source> <method> <path>, not {lines[i].strip()!r}"
        )
        close = next(
            (j for j in range(i + 1, len(lines)) if lines[j].rstrip() == ticks),
            None,
        )
        if lang != "yaml":
            broken.append(Broken(i + 1, source, f"spec block fenced as yml: {usage}"))
        elif len(words) != 3 or words[1].lower() not in _METHODS:
            broken.append(
                Broken(i + 1, source, f"spec block names no method or path: {usage}")
            )
        elif close is None:
            broken.append(
                Broken(i + 1, source, f"spec block has no closing {ticks} fence")
            )
        else:
            body = "\n".join(lines[i + 1 : close]) + "\n"
            blocks.append(Block(source, body, i + 1))
        i = (close if close is not None else i) + 1
    return blocks, broken
