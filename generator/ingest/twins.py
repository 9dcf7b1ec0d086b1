"""Translations that repeat the primary document but for their prose.

A translated document usually differs from the primary one only in the strings under
``summary``, ``description`` and ``title``. Such a document, a *twin* of the primary one,
needs no walk of its own in the merge: its texts, each keyed by the primary's string it
takes the place of, are all the merge needs from it (merge/prose.py). ``generate`` finds
the twins in the validator's process, which loads the translations while the primary
document is merged (ingest/beside.py).

Strict on purpose: everything else must be equal, types, key order and all, and the
values the merge keeps per locale as they are (examples, defaults, enums, constants,
extensions) are compared whole, prose keys inside them too. A document that differs
anywhere else is no twin and is merged as any document is.
"""

from __future__ import annotations

import marshal
from dataclasses import dataclass
from typing import Any

from generator.ingest.equivalence import blanked


@dataclass(frozen=True)
class Twin:
    """A locale's document known to repeat the primary's but for its prose: the files it
    came from, and its texts by the id of the primary's string each replaces (the
    primary's document is the same object in the process that merges)."""

    files: tuple[str, ...]
    texts: dict[int, str]


def prose_free(document: Any) -> tuple[bytes, list[str]] | None:
    """``document`` with every prose string blanked, as bytes equal for equal documents
    (``marshal``, version 0: no marks of shared objects), and those strings in the order
    of the walk; None for a value marshal cannot write (a YAML date, say)."""
    found: list[str] = []
    try:
        return marshal.dumps(blanked(document, found), 0), found
    except ValueError:
        return None


def twin_texts(
    primary: tuple[bytes, list[str]] | None, other: tuple[bytes, list[str]] | None
) -> dict[int, str] | None:
    """The other document's texts by the id of the primary's string in their place
    (both as ``prose_free`` gives them), or None when it is no twin: it differs beyond
    its prose, or one string of the primary stands in two places translated apart (a
    YAML alias, say)."""
    if primary is None or other is None or primary[0] != other[0]:
        return None
    texts: dict[int, str] = {}
    for mine, theirs in zip(primary[1], other[1]):
        if texts.setdefault(id(mine), theirs) != theirs:
            return None
    return texts
