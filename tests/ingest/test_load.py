"""Loading both input kinds, and every error path (exit 2, one message, no traceback)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.ingest.load import load
from generator.ingest.locales import locale_from_path
from generator.merge.api import merge
from tests.builders import base_document
from tests.paths import SPECS, case_specs

SEEDS = SPECS / "seeds"


def page(
    source: str, method: str, path: str, doc: dict[str, object], ticks: str = "````"
) -> str:
    body = yaml.safe_dump(doc, allow_unicode=True)
    return f"# Title\n\nSome prose.\n\n{ticks}yaml {source} {method} {path}\n{body}{ticks}\n\nMore prose.\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_input_error(
    capsys: pytest.CaptureFixture[str], args: list[str], *fragments: str
) -> str:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err
    return err


@pytest.mark.parametrize(
    ("path", "locale"),
    [
        ("/zh/api-reference/openapi_chatflow.json", "zh"),
        ("specs/ja/openapi.yaml", "ja"),
        ("docs/zh-Hans/api.json", "zh-Hans"),
        ("docs/ja_jp/api.json", "ja-JP"),
        ("api/openapi.ko.yaml", "ko"),
        ("api/v1/openapi.json", None),
    ],
)
def test_locale_from_path(path: str, locale: str | None) -> None:
    assert locale_from_path(path) == locale


def test_locale_aliases_name_folders_that_are_not_tags() -> None:
    aliases = {"cn": "zh-Hans", "jp": "ja"}
    assert locale_from_path("specs/cn/openapi.yaml", aliases) == "zh-Hans"
    assert locale_from_path("specs/jp/openapi.yaml", aliases) == "ja"
    assert locale_from_path("specs/cn/openapi.yaml") is None
    # the nearest segment wins, alias or tag
    assert locale_from_path("cn/en/openapi.yaml", aliases) == "en"


def test_a_specs_folder_named_after_a_locale_is_that_locale(tmp_path: Path) -> None:
    folder = tmp_path / "api" / "ja"
    folder.mkdir(parents=True)
    (folder / "openapi.json").write_text(json.dumps(base_document("ja")), "utf-8")
    (folder / "zh").mkdir()
    (folder / "zh" / "openapi.json").write_text(
        json.dumps(base_document("zh")), "utf-8"
    )
    docs = load([str(folder)], primary="en")
    assert sorted(d.locale for d in docs) == ["ja", "zh"]


def test_seed_pages_union_per_locale() -> None:
    docs = {d.locale: d for d in load([str(SEEDS)])}
    assert sorted(docs) == ["en", "ja", "zh"]
    assert sorted(docs["en"].document["paths"]) == [
        "/conversations/{conversation_id}/variables",
        "/conversations/{conversation_id}/variables/{variable_id}",
    ]
    # ConversationVariableItem is on both en pages, identical: collapsed into one
    assert len(docs["en"].files) == 2
    assert "ConversationVariableItem" in docs["en"].document["components"]["schemas"]
    assert list(docs["zh"].document["paths"]) == [
        "/conversations/{conversation_id}/variables/{variable_id}"
    ]


def test_seed_figures(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "drift", "--specs", str(SEEDS), "--format", "json")
    report = json.loads(out)
    assert code == 0
    assert report["operations"] == 2
    assert report["missing"] == [
        {
            "method": "GET",
            "path": "/conversations/{conversation_id}/variables",
            "locales": ["zh"],
        }
    ]
    assert report["structural"] == []


def test_full_chatflow_figures(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "drift",
        "--specs",
        str(SPECS / "dify-chatflow"),
        "--format",
        "json",
        "--strict",
    )
    report = json.loads(out)
    assert code == 0
    assert (report["operations"], report["missing"], report["structural"]) == (
        31,
        [],
        [],
    )


def test_documented_errors_are_parsed_per_locale() -> None:
    api, _ = merge(load([str(SEEDS)]))
    update = next(op for op in api.operations if op.method == "put")
    cases = [(e.status, e.code, e.message) for e in update.errors]
    assert cases == [
        (
            "400",
            "not_chat_app",
            "Please check if your app mode matches the right API route.",
        ),
        ("400", "bad_request", "Value type mismatch: expected string, got integer."),
        ("404", "not_found", "Conversation Not Exists."),
        ("404", "not_found", "Conversation Variable Not Exists."),
    ]
    assert (
        update.errors[0].description.get("en")
        == "App mode does not match the API route."
    )
    ja = update.errors[3].description.get("ja")
    assert ja is not None and ja != update.errors[3].description.get("en")


def test_three_backtick_fence_and_plain_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "en.md").write_text(
        page("/en/api.json", "get", "/info", base_document("en"), "```"),
        encoding="utf-8",
    )
    (tmp_path / "zh").mkdir()
    (tmp_path / "zh" / "openapi.json").write_text(
        json.dumps(base_document("zh")), encoding="utf-8"
    )
    code, out, _ = run(capsys, "drift", "--specs", str(tmp_path), "--format", "json")
    assert code == 0
    assert json.loads(out)["locales"] == ["en", "zh"]


def test_locale_option_for_plain_file(capsys: pytest.CaptureFixture[str]) -> None:
    # the case holds two plain documents: neither can be the primary locale's
    assert_input_error(
        capsys,
        ["drift", "--specs", str(case_specs("no-locale-in-path"))],
        "cannot tell the locale",
        "openapi.yaml",
        "second.yaml",
    )
    spec = case_specs("no-locale-in-path") / "openapi.yaml"
    # a single plain document is the primary locale's
    code, out, _ = run(capsys, "drift", "--specs", str(spec), "--format", "json")
    assert code == 0 and json.loads(out)["locales"] == ["en"]
    code, out, _ = run(
        capsys, "drift", "--specs", str(spec), "--primary", "ja", "--format", "json"
    )
    assert code == 0 and json.loads(out)["locales"] == ["ja"]
    code, out, _ = run(
        capsys,
        "drift",
        "--specs",
        str(spec),
        "--locale",
        "ja",
        "--primary",
        "ja",
        "--format",
        "json",
    )
    assert code == 0 and json.loads(out)["locales"] == ["ja"]


def test_component_defined_differently_on_two_pages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # a.mdx and b.mdx: AppInfoResponse.name is a string on one page, an integer on the other
    assert_input_error(
        capsys,
        ["drift", "--specs", str(case_specs("component-defined-twice"))],
        "a.mdx",
        "b.mdx",
        "[locale en]",
        "/components/schemas/AppInfoResponse",
        "defined differently",
    )


def test_invalid_yaml_names_file_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    # p.md: a ```yaml /ja/api.json get /x fence holding `openapi: [3.0`
    assert_input_error(
        capsys,
        ["drift", "--specs", str(case_specs("yaml-error-in-page") / "p.md")],
        "p.md",
        "[locale ja]",
        "invalid YAML (line",
    )


def test_yaml_never_builds_objects(capsys: pytest.CaptureFixture[str]) -> None:
    # info: !!python/object/apply:os.system ['echo pwned']
    spec = case_specs("yaml-python-tag") / "en" / "openapi.yaml"
    assert_input_error(capsys, ["drift", "--specs", str(spec)], "invalid YAML")


def test_yaml_dates_stay_strings(tmp_path: Path) -> None:
    doc = base_document("en")
    doc["info"]["version"] = "2024-01-01"  # type: ignore[index]
    spec = tmp_path / "en" / "openapi.yaml"
    spec.parent.mkdir()
    spec.write_text(
        yaml.safe_dump(doc).replace("'2024-01-01'", "2024-01-01"), encoding="utf-8"
    )
    assert load([str(spec)])[0].document["info"]["version"] == "2024-01-01"


def test_invalid_json(capsys: pytest.CaptureFixture[str]) -> None:
    spec = case_specs("broken-json") / "en" / "openapi.json"  # {"openapi": "3.0.1",
    assert_input_error(
        capsys, ["drift", "--specs", str(spec)], "openapi.json", "invalid JSON (line 1"
    )


def test_validation_failure_names_file_locale_pointer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # base_document("zh") whose 200 response schema is {"type": "bogus"}
    spec = case_specs("bogus-schema-type") / "zh" / "openapi.json"
    assert_input_error(
        capsys,
        ["drift", "--specs", str(spec)],
        "zh/openapi.json",
        "[locale zh]",
        "/paths/~1info/get/responses/200/content/application~1json/schema/type",
        "'bogus' is not one of",
    )


def test_validation_failure_on_a_page_names_that_page(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # good.md documents DELETE /items/{item_id}; bad.md GET /info without responses
    err = assert_input_error(
        capsys,
        ["drift", "--specs", str(case_specs("page-fails-validation"))],
        "bad.md",
        "/paths/~1info/get",
        "'responses' is a required property",
    )
    assert "good.md" not in err


def test_unresolvable_ref(capsys: pytest.CaptureFixture[str]) -> None:
    # AppInfoResponse.parent refers to #/components/schemas/Nope
    spec = case_specs("unresolvable-ref") / "en" / "openapi.json"
    assert_input_error(
        capsys,
        ["drift", "--specs", str(spec)],
        "unresolvable $ref '#/components/schemas/Nope'",
        "/components/schemas/AppInfoResponse/properties/parent/$ref",
    )


def test_two_documents_for_one_locale(capsys: pytest.CaptureFixture[str]) -> None:
    # a/en/openapi.json and b/en/openapi.json
    assert_input_error(
        capsys,
        ["drift", "--specs", str(case_specs("two-documents-one-locale"))],
        "two documents for one locale",
        "[locale en]",
    )


def test_unknown_locale_requested(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert_input_error(
        capsys,
        ["drift", "--specs", str(SEEDS), "--locales", "en", "fr"],
        "no document for locale 'fr'",
    )


def test_not_openapi_and_missing_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = case_specs("no-openapi-document") / "en" / "x.json"  # [1, 2]
    assert_input_error(
        capsys, ["drift", "--specs", str(spec)], "not an OpenAPI document"
    )
    assert_input_error(
        capsys, ["drift", "--specs", str(tmp_path / "nope")], "no such file or folder"
    )
    (tmp_path / "empty").mkdir()
    assert_input_error(
        capsys, ["drift", "--specs", str(tmp_path / "empty")], "no OpenAPI document"
    )


def test_bad_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text(
        '[tool.generator.targets.x]\nspecs = "specs"\npackage = "p"\ncolour = 1\n',
        encoding="utf-8",
    )
    assert_input_error(
        capsys,
        ["drift", "--config", str(cfg)],
        "tool.generator.targets.x.specs must be a list",
        "unknown key tool.generator.targets.x.colour",
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_validation_problems_win_over_a_later_stage_breaking(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    jobs: str,
) -> None:
    """Validation runs beside merge and render (jobs 2) or before them (jobs 1); either
    way a document that would break them gets the validator's message, and nothing is
    written."""
    monkeypatch.setenv("POLYGLOT_GENERATOR_JOBS", jobs)
    # base_document("en") whose GET /info is the string "not an operation"
    spec = case_specs("operation-not-an-object") / "en" / "openapi.json"
    out = tmp_path / "out"
    args = ["generate", "--no-cache", "--specs", str(spec), "--package", "p"]
    assert_input_error(
        capsys,
        [*args, "--out", str(out)],
        "[locale en]",
        "/paths/~1info/get",
        "'not an operation' is not of type 'object'",
    )
    assert not out.exists() or not any(out.rglob("*"))
