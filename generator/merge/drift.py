"""Drift between locales: the values found while merging, and the report built from them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class Owner:
    """What a difference belongs to: an operation, a component schema, or the document."""

    method: str = ""
    path: str = ""
    schema: str = ""

    def as_dict(self) -> dict[str, str]:
        if self.schema:
            return {"schema": self.schema}
        if self.method:
            return {"method": self.method.upper(), "path": self.path}
        return {}

    def label(self) -> str:
        if self.schema:
            return f"schema {self.schema}"
        if self.method:
            return f"{self.method.upper()} {self.path}"
        return "document"


@dataclass(frozen=True)
class Missing:
    method: str
    path: str
    locales: tuple[str, ...]


@dataclass(frozen=True)
class Structural:
    owner: Owner
    pointer: str
    values: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Untranslated:
    locale: str
    owner: Owner
    pointer: str
    text: str


@dataclass(frozen=True)
class Fallback:
    locale: str
    owner: Owner
    pointer: str
    source: str


@dataclass(frozen=True)
class StaleTranslation:
    """An overlay translation made from a primary text that has changed (or is gone)."""

    locale: str
    context: str  # the PO msgctxt: owner and pointer
    file: str  # the overlay
    source: str | None  # the primary text now; None when it is gone


@dataclass(frozen=True)
class TranslationCounts:
    locale: str
    translated: int
    untranslated: int
    stale: int


@dataclass
class DriftCollector:
    """Gathers drift while the merge runs; a difference found twice is kept once."""

    structural: dict[tuple[Owner, str], Structural] = field(default_factory=dict)
    untranslated: dict[tuple[str, Owner, str], Untranslated] = field(
        default_factory=dict
    )
    fallbacks: dict[tuple[str, Owner, str], Fallback] = field(default_factory=dict)
    missing: list[Missing] = field(default_factory=list)

    def differ(self, owner: Owner, pointer: str, values: dict[str, Any]) -> None:
        self.structural[(owner, pointer)] = Structural(
            owner, pointer, tuple(values.items())
        )

    def untranslated_text(
        self, locale: str, owner: Owner, pointer: str, text: str
    ) -> None:
        self.untranslated[(locale, owner, pointer)] = Untranslated(
            locale, owner, pointer, text
        )

    def fell_back(self, locale: str, owner: Owner, pointer: str, source: str) -> None:
        self.fallbacks[(locale, owner, pointer)] = Fallback(
            locale, owner, pointer, source
        )


@dataclass(frozen=True)
class DriftReport:
    primary: str
    locales: tuple[str, ...]
    operations: int
    missing: tuple[Missing, ...]
    structural: tuple[Structural, ...]
    untranslated: tuple[Untranslated, ...]
    fallbacks: tuple[Fallback, ...]
    # filled by generator.translate.status when the drift command reports on a target
    translations: tuple[TranslationCounts, ...] = ()
    stale: tuple[StaleTranslation, ...] = ()

    @classmethod
    def from_collector(
        cls,
        collector: DriftCollector,
        primary: str,
        locales: tuple[str, ...],
        operations: int,
    ) -> DriftReport:
        return cls(
            primary,
            locales,
            operations,
            tuple(sorted(collector.missing, key=lambda m: (m.path, m.method))),
            tuple(
                v for _, v in sorted(collector.structural.items(), key=lambda kv: kv[0])
            ),
            tuple(
                v
                for _, v in sorted(collector.untranslated.items(), key=lambda kv: kv[0])
            ),
            tuple(
                v for _, v in sorted(collector.fallbacks.items(), key=lambda kv: kv[0])
            ),
        )

    @property
    def has_drift(self) -> bool:
        """Whether anything is missing, structurally different or stale (--strict fails)."""
        return bool(self.missing or self.structural or self.stale)

    def as_dict(self) -> dict[str, Any]:
        return {
            "primary": self.primary,
            "locales": list(self.locales),
            "operations": self.operations,
            "missing": [
                {"method": m.method.upper(), "path": m.path, "locales": list(m.locales)}
                for m in self.missing
            ],
            "structural": [
                {**s.owner.as_dict(), "pointer": s.pointer, "values": dict(s.values)}
                for s in self.structural
            ],
            "untranslated": [
                {
                    "locale": u.locale,
                    **u.owner.as_dict(),
                    "pointer": u.pointer,
                    "text": u.text,
                }
                for u in self.untranslated
            ],
            "fallbacks": [
                {
                    "locale": f.locale,
                    **f.owner.as_dict(),
                    "pointer": f.pointer,
                    "from": f.source,
                }
                for f in self.fallbacks
            ],
            "translations": [
                {
                    "locale": c.locale,
                    "translated": c.translated,
                    "untranslated": c.untranslated,
                    "stale": c.stale,
                }
                for c in self.translations
            ],
            "stale": [
                {
                    "locale": t.locale,
                    "msgctxt": t.context,
                    "file": t.file,
                    "source": t.source,
                }
                for t in self.stale
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"

    def to_text(self, verbose: bool = False) -> str:
        """Human-readable report; untranslated texts and fallbacks listed only with -v."""
        out = [
            f"primary {self.primary}; locales {', '.join(self.locales)}; "
            f"{self.operations} operations",
            f"missing operations: {len(self.missing)}",
        ]
        out += [
            f"  {m.method.upper()} {m.path}: missing in {', '.join(m.locales)}"
            for m in self.missing
        ]
        out.append(f"structural differences: {len(self.structural)}")
        for s in self.structural:
            values = ", ".join(
                f"{loc}={json.dumps(v, ensure_ascii=False)}" for loc, v in s.values
            )
            out.append(f"  {s.owner.label()} {s.pointer or '/'}: {values}")
        out.append(f"untranslated texts: {len(self.untranslated)}")
        if verbose:
            out += [
                f"  [{u.locale}] {u.owner.label()} {u.pointer}: {u.text[:60]!r}"
                for u in self.untranslated
            ]
        out.append(f"fallbacks: {len(self.fallbacks)}")
        if verbose:
            out += [
                f"  [{f.locale}] {f.owner.label()} {f.pointer or '/'}: uses {f.source}"
                for f in self.fallbacks
            ]
        for c in self.translations:
            out.append(
                f"translations [{c.locale}]: {c.translated} translated, "
                f"{c.untranslated} untranslated, {c.stale} stale"
            )
        if self.translations:
            out.append(f"stale translations: {len(self.stale)}")
        out += [
            f"  [{t.locale}] {t.context}: "
            + ("source changed" if t.source is not None else "source is gone")
            + f" ({t.file})"
            for t in self.stale
        ]
        return "\n".join(out) + "\n"
