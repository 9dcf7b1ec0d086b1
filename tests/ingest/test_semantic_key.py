"""Documents the semantic checks cannot tell apart are checked once (validate._run).

``semantic_key`` drops prose, examples and extensions and numbers operationIds and tag
names; the claim is that openapi-spec-validator's semantic checks give such documents the
same verdict. Checked here against the library itself on every document of the case
corpus and the project's specs, translated as a docs team would translate them.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.ingest import validate
from generator.ingest.equivalence import semantic_key
from generator.ingest.load import LocaleDocument, load
from generator.problems import InputError
from tests.builders import base_document, with_value
from tests.paths import CASES, ROOT

_PROSE = ("summary", "description", "title")


def translated(node: Any, key: object = None) -> Any:
    """``node`` as a translation changes it: prose, examples, extensions, operationIds
    and tag names (renamed one-to-one, so equal names stay equal)."""
    if isinstance(node, list):
        if key == "tags":
            return [
                f"标签{v}" if isinstance(v, str) else translated(v, "tag") for v in node
            ]
        return [translated(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for k, v in node.items():
        if k in _PROSE and isinstance(v, str):
            out[k] = f"译文：{v}"
        elif k == "example":
            out[k] = {"翻译": v}
        elif k == "examples" and isinstance(v, list):  # a schema's examples
            out[k] = [{"翻译": item} for item in v]
        elif k == "examples" and isinstance(v, dict):  # Example objects by name
            out[k] = {
                name: (
                    translated(ex) | {"value": {"翻译": ex["value"]}}
                    if isinstance(ex, dict) and "value" in ex
                    else translated(ex)
                )
                for name, ex in v.items()
            }
        elif isinstance(k, str) and k.startswith("x-"):
            out[k] = {"译": v}
        elif k == "operationId" and isinstance(v, str):
            out[k] = f"{v}Zh"
        elif key == "tag" and k in ("name", "parent") and isinstance(v, str):
            out[k] = f"标签{v}"
        else:
            out[k] = translated(v, k)
    return out


def _semantic(document: dict[str, Any]) -> list[str]:
    doc = LocaleDocument("xx", "api.json", ("api.json",), document)
    validate._TASKS = [(doc, "shape"), (doc, "semantic")]
    if validate._errors(0):
        return ["shape"]
    return sorted(message for _, message in validate._errors(1))


def _corpus() -> list[tuple[str, dict[str, Any]]]:
    documents = []
    folders = [p / "specs" for p in sorted(CASES.iterdir()) if (p / "specs").is_dir()]
    for folder in [*folders, ROOT / "specs" / "dify-chatflow"]:
        try:
            loaded = load([str(folder)], None, None, {})
        except InputError:
            continue  # refused at load: never reaches the validator
        documents += [(f"{folder.parent.name}/{d.locale}", d.document) for d in loaded]
    return documents


def test_a_translation_keeps_the_key_and_the_semantic_verdict() -> None:
    corpus = _corpus()
    assert len(corpus) >= 40
    compared = 0
    for name, document in corpus:
        if not str(document.get("openapi", "")).startswith(("3.0", "3.1", "3.2")):
            continue
        other = translated(copy.deepcopy(document))
        key = semantic_key(document)
        assert key == semantic_key(other), name
        verdict = _semantic(document)
        if verdict != ["shape"] and key is not None:
            assert bool(_semantic(other)) == bool(verdict), name
            compared += 1
    assert compared >= 30


def _doc() -> dict[str, Any]:
    doc = base_document("en")
    doc["paths"]["/items"] = {
        "get": {
            "operationId": "listItems",
            "tags": ["items"],
            "responses": {"200": {"description": "OK"}},
        }
    }
    doc["tags"] = [{"name": "items"}, {"name": "other"}]
    return doc


def test_what_the_semantic_checks_compare_changes_the_key() -> None:
    base = _doc()
    get = ["paths", "/items", "get"]

    def with_(path: list[Any], value: Any) -> dict[str, Any]:
        return with_value(base, path, value)

    info_id = base["paths"]["/info"]["get"]["operationId"]
    for doc in [
        with_([*get, "operationId"], info_id),  # now a duplicate operationId
        with_(["tags", 1, "name"], "items"),  # a duplicate tag name
        with_(["paths", "/info", "get", "parameters", 0, "name"], "other"),
        with_(["paths", "/info", "get", "parameters", 0, "in"], "path"),
        with_(["paths", "/info", "get", "parameters", 0, "schema", "default"], 5),
    ]:
        assert semantic_key(doc) != semantic_key(base)
    assert semantic_key(translated(copy.deepcopy(base))) == semantic_key(base)


@pytest.mark.parametrize(
    "target",
    ["#/x-shared/Item", "#/components/examples/one", "#/components/ex%61mples/one"],
)
def test_a_reference_into_a_dropped_part_gives_no_key(target: str) -> None:
    doc = _doc()
    doc["paths"]["/items"]["get"]["responses"]["200"]["content"] = {
        "application/json": {"schema": {"$ref": target}}
    }
    assert semantic_key(doc) is None


def _write(root: Path, documents: dict[str, dict[str, Any]]) -> Path:
    for locale, document in documents.items():
        folder = root / "specs" / locale
        folder.mkdir(parents=True)
        (folder / "openapi.json").write_text(json.dumps(document), encoding="utf-8")
    return root / "specs"


def test_a_problem_only_the_translation_has_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    en = _doc()
    zh = translated(copy.deepcopy(en))
    zh["paths"]["/items"]["get"]["operationId"] = zh["paths"]["/info"]["get"][
        "operationId"
    ]
    specs = _write(tmp_path, {"en": en, "zh": zh})
    assert main(["drift", "--no-cache", "--specs", str(specs)]) == 2
    err = capsys.readouterr().err
    assert "[locale zh]" in err and "is not unique" in err and "[locale en]" not in err


def test_twins_of_a_refused_document_are_checked_themselves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    en = _doc()
    en["paths"]["/info"]["get"]["parameters"][0]["schema"]["default"] = 5
    zh = translated(copy.deepcopy(en))  # same problem, other examples and prose
    specs = _write(tmp_path, {"en": en, "zh": zh})
    assert main(["drift", "--no-cache", "--specs", str(specs)]) == 2
    err = capsys.readouterr().err
    assert "[locale en]" in err and "[locale zh]" in err, err
