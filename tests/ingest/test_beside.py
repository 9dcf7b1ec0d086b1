"""Translations read beside (ingest/beside.py): the validator's process reads the locales
of one document file each and sends back the texts of those that are twins of the
primary document. Whatever they turn out to be, a run makes the files and gives the
messages it gives when it reads every document itself."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from generator.cli import _parser, select_targets
from generator.config import Config, Target
from generator.ingest import validate
from generator.ingest.beside import Beside, answer, plan
from generator.ingest.equivalence import prose_free_key
from generator.ingest.load import load
from generator.ingest.validate import Validation
from generator.merge.api import merge
from generator.output import cache
from generator.pipeline import produce
from generator.problems import InputError
from tests.builders import base_document, translated

LOCALES = ("en", "ja", "ko")


@pytest.fixture(autouse=True)
def beside_the_validator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_enabled", False)
    monkeypatch.setenv("POLYGLOT_GENERATOR_JOBS", "2")


def write(root: Path, documents: dict[str, Any]) -> Path:
    """Each locale's document (a dict, or text as it is) as <root>/specs/<locale>/api.json."""
    for locale, document in documents.items():
        folder = root / "specs" / locale
        folder.mkdir(parents=True, exist_ok=True)
        text = document if isinstance(document, str) else json.dumps(document)
        (folder / "api.json").write_text(text, encoding="utf-8")
    return root / "specs"


def twins_of_english(root: Path) -> Path:
    primary = base_document("en")
    return write(
        root,
        {
            loc: translated(primary, f"[{loc}]") if loc != "en" else primary
            for loc in LOCALES
        },
    )


def beside(specs: Path) -> Beside:
    found = plan([str(specs)], "en", {})
    assert found is not None
    return found


def loader(specs: Path) -> Any:
    return lambda: load([str(specs)], None, "en", {})


def test_the_locales_of_one_file_each_are_read_beside(tmp_path: Path) -> None:
    specs = twins_of_english(tmp_path)
    assert beside(specs).locales == {"ja", "ko"}
    (specs / "ko" / "more.json").write_text("{}", encoding="utf-8")
    assert beside(specs).locales == {"ja"}  # two files: read here


@pytest.mark.parametrize(
    "extra",
    ["en/page.md", "notes/api.json"],  # a page; a file whose path names no locale
    ids=["a page", "no locale"],
)
def test_none_is_read_beside_unless_every_input_is_a_document_named_by_its_locale(
    tmp_path: Path, extra: str
) -> None:
    specs = twins_of_english(tmp_path)
    (specs / extra).parent.mkdir(exist_ok=True)
    (specs / extra).write_text("{}", encoding="utf-8")
    assert plan([str(specs)], "en", {}) is None
    assert (
        plan([str(write(tmp_path / "one", {"en": base_document("en")}))], "en", {})
        is None
    )


def test_twins_come_back_as_texts_and_merge_as_their_documents(tmp_path: Path) -> None:
    specs = twins_of_english(tmp_path)
    with Validation(loader(specs), beside=beside(specs)) as validation:
        documents = validation.documents()
        twins = validation.twins
    assert [d.locale for d in documents] == ["en"]
    assert sorted(twins) == ["ja", "ko"]
    everything = load([str(specs)], None, "en", {})
    assert {loc: t.files for loc, t in twins.items()} == {
        d.locale: d.files for d in everything if d.locale != "en"
    }
    full, _ = merge(everything, "en", drift=False)
    quick, _ = merge(documents, "en", drift=False, twins=twins)
    assert quick == full


def test_a_translation_that_is_no_twin_is_read_here_after_all(tmp_path: Path) -> None:
    specs = twins_of_english(tmp_path)
    other = translated(base_document("en"), "[ko]")
    other["paths"]["/more"] = {}
    write(tmp_path, {"ko": other})
    with Validation(loader(specs), beside=beside(specs)) as validation:
        documents = validation.documents()
    assert validation.twins == {}
    assert [(d.locale, d.document) for d in documents] == [
        (d.locale, d.document) for d in load([str(specs)], None, "en", {})
    ]


def _problems(specs: Path, with_beside: bool) -> list[str]:
    with pytest.raises(InputError) as caught:
        with Validation(
            loader(specs), beside=beside(specs) if with_beside else None
        ) as validation:
            validation.documents()
    return [p.render() for p in caught.value.problems]


@pytest.mark.parametrize(
    "broken",
    [
        "{not json",  # does not load
        json.dumps({**base_document("ja"), "openapi": "2.9"}),  # invalid
        json.dumps({**base_document("ja"), "info": {"title": "No version"}}),
    ],
    ids=["unreadable", "unsupported version", "invalid"],
)
def test_a_broken_translation_gives_the_message_a_run_gives_without(
    tmp_path: Path, broken: str
) -> None:
    specs = twins_of_english(tmp_path)
    write(tmp_path, {"ja": broken})
    without = _problems(specs, with_beside=False)
    assert without and _problems(specs, with_beside=True) == without
    assert any("ja" in line for line in without)


def test_a_validator_that_dies_before_answering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()

    def dies(*args: Any) -> Any:
        if os.getpid() != parent:
            os._exit(3)
        raise AssertionError("answered in the caller")

    monkeypatch.setattr(validate, "answer", dies)
    specs = twins_of_english(tmp_path)
    with Validation(loader(specs), beside=beside(specs)) as validation:
        documents = validation.documents()
    assert sorted(d.locale for d in documents) == list(LOCALES)
    assert validation.twins == {}


def _target(specs: Path) -> Target:
    args = _parser().parse_args(
        ["generate", "--specs", str(specs), "--package", "demo"]
    )
    (target,) = select_targets(args, Config(()))
    return target


def test_a_run_makes_the_same_files_with_translations_read_beside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = twins_of_english(tmp_path)
    target = _target(specs)
    read: list[dict[str, Any]] = []
    real_merge = merge

    def watched(*args: Any, **kwargs: Any) -> Any:
        read.append(
            {"twins": sorted(args[4] if len(args) > 4 else kwargs.get("twins") or {})}
        )
        return real_merge(*args, **kwargs)

    monkeypatch.setattr("generator.merge.api.merge", watched)
    (beside_trees, beside_notes), _ = produce(target)
    monkeypatch.setattr("generator.pipeline._beside", lambda target: None)
    (trees, notes), _ = produce(target)
    assert read == [{"twins": ["ja", "ko"]}, {"twins": []}]
    assert beside_trees == trees and beside_notes == notes
    assert set(trees) >= set(LOCALES)


def test_the_keys_found_beside_are_the_validators_keys(tmp_path: Path) -> None:
    specs = twins_of_english(tmp_path)
    other = translated(base_document("en"), "[ko]")
    other["paths"]["/more"] = {}  # no twin: its own key
    write(tmp_path, {"ko": other})
    found = answer(beside(specs).first(), beside(specs))
    assert found.twins is None and found.documents is not None
    first = beside(specs).first()
    found = answer(first, beside(specs))
    documents = [*first, *(found.documents or [])]
    assert len(found.keys) == len(documents) == 3
    assert [found.keys[id(d.document)] for d in documents] == [
        prose_free_key(d.document) for d in documents
    ]
    assert len(set(found.keys.values())) == 2  # the twin shares the primary's
