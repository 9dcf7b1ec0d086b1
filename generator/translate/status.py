"""The drift report's translation section: per locale, translated / untranslated / stale."""

from __future__ import annotations

import dataclasses

from generator.config import Target
from generator.merge.drift import DriftReport, StaleTranslation, TranslationCounts
from generator.translate.catalog import STALE, TRANSLATED, UNTRANSLATED, catalog
from generator.translate.inputs import read_sources
from generator.translate.prose import context_of


def with_translations(report: DriftReport, target: Target) -> DriftReport:
    """``report`` with the state of each of its non-primary locales' translations."""
    sources = read_sources(target)
    counts, stale = [], []
    for locale in report.locales:
        if locale == report.primary:
            continue
        found = catalog(sources, locale)
        counts.append(
            TranslationCounts(
                locale,
                found.count(TRANSLATED),
                found.count(UNTRANSLATED),
                found.count(STALE) + len(found.gone),
            )
        )
        file = found.overlay_file or ""
        stale += [
            StaleTranslation(locale, s.piece.context, file, s.piece.text)
            for s in found.states
            if s.status == STALE
        ]
        stale += [
            StaleTranslation(locale, context_of(a.pointer), file, None)
            for a in found.gone
        ]
    return dataclasses.replace(report, translations=tuple(counts), stale=tuple(stale))
