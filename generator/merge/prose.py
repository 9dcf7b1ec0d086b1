"""Merge context shared by the merge stages: locales, documents, drift, prose collection."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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

    def text(
        self,
        owner: Owner,
        pointer: str,
        values: dict[str, Any],
        present: tuple[str, ...],
        track: bool = True,
    ) -> Localized[str]:
        """Collect one prose string per locale; record untranslated texts and fallbacks.

        ``present`` are the locales in which the owner exists (others fell back as a whole).
        """
        texts = {
            loc: text
            for loc in self.locales
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
        """Collect one JSON value (an example) per locale, untracked."""
        return Localized(
            tuple(
                (loc, values[loc])
                for loc in self.locales
                if values.get(loc) is not None
            )
        )
