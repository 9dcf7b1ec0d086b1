"""Translations loaded beside: ``generate`` reads the primary document and lets the
validator's process read the others.

Reading and merging each translation in this process took a quarter of an extra
locale's time, before any locale could render (Twilio's spec in five locales: 120 ms of
the 280 before its shape, the other core idle for the first 80). When a locale comes from
one document file of its own, named by its path, and no page or overlay is among the
inputs, the run reads every other file itself (``Beside.first``) and forks the validator;
the validator's process reads those locales' files (``Beside.rest``), finds which repeat
the primary document but for their prose (ingest/twins.py) and sends their texts back
while this process imports the later stages. The merge takes the twins' texts from there
(merge/prose.py). When one of them is no twin or does not load, the run reads every
document itself after all (``Validation.documents``), so what it makes and the messages
it gives are the ones it gives without this.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from generator.ingest.load import (
    SPEC_SUFFIXES,
    LocaleDocument,
    discover,
    display_path,
    load,
)
from generator.ingest.locales import locale_from_path
from generator.ingest.twins import Twin, prose_free, twin_texts
from generator.problems import InputError


@dataclass(frozen=True)
class Beside:
    """The locales whose documents the validator's process reads (``locales``), how the
    others are read here (``first``) and those there (``rest``); ``inputs``: every
    input file (no document read beside may refer to one: it would be part of it)."""

    primary: str
    locales: frozenset[str]
    inputs: frozenset[str]
    first: Callable[[], list[LocaleDocument]]
    rest: Callable[[], list[LocaleDocument]]


@dataclass(frozen=True)
class Answer:
    """What the validator's process found: the twins' texts by locale (None when one of
    the documents is no twin or refers to an input), the documents it read (None when
    they did not load), and the prose-free key of each document it blanked, by the id
    of the document (ingest/equivalence.py: the same key as ``prose_free_key``)."""

    twins: dict[str, Twin] | None
    documents: list[LocaleDocument] | None
    keys: dict[int, str]


def plan(specs: list[str], primary: str, aliases: dict[str, str]) -> Beside | None:
    """The locales to read beside, or None when there is none: every input a document
    file whose path names its locale, a locale of one file read there. Called only for
    a target without overlays and without a locale given for all its documents."""
    try:
        found = discover(specs)
    except InputError:
        return None  # loading here says so
    files: dict[str, list[str]] = {}
    for file, rel, _ in found:
        locale = locale_from_path(rel, aliases)
        if file.suffix.lower() not in SPEC_SUFFIXES or locale is None:
            return None
        files.setdefault(locale, []).append(display_path(file))
    if primary not in files:
        return None
    locales = frozenset(
        loc for loc, of in files.items() if loc != primary and len(of) == 1
    )
    if not locales:
        return None

    def reader(wanted: bool) -> Callable[[], list[LocaleDocument]]:
        def read() -> list[LocaleDocument]:
            return load(
                specs, None, primary, aliases, lambda loc: (loc in locales) == wanted
            )

        return read

    inputs = frozenset(f for of in files.values() for f in of)
    return Beside(primary, locales, inputs, reader(False), reader(True))


def answer(first: list[LocaleDocument], beside: Beside) -> Answer:
    """In the validator's process: read the locales beside and find their twins of the
    primary document (in ``first``, the documents read in the process it was forked
    from: the ids of its strings are that process's)."""
    try:
        rest = beside.rest()
    except InputError:
        return Answer(None, None, {})
    primary = next((d for d in first if d.locale == beside.primary), None)
    if primary is None or any(
        f in beside.inputs for d in (*first, *rest) for f in d.referenced
    ):
        return Answer(None, rest, {})
    keys: dict[int, str] = {}
    base = prose_free(primary.document)
    if base is not None:
        keys[id(primary.document)] = hashlib.sha256(base[0]).hexdigest()
    twins: dict[str, Twin] | None = {}
    for doc in rest:
        mine = prose_free(doc.document)
        if mine is not None:  # the same bytes as the primary's: the same key
            same = base is not None and mine[0] == base[0]
            key = keys[id(primary.document)] if same else None
            keys[id(doc.document)] = key or hashlib.sha256(mine[0]).hexdigest()
        texts = twin_texts(base, mine)
        if texts is None or twins is None:
            twins = None
            continue
        twins[doc.locale] = Twin(doc.files, texts)
    return Answer(twins, rest, keys)
