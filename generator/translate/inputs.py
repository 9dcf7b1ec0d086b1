"""A target's documents with its translation overlays applied: what the pipeline loads.

A locale with a document gets its overlay applied on top. A locale with an overlay but no
document is made from the primary document: its prose left out (so the merge records
fallbacks to the primary, as for any missing text) except what a document must keep, and
the overlay applied.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from generator.config import Target
from generator.ingest.load import LocaleDocument, display_path, load
from generator.ingest.locales import is_locale_tag
from generator.ingest.pointers import resolve_pointer
from generator.problems import InputError, Problem
from generator.translate import overlay as ov
from generator.translate.prose import Piece, walk


@dataclass(frozen=True)
class Sources:
    """The raw inputs of a target's translations."""

    primary: LocaleDocument
    pieces: tuple[Piece, ...]
    documents: dict[str, LocaleDocument]  # every locale's own document, as loaded
    overlays: dict[str, ov.Overlay]  # checked, by locale


def read_sources(
    target: Target, documents: list[LocaleDocument] | None = None
) -> Sources:
    """Load a target's documents (unless given) and overlays; InputError when bad."""
    if documents is None:
        documents = load(
            list(target.specs),
            target.locale,
            target.primary,
            dict(target.locale_aliases),
        )
    by_locale = {doc.locale: doc for doc in documents}
    primary = by_locale.get(target.primary)
    if primary is None:
        raise InputError(
            [
                Problem(
                    f"no document for the primary locale {target.primary!r} "
                    f"(found: {', '.join(sorted(by_locale))})",
                    (),
                    target.primary,
                )
            ]
        )
    pieces, holders = walk(primary.document)
    overlays, problems = {}, []
    for locale, path in ov.overlay_files(target.specs).items():
        shown = display_path(path)
        if not is_locale_tag(locale):
            problems.append(
                Problem(
                    "an overlay must be named <locale>.overlay.yaml (en, zh-Hans, ja-JP)",
                    (shown,),
                )
            )
            continue
        if locale == target.primary:
            problems.append(
                Problem("the primary locale cannot have an overlay", (shown,), locale)
            )
            continue
        try:
            found = ov.read(path, locale, shown)
            ov.check_structure(found, holders, primary.document)
            overlays[locale] = found
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return Sources(primary, tuple(pieces), by_locale, overlays)


def text_at(document: dict[str, Any] | None, pointer: str) -> str | None:
    """The string at ``pointer`` in ``document``, if there is one."""
    if document is None:
        return None
    try:
        value = resolve_pointer(document, "#" + pointer)
    except KeyError:
        return None
    return value if isinstance(value, str) else None


def without_prose(
    document: dict[str, Any], pieces: tuple[Piece, ...]
) -> dict[str, Any]:
    """A copy of the primary document keeping only the prose a document must have."""
    out = copy.deepcopy(document)
    for piece in pieces:
        if not piece.required:
            parent = resolve_pointer(out, "#" + piece.parent)
            parent.pop(piece.key, None)
    return out


def with_overlays(
    documents: list[LocaleDocument], target: Target
) -> list[LocaleDocument]:
    """``documents`` with each locale's overlay applied, plus the locales made from one."""
    if not ov.overlay_files(target.specs):
        return documents
    sources = read_sources(target, documents)
    primary = sources.primary
    out = list(documents)
    for locale, overlay in sorted(sources.overlays.items()):
        if target.locales and locale not in target.locales:
            continue
        own = sources.documents.get(locale)
        if own is not None:
            ov.apply(own.document, overlay, primary.document)
            own.files += (overlay.file,)
            continue
        made = without_prose(primary.document, sources.pieces)
        ov.apply(made, overlay, primary.document)
        out.append(
            LocaleDocument(
                locale,
                overlay.file,
                primary.files + (overlay.file,),
                made,
                dict(primary.origins),
            )
        )
    return out
