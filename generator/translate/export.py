"""Export: each non-primary locale's prose as a gettext PO file, ``DIR/<target>/<locale>.po``.

PO files are written with polib (a small, pure-Python, long-maintained library that every
gettext-minded Python tool reads): one entry per piece of prose, ``msgctxt`` its stable key,
``msgid`` the primary text, ``msgstr`` the translation or empty, stale translations ``fuzzy``
with the previous source text as ``#| msgid``. No dates: the same input exports the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import polib

from generator.config import Target
from generator.translate.catalog import (
    STALE,
    TRANSLATED,
    Catalog,
    catalog,
    translation_locales,
)
from generator.translate.inputs import Sources, read_sources
from generator.translate.prose import align

HEADER = {
    "Project-Id-Version": "{target}",
    "Report-Msgid-Bugs-To": "",
    "POT-Creation-Date": "",
    "PO-Revision-Date": "",
    "Last-Translator": "",
    "Language-Team": "",
    "Language": "{locale}",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "X-Generator": "polyglot-openapi-generator translations export",
    "X-Source-Language": "{primary}",
}


def po_file(target: Target, sources: Sources, found: Catalog) -> polib.POFile:
    po = polib.POFile(wrapwidth=78)
    po.header = (
        f"Prose of the {target.name} API for locale {found.locale}, "
        f"translated from {target.primary}.\n"
        "Produced by: python -m generator translations export. Translate with any PO "
        "editor,\nthen: python -m generator translations import DIR"
    )
    names = {"target": target.name, "locale": found.locale, "primary": target.primary}
    po.metadata = {k: v.format(**names) for k, v in HEADER.items()}
    for state in found.states:
        piece = state.piece
        entry = polib.POEntry(
            msgctxt=piece.context,
            msgid=piece.text,
            msgstr=align(piece.text, state.text) if state.text else "",
            comment=piece.kind,
            occurrences=[(f, "") for f in sources.primary.files_for(piece.pointer)],
        )
        if state.status == STALE:
            entry.flags.append("fuzzy")
            entry.previous_msgid = state.previous
        po.append(entry)
    return po


def export(
    target: Target, out: Path, locales: list[str] | None = None
) -> list[tuple[Path, Catalog]]:
    """Write the PO files of one target; the files written and the catalogs behind them."""
    sources = read_sources(target)
    written = []
    folder = out / target.name
    folder.mkdir(parents=True, exist_ok=True)
    for locale in translation_locales(target, sources, locales):
        found = catalog(sources, locale)
        path = folder / f"{locale}.po"
        path.write_text(str(po_file(target, sources, found)), encoding="utf-8")
        written.append((path, found))
    return written


def summary(path: Path, found: Catalog) -> str:
    """``DIR/x/zh.po: 940 entries: 841 translated, 99 untranslated, 0 fuzzy``."""
    total = len(found.states)
    return (
        f"{path}: {total} entries: {found.count(TRANSLATED)} translated, "
        f"{found.count('untranslated')} untranslated, {found.count(STALE)} fuzzy"
    )
