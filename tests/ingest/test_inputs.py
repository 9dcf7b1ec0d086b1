"""Real-world inputs through the command line: configuration, validation modes, locales."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.builders import base_document
from tests.paths import case_specs


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*args, "--no-cache"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_config_file_that_does_not_exist_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "generate", "--config", str(tmp_path / "missing.toml"))
    assert code == 2 and out == ""
    assert (
        err == f"error: {tmp_path / 'missing.toml'}: no such file (named by --config)\n"
    )


def test_validation_warn_prints_warnings_and_generates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    specs = str(case_specs("lax-validation-warn"))
    out = tmp_path / "out"
    args = ("generate", "--specs", specs, "--package", "lax", "--out", str(out))
    code, _, err = run(capsys, *args)
    assert code == 2 and not out.exists()
    assert (
        "error: " in err and "hint: " in err and "warning" not in err.split("hint")[0]
    )
    code, _, err = run(capsys, *args, "--validation", "warn")
    assert code == 0, err
    lines = err.splitlines()
    assert lines and all(line.startswith("warning: ") for line in lines)
    assert any(
        "at /components/schemas/Item/properties/n/exclusiveMinimum:" in line
        for line in lines
    )
    assert (out / "en" / "lax" / "types" / "item.py").is_file()


def test_validation_warn_from_the_target_config(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(case_specs("lax-validation-warn"), tmp_path / "specs" / "cn")
    (tmp_path / "specs" / "cn" / "en").rename(tmp_path / "specs" / "cn" / "doc")
    (tmp_path / "pyproject.toml").write_text(
        "[tool.generator.targets.lax]\n"
        'specs = ["specs"]\npackage = "lax"\nout = "out"\nprimary = "zh-Hans"\n'
        'validation = "warn"\nlocale_aliases = {cn = "zh-Hans"}\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "generate")
    assert code == 0, err
    assert err.startswith("warning: specs/cn/doc/openapi.yaml [locale zh-Hans] at /")
    assert sorted(os.listdir(tmp_path / "out")) == [
        ".generator-manifest.json",
        "mkdocs.yml",  # the reference site, beside the locale folder
        "overrides",
        "reference",
        "zh-Hans",
    ]


def test_bad_config_values_are_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text(
        "[tool.generator.targets.t]\n"
        'specs = ["s"]\npackage = "p"\nvalidation = "lenient"\n'
        'locale_aliases = {cn = "chinese"}\n',
        encoding="utf-8",
    )
    code, _, err = run(capsys, "generate", "--config", str(config))
    assert code == 2
    assert err.splitlines() == [
        f"error: {config}: tool.generator.targets.t.validation must be one of strict, warn, not 'lenient'",
        f"error: {config}: tool.generator.targets.t.locale_aliases.cn must be a locale tag (en, zh-Hans, ja-JP), not 'chinese'",
    ]


def test_locale_alias_flag(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for folder, locale in (("english", "en"), ("jp", "ja")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "openapi.json").write_text(
            json.dumps(base_document(locale)), encoding="utf-8"
        )
    code, out, err = run(
        capsys,
        *("drift", "--specs", str(tmp_path), "--format", "json"),
        *("--locale-alias", "english=en", "--locale-alias", "jp=ja"),
    )
    assert code == 0, err
    assert json.loads(out)["locales"] == ["en", "ja"]
    code, _, err = run(capsys, "drift", "--specs", str(tmp_path), "--locale-alias", "x")
    assert code == 2 and "expected FOLDER=LOCALE" in err


def test_messages_without_a_file_name_no_placeholder(
    capsys: pytest.CaptureFixture[str],
) -> None:
    specs = str(case_specs("two-locales"))
    code, _, err = run(capsys, "drift", "--specs", specs, "--locales", "fr")
    assert code == 2
    assert err == "error: [locale fr]: no document for locale 'fr' (found: en, zh)\n"


def test_a_referenced_file_outside_the_specs_is_part_of_the_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLYGLOT_GENERATOR_CACHE", str(tmp_path / "cache"))
    shared = tmp_path / "shared" / "Pet.yaml"
    shared.parent.mkdir()
    shared.write_text("type: object\nproperties:\n  name: {type: string}\n", "utf-8")
    spec = tmp_path / "specs" / "en" / "openapi.yaml"
    spec.parent.mkdir(parents=True)
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n"
        "components:\n  schemas:\n    Pet: {$ref: '../../shared/Pet.yaml'}\n",
        "utf-8",
    )
    out = tmp_path / "out"
    args = ["generate", "--specs", str(spec.parent.parent), "--package", "p"]
    assert main([*args, "--out", str(out)]) == 0
    pet = out / "en" / "p" / "types" / "pet.py"
    assert "name: str | None" in pet.read_text("utf-8")
    shared.write_text("type: object\nproperties:\n  tag: {type: string}\n", "utf-8")
    assert main([*args, "--out", str(out)]) == 0
    assert "tag: str | None" in pet.read_text("utf-8")


def test_headers_name_spec_paths_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "specs" / "openapi.json"
    spec.parent.mkdir()
    spec.write_text(json.dumps(base_document("en")), encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    args = ["generate", "--specs", str(spec), "--package", "p", "--out", "out"]
    assert main([*args, "--no-cache"]) == 0
    init = (work / "out" / "en" / "p" / "__init__.py").read_text("utf-8")
    assert "#   ../specs/openapi.json\n" in init
    texts = [p.read_text("utf-8") for p in (work / "out").rglob("*") if p.is_file()]
    assert not any(str(tmp_path) in text for text in texts)


def test_a_chain_of_references_across_hundreds_of_files_generates(
    tmp_path: Path,
) -> None:
    """S0 -> S1 -> ... -> S299 -> S0, one file each: deeper than Python's stack when each
    component's fields were typed inside the one referring to it."""
    count = 300
    folder = tmp_path / "specs" / "en"
    (folder / "schemas").mkdir(parents=True)
    for i in range(count):
        (folder / "schemas" / f"S{i}.json").write_text(
            json.dumps(
                {
                    "type": "object",
                    "properties": {"next": {"$ref": f"S{(i + 1) % count}.json"}},
                }
            ),
            encoding="utf-8",
        )
    document = base_document("en")
    document["paths"]["/info"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"] = {"$ref": "schemas/S0.json"}
    (folder / "openapi.json").write_text(json.dumps(document), encoding="utf-8")
    out = tmp_path / "out"
    args = ["generate", "--specs", str(folder.parent), "--package", "p"]
    assert main([*args, "--out", str(out), "--no-cache"]) == 0
    types = out / "en" / "p" / "types"
    last = (types / "s299.py").read_text(encoding="utf-8")
    assert "next: S0 | None = None" in last
    assert len(list(types.glob("s*.py"))) == count


def test_drift_prints_the_validators_warnings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    specs = str(case_specs("lax-validation-warn"))
    code, out, err = run(capsys, "drift", "--specs", specs, "--validation", "warn")
    assert code == 0 and out.startswith("primary en; locales en; 1 operations")
    assert err.splitlines() and all(
        line.startswith("warning: ") for line in err.splitlines()
    )
