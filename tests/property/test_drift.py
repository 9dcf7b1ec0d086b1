"""Property 4: a document compared with a copy of itself in a second locale has no drift.

``python -m generator drift --specs DIR --format json`` on ``DIR/en/openapi.json`` and
``DIR/<locale>/openapi.json``: nothing missing and no structural difference, whether the
copy is identical or has its prose (titles, summaries, descriptions) translated, since
prose is not structure.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.property import harness
from tests.property.conftest import examples
from tests.property.strategies import LOCALES, Spec, specs


def _operations(document: dict[str, Any]) -> int:
    return sum(len(item) for item in document["paths"].values())


def _assert_no_drift(spec: Spec, documents: dict[str, Any]) -> None:
    folder = harness.prepare(spec, documents, tag="drift-")
    code, report, stderr = harness.drift(folder / "specs")
    assert code == 0, stderr
    assert report["locales"] == list(documents)
    assert report["operations"] == _operations(documents["en"])
    assert report["missing"] == []
    assert report["structural"] == []


@settings(max_examples=examples("drift"))
@given(specs(max_locales=1), st.sampled_from(LOCALES))
def test_drift_against_an_identical_copy_is_empty(spec: Spec, locale: str) -> None:
    document = spec.document()
    _assert_no_drift(spec, {"en": document, locale: document})


@settings(max_examples=examples("drift"))
@given(specs(max_locales=1), st.sampled_from(LOCALES))
def test_drift_against_a_translated_copy_has_no_structural_difference(
    spec: Spec, locale: str
) -> None:
    _assert_no_drift(spec, {"en": spec.document(), locale: spec.document(locale)})
