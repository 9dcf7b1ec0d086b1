"""Where each piece of prose stands in each locale: translated, untranslated or stale.

- translated: the locale's overlay translates the current primary text, or the locale's own
  document has a text that differs from the primary's;
- stale (``fuzzy`` in a PO file): the overlay's translation was made from a primary text
  that has changed since (its fingerprint no longer matches);
- untranslated: neither.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.config import Target
from generator.translate.inputs import Sources, text_at
from generator.translate.overlay import Action, fingerprint
from generator.translate.prose import Piece

TRANSLATED, UNTRANSLATED, STALE = "translated", "untranslated", "stale"


@dataclass(frozen=True)
class State:
    piece: Piece
    status: str
    text: str  # the translation; "" when untranslated
    previous: str | None  # the primary text a stale translation was made from
    document: str | None  # the locale document's own text here, if any


@dataclass(frozen=True)
class Catalog:
    locale: str
    states: tuple[State, ...]
    gone: tuple[Action, ...]  # overlay actions whose primary text no longer exists
    overlay_file: str | None

    def count(self, status: str) -> int:
        return sum(1 for s in self.states if s.status == status)


def translation_locales(
    target: Target, sources: Sources, wanted: list[str] | None = None
) -> list[str]:
    """The non-primary locales: those asked for, else the target's, else every one found."""
    chosen = (
        list(wanted)
        if wanted
        else list(target.locales) or sorted({*sources.documents, *sources.overlays})
    )
    return [loc for loc in dict.fromkeys(chosen) if loc != target.primary]


def _state(piece: Piece, own: str | None, action: Action | None) -> State:
    if action is not None:
        if action.sha == fingerprint(piece.text):
            return State(piece, TRANSLATED, action.text, None, own)
        return State(piece, STALE, action.text, action.source, own)
    if own is not None and own != piece.text:
        return State(piece, TRANSLATED, own, None, own)
    return State(piece, UNTRANSLATED, "", None, own)


def catalog(sources: Sources, locale: str) -> Catalog:
    doc = sources.documents.get(locale)
    document = doc.document if doc is not None else None
    overlay = sources.overlays.get(locale)
    actions = overlay.by_pointer() if overlay is not None else {}
    states = tuple(
        _state(p, text_at(document, p.pointer), actions.get(p.pointer))
        for p in sources.pieces
    )
    current = {p.pointer for p in sources.pieces}
    gone = tuple(a for a in actions.values() if a.pointer not in current)
    return Catalog(locale, states, gone, overlay.file if overlay is not None else None)
