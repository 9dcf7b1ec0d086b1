"""Import: translated PO files -> one overlay per locale next to the target's specs.

Everything is checked before anything is written: a PO file that does not parse, an entry
whose ``msgctxt`` matches no piece of prose, or a translation that drops a placeholder, code
span or link destination of its source is an error (exit 2) and no overlay changes. A
translation already in the locale's own document needs no action; it is not refused for what
it already lacks (a warning says so). Untranslated entries write nothing; a fuzzy entry keeps
the overlay's current action for it, if any (still stale).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib

from generator.config import Target
from generator.ingest.load import display_path
from generator.ingest.locales import normalize
from generator.merge.error_docs import parse_codes
from generator.problems import InputError, Problem
from generator.translate import overlay as ov
from generator.translate.inputs import Sources, read_sources, text_at
from generator.translate.prose import Piece, align, dropped


@dataclass(frozen=True)
class Planned:
    """An overlay to write, and what the import found on the way."""

    path: Path
    text: str | None  # None: nothing to write
    actions: int
    stale: int
    warnings: tuple[str, ...]


def _parse(path: Path, shown: str, locale: str) -> polib.POFile:
    try:
        return polib.pofile(str(path), encoding="utf-8", check_for_duplicates=True)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        match = re.search(r"\(line (\d+)\)(?::\s*(.*))?", str(exc))
        if match:
            detail = f"(line {match.group(1)}): {match.group(2) or 'syntax error'}"
        else:
            detail = str(exc).replace(str(path), shown)
        raise InputError(
            [Problem(f"invalid PO file {detail}", (shown,), locale)]
        ) from None


def codes(text: str) -> list[str]:
    """The documented error codes of a response description, in order."""
    return [code for code, _ in parse_codes(text)]


def _warning(shown: str, locale: str, lacking: list[tuple[str, list[str]]]) -> str:
    first, tokens = lacking[0]
    return (
        f"warning: {shown} [locale {locale}]: {len(lacking)} translation(s) already in "
        f"the {locale} document lack a placeholder, code or link of their source; kept "
        f"as they are (first: msgctxt {first!r} lacks {', '.join(tokens)})"
    )


def plan_file(target: Target, sources: Sources, path: Path) -> Planned:
    """The overlay one PO file makes; InputError naming the file, line and entry."""
    shown = display_path(path)
    locale = normalize(path.stem)
    if locale == target.primary:
        raise InputError(
            [Problem("a PO file for the primary locale", (shown,), locale)]
        )
    po = _parse(path, shown, locale)
    stated = po.metadata.get("Language")
    if stated and normalize(stated) != locale:
        raise InputError(
            [
                Problem(
                    f"the header says Language: {stated}, the file name {locale}",
                    (shown,),
                    locale,
                )
            ]
        )
    by_context = {p.context: (i, p) for i, p in enumerate(sources.pieces)}
    own = sources.documents.get(locale)
    document = own.document if own is not None else None
    current = sources.overlays.get(locale)
    existing = current.by_pointer() if current is not None else {}
    chosen: dict[int, ov.Action] = {
        by_context[p.context][0]: existing[p.pointer]
        for p in sources.pieces
        if p.pointer in existing
    }
    problems: list[tuple[str, str | None]] = []  # (message, pointer in the spec)
    lacking: list[tuple[str, list[str]]] = []
    warnings: list[str] = []
    for entry in po:
        if entry.obsolete:
            continue
        where = f"line {entry.linenum}: msgctxt {entry.msgctxt!r}"
        found = by_context.get(entry.msgctxt or "")
        if found is None:
            problems.append(
                (f"{where} matches no piece of prose of the primary document", None)
            )
            continue
        if entry.msgid_plural:
            problems.append((f"{where}: plural forms are not used", None))
            continue
        index, piece = found
        if "fuzzy" in entry.flags:
            continue  # the current action, if any, stays (stale)
        chosen.pop(index, None)
        if not entry.msgstr:
            continue
        doc_text = text_at(document, piece.pointer)
        if doc_text is not None and align(piece.text, doc_text) == entry.msgstr:
            if missing := dropped(entry.msgid, entry.msgstr):
                lacking.append((piece.context, missing))
            continue
        if missing := dropped(entry.msgid, entry.msgstr):
            problems.append(
                (
                    f"{where}: the translation drops {', '.join(missing)} of its source",
                    piece.pointer,
                )
            )
            continue
        if codes(entry.msgid) != codes(entry.msgstr):
            problems.append(
                (
                    f"{where}: the translation changes the documented error codes "
                    f"({', '.join(codes(entry.msgid))} -> "
                    f"{', '.join(codes(entry.msgstr)) or 'none'}): keep one "
                    "'- `code`: text' line per error",
                    piece.pointer,
                )
            )
            continue
        if entry.msgid != piece.text:
            warnings.append(
                f"warning: {shown} {where}: translated from an older source text; "
                "imported as stale"
            )
        chosen[index] = ov.Action(
            piece.parent,
            piece.key,
            entry.msgstr,
            ov.fingerprint(entry.msgid),
            entry.msgid,
        )
    if problems:
        raise InputError(Problem(m, (shown,), locale, at) for m, at in problems)
    if lacking:
        warnings.append(_warning(shown, locale, lacking))
    return _planned(target, sources, locale, chosen, tuple(warnings))


def _planned(
    target: Target,
    sources: Sources,
    locale: str,
    chosen: dict[int, ov.Action],
    warnings: tuple[str, ...],
) -> Planned:
    path = ov.folder(target.specs) / f"{locale}{ov.SUFFIX}"
    actions = tuple(chosen[i] for i in sorted(chosen))
    pieces: dict[str, Piece] = {p.pointer: p for p in sources.pieces}
    stale = sum(1 for a in actions if a.sha != ov.fingerprint(pieces[a.pointer].text))
    if not actions and not path.exists():
        return Planned(path, None, 0, 0, warnings)
    title = f"{target.name}: {locale} translations of the {target.primary} prose"
    text = ov.dump(
        ov.Overlay(locale, str(path), actions), title, sources.primary.document
    )
    return Planned(path, text, len(actions), stale, warnings)


def import_dir(folder: Path, targets: list[Target]) -> list[Planned]:
    """Plan every target's overlays from ``folder/<target>/*.po``, then write them all."""
    planned: list[Planned] = []
    problems: list[Problem] = []
    for target in targets:
        files = sorted((folder / target.name).glob("*.po"))
        if not files:
            continue
        sources = read_sources(target)
        for path in files:
            try:
                planned.append(plan_file(target, sources, path))
            except InputError as exc:
                problems += exc.problems
    if problems:
        raise InputError(problems)
    if not planned:
        names = ", ".join(t.name for t in targets)
        raise InputError(
            [Problem(f"no PO files in {folder}/<target>/ for {names}", (str(folder),))]
        )
    for plan in planned:
        if plan.text is None:
            continue
        if plan.path.is_file() and plan.path.read_text(encoding="utf-8") == plan.text:
            continue
        plan.path.parent.mkdir(parents=True, exist_ok=True)
        temp = plan.path.with_name(plan.path.name + ".tmp")
        temp.write_text(plan.text, encoding="utf-8")
        temp.replace(plan.path)
    return planned
