"""``merge(..., drift=False)`` (``generate`` and ``check`` need no drift report) makes the
same model as ``merge`` looking for drift: on every input of the case corpus that loads,
the Chatflow spec, Twilio's with its prose marked per locale, and documents whose locales
differ in structure."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from generator.ingest.load import LocaleDocument, load
from generator.merge.api import merge
from tests.builders import base_document, schema
from tests.e2e.test_cases import VALID_CASES, case_documents
from tests.paths import ROOT


def _same_model(documents: list[LocaleDocument], primary: str = "en") -> None:
    full, _ = merge(documents, primary)
    quick, _ = merge(documents, primary, drift=False)
    assert quick == full


@pytest.mark.parametrize("case", VALID_CASES, ids=lambda p: p.name)
def test_the_case_corpus(case: Path) -> None:
    target, documents = case_documents(case)
    _same_model(documents, target.primary)


def test_chatflow() -> None:
    _same_model(load([str(ROOT / "specs" / "dify-chatflow")], None, "en", {}))


def _marked(value: Any, mark: str) -> Any:
    if isinstance(value, dict):
        return {
            k: (
                f"{v} {mark}"
                if k in ("summary", "description") and isinstance(v, str)
                else _marked(v, mark)
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_marked(v, mark) for v in value]
    return value


def test_twilio_with_translated_prose() -> None:
    path = (
        ROOT / "bench" / "specs" / "twilio-api-v2010" / "en" / "twilio_api_v2010.json"
    )
    document = json.loads(path.read_text(encoding="utf-8"))
    documents = [LocaleDocument("en", str(path), (str(path),), document)]
    documents += [
        LocaleDocument(loc, str(path), (str(path),), _marked(document, f"[{loc}]"))
        for loc in ("ja", "zh")
    ]
    _same_model(documents)


def _drifting(locale: str) -> dict[str, Any]:
    """The builders' document, changed in structure in each locale but the primary."""
    doc = copy.deepcopy(base_document(locale))
    if locale == "zh":
        doc["paths"].pop("/items/{item_id}")  # an operation missing
        schema(doc)["properties"]["extra"] = {"type": "integer"}  # a property more
    if locale == "ja":
        schema(doc)["required"] = []  # a keyword that differs
        for item in doc["paths"].values():
            for op in item.values():
                if isinstance(op, dict):
                    op.setdefault("parameters", []).append(
                        {"name": "only_ja", "in": "query", "schema": {"type": "string"}}
                    )
    return doc


def test_locales_that_differ_in_structure() -> None:
    documents = [
        LocaleDocument(loc, f"{loc}.yaml", (f"{loc}.yaml",), _drifting(loc))
        for loc in ("en", "ja", "zh")
    ]
    full, report = merge(documents, "en")
    assert report.missing and report.structural  # the drift is there to be found
    _same_model(documents)
