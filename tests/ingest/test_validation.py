"""Validation in a background process: its verdict is the one openapi-spec-validator gives
on exactly the documents the rest of the run used, whatever happens to that process."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.ingest import validate
from generator.ingest.load import LocaleDocument
from generator.ingest.pointers import document_pointer
from generator.ingest.validate import Validation
from generator.output import cache
from generator.problems import InputError, InvalidDocument, Problem
from tests.builders import base_document


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_enabled", False)
    monkeypatch.setenv("POLYGLOT_GENERATOR_JOBS", "2")


def document(valid: bool) -> list[LocaleDocument]:
    doc = base_document("en")
    if not valid:
        del doc["info"]["version"]
    return [LocaleDocument("en", "api.json", ("en/api.json",), doc)]


def run(load: Callable[[], list[LocaleDocument]]) -> None:
    with Validation(load) as validation:
        validation.documents()


def test_valid_and_invalid_documents() -> None:
    run(lambda: document(True))
    with pytest.raises(InputError) as caught:
        run(lambda: document(False))
    assert "'version' is a required property" in caught.value.problems[0].render()


def test_documents_are_loaded_once_in_the_caller_and_validated_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    real_verdict = validate._verdict

    def verdict(
        documents: list[LocaleDocument], known: dict[int, str] | None = None
    ) -> tuple[list[Problem], list[str]]:
        if os.getpid() != parent:
            (tmp_path / "validated-beside").touch()
        return real_verdict(documents, known)

    def load() -> list[LocaleDocument]:
        (tmp_path / f"loaded-{'here' if os.getpid() == parent else 'beside'}").touch()
        return document(valid=False)

    monkeypatch.setattr(validate, "_verdict", verdict)
    with pytest.raises(InputError) as caught:
        run(load)
    assert "'version' is a required property" in caught.value.problems[0].render()
    assert sorted(p.name for p in tmp_path.glob("loaded-*")) == ["loaded-here"]
    assert (tmp_path / "validated-beside").exists()  # it did run in its own process


def test_a_validator_process_that_dies_is_replaced_by_the_caller(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parent = os.getpid()
    real_verdict = validate._verdict
    here = []

    def verdict(
        documents: list[LocaleDocument], known: dict[int, str] | None = None
    ) -> tuple[list[Problem], list[str]]:
        if os.getpid() != parent:
            os._exit(3)
        here.append(documents)  # the caller validates them itself
        return real_verdict(documents, known)

    monkeypatch.setattr(validate, "_verdict", verdict)
    with pytest.raises(InputError):
        run(lambda: document(valid=False))
    assert len(here) == 1


def test_the_body_error_stands_when_the_documents_are_valid() -> None:
    with pytest.raises(KeyError):
        with Validation(lambda: document(True)) as validation:
            validation.documents()
            raise KeyError("a later stage broke")


@pytest.mark.parametrize("jobs", ["1", "2"])  # validated in the caller / beside it
def test_warn_keeps_problems_as_warnings_when_the_body_succeeds(
    jobs: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLYGLOT_GENERATOR_JOBS", jobs)
    with Validation(lambda: document(False), warn=True) as validation:
        validation.documents()
    (warning,) = validation.warnings
    assert warning.level == "warning"
    assert warning.render().startswith("warning: en/api.json [locale en] at /info:")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_warn_reports_errors_when_the_document_is_not_usable(
    jobs: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLYGLOT_GENERATOR_JOBS", jobs)
    with pytest.raises(InvalidDocument) as caught:
        with Validation(lambda: document(False), warn=True) as validation:
            validation.documents()
            raise KeyError("a later stage broke on the invalid document")
    (problem,) = caught.value.problems
    assert problem.level == "error" and "'version' is a required property" in (
        problem.message
    )


def test_more_problems_than_are_shown_are_counted() -> None:
    docs = document(True)
    schemas = docs[0].document.setdefault("components", {}).setdefault("schemas", {})
    for i in range(23):
        schemas[f"S{i}"] = {"type": f"bogus{i}"}
    with pytest.raises(InputError) as caught:
        run(lambda: docs)
    problems = caught.value.problems
    assert len(problems) == 21
    assert problems[-1].message == "3 more problems not shown"
    assert all(
        p.pointer and p.pointer.startswith("/components/schemas/S")
        for p in problems[:20]
    )


def test_pointers_follow_references_back_to_where_a_value_is_written() -> None:
    doc = {
        "paths": {"/a": {"get": {"schema": {"$ref": "#/components/schemas/A"}}}},
        "components": {"schemas": {"A": {"properties": {"n": {"type": "integer"}}}}},
    }
    tokens = ["paths", "/a", "get", "schema", "properties", "n", "type"]
    assert document_pointer(doc, tokens) == "/components/schemas/A/properties/n/type"
    assert document_pointer(doc, ["paths", "/a", "get"]) == "/paths/~1a/get"
