"""Locales given as twins of the primary document, by their texts alone (``merge(...,
twins=...)``, what ``generate`` does with the translations read beside it), make the same
model as their documents do: on every input of the case corpus that loads (its own locales
merged as documents, beside two twins), the Chatflow spec and Twilio's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.ingest.load import LocaleDocument, load
from generator.ingest.twins import Twin, prose_free, twin_texts
from generator.merge.api import merge
from tests.builders import translated
from tests.e2e.test_cases import VALID_CASES, case_documents
from tests.paths import ROOT

TWINS = ("ko", "zz-Twin")  # after and before the primary in sorted order


def _twins(
    primary: LocaleDocument, marks: tuple[str, ...] = TWINS
) -> list[LocaleDocument]:
    return [
        LocaleDocument(
            loc,
            f"{loc}/api.json",
            (f"{loc}/api.json",),
            translated(primary.document, loc),
        )
        for loc in marks
    ]


def _same_model(
    documents: list[LocaleDocument], primary: str, locales: list[str] | None = None
) -> None:
    """Two twins of the primary beside ``documents``: merged as documents and as texts."""
    (base,) = [d for d in documents if d.locale == primary]
    twins = _twins(base)
    blanked = prose_free(base.document)
    texts = {}
    for doc in twins:
        found = twin_texts(blanked, prose_free(doc.document))
        assert found is not None
        texts[doc.locale] = Twin(doc.files, found)
    wanted = [*locales, *TWINS] if locales else None
    full, _ = merge(documents + twins, primary, wanted, drift=False)
    quick, _ = merge(documents, primary, wanted, drift=False, twins=texts)
    assert quick.locales == full.locales and set(TWINS) <= set(full.locales)
    assert quick == full
    # and the twins' texts are in it: without them the model differs
    if any(t.texts for t in texts.values()):
        empty = {loc: Twin(t.files, {}) for loc, t in texts.items()}
        assert merge(documents, primary, wanted, drift=False, twins=empty)[0] != full


@pytest.mark.parametrize("case", VALID_CASES, ids=lambda p: p.name)
def test_the_case_corpus(case: Path) -> None:
    target, documents = case_documents(case)
    _same_model(documents, target.primary, list(target.locales) or None)


def test_chatflow() -> None:
    # its zh and ja documents differ from the English one in structure: walked
    _same_model(load([str(ROOT / "specs" / "dify-chatflow")], None, "en", {}), "en")


def test_twilio() -> None:
    path = (
        ROOT / "bench" / "specs" / "twilio-api-v2010" / "en" / "twilio_api_v2010.json"
    )
    document = json.loads(path.read_text(encoding="utf-8"))
    _same_model([LocaleDocument("en", str(path), (str(path),), document)], "en")


def test_twins_need_a_merge_without_drift() -> None:
    documents = load([str(ROOT / "specs" / "dify-chatflow")], None, "en", {})
    with pytest.raises(ValueError):
        merge(documents, "en", twins={"ko": Twin((), {})})
