"""Merge context shared by the merge stages: locales, documents, drift, prose collection.

The locales walked are ``locales``. A locale whose document repeats the primary's but for
its prose (a twin, ingest/twins.py) is not walked: its texts come from its map
(``twins``), each in the place of the primary's string it replaces, and ``order`` lists
every locale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.ingest.twins import Twin
from generator.merge.drift import DriftCollector, Owner
from generator.merge.model import Localized


@dataclass
class MergeContext:
    primary: str
    locales: tuple[str, ...]  # primary first
    documents: dict[str, dict[str, Any]]
    drift: DriftCollector
    recording: bool = (
        True  # False while re-comparing a known pairing: no prose, no fallbacks
    )
    # False: the caller needs only the model, not the drift (``generate``, ``check``):
    # the locales' structure is not compared nor their prose tracked (the model is the
    # same: tests/merge/test_merge_without_drift.py; Twilio's spec in five locales,
    # min of 8: 161-163 -> 119-127 ms, one locale 83-84 -> 70-73 ms)
    report: bool = True
    # the locales not walked, each one's texts by the primary's strings they replace
    twins: dict[str, Twin] = field(default_factory=dict)
    every: tuple[str, ...] = ()  # with twins: every locale, primary first

    @property
    def order(self) -> tuple[str, ...]:
        """Every locale of the model, primary first."""
        return self.every or self.locales

    def with_twins(self, present: tuple[str, ...]) -> tuple[str, ...]:
        """``present`` (the walked locales having a part), with the twins where the
        primary has it (their documents have every part the primary's has)."""
        if not self.twins or self.primary not in present:
            return present
        return tuple(l for l in self.order if l in present or l in self.twins)

    def _twinned(self, values: dict[str, Any], prose: bool) -> list[tuple[str, Any]]:
        """Each locale's value, in order: a walked locale's from ``values``, a twin's
        from the primary's (its own text in place of a prose string of the primary);
        None where a locale has none."""
        base = values.get(self.primary)
        mapped = prose and type(base) is str
        out = []
        for loc in self.order:
            if loc in values:
                out.append((loc, values[loc]))
            elif base is not None and loc in self.twins:
                twin = self.twins[loc].texts
                out.append((loc, twin.get(id(base), base) if mapped else base))
        return out

    def text(
        self,
        owner: Owner,
        pointer: str,
        values: dict[str, Any],
        present: tuple[str, ...],
        track: bool = True,
        prose: bool = True,
    ) -> Localized[str]:
        """Collect one prose string per locale; record untranslated texts and fallbacks.

        ``present`` are the locales in which the owner exists (others fell back as a whole).
        ``prose``: ``values`` are the documents' strings under a prose key (a twin has its
        own text in their place); False for names (an operationId, a tag's name), which
        a twin has as the primary has them. With twins nothing is recorded (they are
        merged without looking for drift).
        """
        if self.twins:
            return Localized(
                tuple(
                    (loc, text)
                    for loc, v in self._twinned(values, prose)
                    if isinstance(v, (str, int, float))
                    and (text := v if type(v) is str else str(v)).strip()
                )
            )
        texts = {
            loc: text
            for loc in self.order
            if isinstance((v := values.get(loc)), (str, int, float))
            and (text := v if type(v) is str else str(v)).strip()
        }
        result = Localized(tuple(texts.items()))
        if not (self.report and self.recording and track and texts):
            return result
        base = self.primary if self.primary in texts else next(iter(texts))
        for loc in present:
            if loc == base:
                continue
            if loc not in texts:
                self.drift.fell_back(
                    loc, owner, pointer, result.pick(loc, self.primary).locale or base
                )
            elif texts[loc] == texts[base] and any(ch.isalpha() for ch in texts[loc]):
                self.drift.untranslated_text(loc, owner, pointer, texts[loc])
        return result

    def values(self, values: dict[str, Any]) -> Localized[Any]:
        """Collect one JSON value (an example) per locale, untracked (a twin's is the
        primary's: its document repeats the primary's values)."""
        if self.twins:
            return Localized(
                tuple((l, v) for l, v in self._twinned(values, False) if v is not None)
            )
        return Localized(
            tuple(
                (loc, values[loc]) for loc in self.order if values.get(loc) is not None
            )
        )
