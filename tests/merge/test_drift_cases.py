"""Every kind of drift, one fixture each: the report names exactly those differences."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.builders import Mutation, schema, write_specs


def drift_json(
    capsys: pytest.CaptureFixture[str], root: Path, *extra: str
) -> tuple[int, dict[str, Any]]:
    code = main(["drift", "--specs", str(root), "--format", "json", *extra])
    out = capsys.readouterr().out
    return code, json.loads(out)


def only_in(locale: str, change: Mutation) -> Mutation:
    def mutate(loc: str, doc: dict[str, Any]) -> None:
        if loc == locale:
            change(loc, doc)

    return mutate


def test_identical_structure_has_no_drift(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = drift_json(capsys, write_specs(tmp_path))
    assert code == 0
    assert report["primary"] == "en"
    assert report["locales"] == ["en", "ja", "zh"]
    assert report["operations"] == 2
    assert report["missing"] == [] and report["structural"] == []
    assert report["untranslated"] == [] and report["fallbacks"] == []


def test_missing_operation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_specs(
        tmp_path, only_in("zh", lambda _, d: d["paths"].pop("/items/{item_id}"))
    )
    code, report = drift_json(capsys, root, "--strict")
    assert code == 1
    assert report["operations"] == 2
    assert report["missing"] == [
        {"method": "DELETE", "path": "/items/{item_id}", "locales": ["zh"]}
    ]
    assert report["structural"] == []
    assert report["fallbacks"] == [
        {
            "locale": "zh",
            "method": "DELETE",
            "path": "/items/{item_id}",
            "pointer": "",
            "from": "en",
        }
    ]


def test_operation_missing_in_primary_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_specs(
        tmp_path, only_in("en", lambda _, d: d["paths"].pop("/items/{item_id}"))
    )
    _, report = drift_json(capsys, root)
    assert report["operations"] == 2
    assert report["missing"] == [
        {"method": "DELETE", "path": "/items/{item_id}", "locales": ["en"]}
    ]
    assert report["fallbacks"][0]["from"] == "ja"  # the first locale that has it


def test_extra_property_in_one_locale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def extra(_: str, doc: dict[str, Any]) -> None:
        schema(doc)["properties"]["mode"] = {"type": "string", "description": "模式"}

    code, report = drift_json(
        capsys, write_specs(tmp_path, only_in("zh", extra)), "--strict"
    )
    assert code == 1
    assert report["missing"] == []
    assert report["structural"] == [
        {
            "schema": "AppInfoResponse",
            "pointer": "/properties/mode",
            "values": {"en": None, "zh": {"type": "string"}, "ja": None},
        }
    ]


@pytest.mark.parametrize(
    ("keyword", "value"),
    [("format", "uuid"), ("nullable", True), ("default", "demo")],
)
def test_keyword_only_in_some_locales(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], keyword: str, value: Any
) -> None:
    def change(loc: str, doc: dict[str, Any]) -> None:
        if loc in ("en", "ja"):
            schema(doc)["properties"]["name"][keyword] = value

    _, report = drift_json(capsys, write_specs(tmp_path, change))
    assert report["structural"] == [
        {
            "schema": "AppInfoResponse",
            "pointer": f"/properties/name/{keyword}",
            "values": {"en": value, "zh": None, "ja": value},
        }
    ]


def test_parameter_keyword_in_operation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def change(_: str, doc: dict[str, Any]) -> None:
        doc["paths"]["/info"]["get"]["parameters"][0]["schema"]["format"] = "uuid"

    _, report = drift_json(capsys, write_specs(tmp_path, only_in("ja", change)))
    assert report["structural"] == [
        {
            "method": "GET",
            "path": "/info",
            "pointer": "/parameters/0/schema/format",
            "values": {"en": None, "zh": None, "ja": "uuid"},
        }
    ]


def test_locale_suffixed_component_names_are_one_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suffix = {"zh": "Cn", "ja": "Jp"}

    def rename(loc: str, doc: dict[str, Any]) -> None:
        if loc not in suffix:
            return
        new = "AppInfoResponse" + suffix[loc]
        body = doc["components"]["schemas"].pop("AppInfoResponse")
        body["properties"]["parent"]["$ref"] = "#/components/schemas/" + new
        doc["components"]["schemas"][new] = body
        content = doc["paths"]["/info"]["get"]["responses"]["200"]["content"][
            "application/json"
        ]
        content["schema"]["$ref"] = "#/components/schemas/" + new

    _, report = drift_json(capsys, write_specs(tmp_path, rename))
    assert report["structural"] == [] and report["missing"] == []


def test_inline_versus_ref_is_one_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def inline(_: str, doc: dict[str, Any]) -> None:
        content = doc["paths"]["/info"]["get"]["responses"]["200"]["content"][
            "application/json"
        ]
        content["schema"] = schema(doc)  # recursive parent still $ref'd: must terminate

    _, report = drift_json(capsys, write_specs(tmp_path, only_in("zh", inline)))
    assert report["structural"] == []


def test_inline_versus_ref_reports_a_real_difference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def inline(_: str, doc: dict[str, Any]) -> None:
        content = doc["paths"]["/info"]["get"]["responses"]["200"]["content"][
            "application/json"
        ]
        body = json.loads(json.dumps(schema(doc)))
        body["properties"]["tags"]["items"]["type"] = "integer"
        content["schema"] = body

    _, report = drift_json(capsys, write_specs(tmp_path, only_in("zh", inline)))
    assert report["structural"] == [
        {
            "schema": "AppInfoResponse",
            "pointer": "/properties/tags/items/type",
            "values": {"en": "string", "zh": "integer", "ja": "string"},
        }
    ]


def test_server_notations_with_same_default_are_one_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def zh_style(_: str, doc: dict[str, Any]) -> None:
        doc["servers"] = [
            {
                "url": "https://{api_base_url}",
                "variables": {"api_base_url": {"default": "api.example.com/v1"}},
            }
        ]

    _, report = drift_json(capsys, write_specs(tmp_path, only_in("zh", zh_style)))
    assert report["structural"] == []


def test_different_server_is_drift(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def other(_: str, doc: dict[str, Any]) -> None:
        doc["servers"] = [{"url": "https://api.example.cn/v1"}]

    _, report = drift_json(capsys, write_specs(tmp_path, only_in("zh", other)))
    assert report["structural"] == [
        {
            "pointer": "/servers",
            "values": {
                "en": ["https://api.example.com/v1"],
                "ja": ["https://api.example.com/v1"],
                "zh": ["https://api.example.cn/v1"],
            },
        }
    ]


def test_explicit_defaults_mean_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def explicit(_: str, doc: dict[str, Any]) -> None:
        doc["paths"]["/info"]["get"]["parameters"][0]["required"] = False
        doc["paths"]["/info"]["get"]["parameters"][0]["style"] = "form"
        props = schema(doc)["properties"]
        props["name"]["nullable"] = False
        props["name"]["readOnly"] = False
        props["tags"]["uniqueItems"] = False
        schema(doc)["additionalProperties"] = True
        schema(doc)["properties"]["tags"]["minItems"] = 0

    _, report = drift_json(capsys, write_specs(tmp_path, only_in("ja", explicit)))
    assert report["structural"] == []


def test_prose_is_ignored_but_untranslated_text_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def english(loc: str, doc: dict[str, Any]) -> None:
        doc["paths"]["/info"]["get"]["summary"] = "Get app info"

    _, report = drift_json(capsys, write_specs(tmp_path, only_in("ja", english)))
    assert report["structural"] == []
    assert report["untranslated"] == [
        {
            "locale": "ja",
            "method": "GET",
            "path": "/info",
            "pointer": "/summary",
            "text": "Get app info",
        }
    ]


def test_missing_text_is_a_fallback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def drop(_: str, doc: dict[str, Any]) -> None:
        del schema(doc)["properties"]["name"]["description"]

    _, report = drift_json(capsys, write_specs(tmp_path, only_in("zh", drop)))
    assert report["fallbacks"] == [
        {
            "locale": "zh",
            "schema": "AppInfoResponse",
            "pointer": "/properties/name/description",
            "from": "en",
        }
    ]


def test_primary_and_locales_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_specs(
        tmp_path, only_in("zh", lambda _, d: d["paths"].pop("/items/{item_id}"))
    )
    _, report = drift_json(capsys, root, "--primary", "ja", "--locales", "ja", "en")
    assert report["primary"] == "ja" and report["locales"] == ["ja", "en"]
    assert report["missing"] == []


def test_text_format_and_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_specs(
        tmp_path, only_in("zh", lambda _, d: d["paths"].pop("/items/{item_id}"))
    )
    assert main(["drift", "--specs", str(root)]) == 0
    out = capsys.readouterr().out
    assert "DELETE /items/{item_id}: missing in zh" in out
    assert main(["drift", "--specs", str(root), "--strict"]) == 1
