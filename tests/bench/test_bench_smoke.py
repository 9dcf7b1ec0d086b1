"""Smoke test of the benchmark's synthetic specs: valid OpenAPI, no drift between locales;
and of the benchmark's modules: each imports on its own, bench/run.py --help works.

Timing is the benchmark's business (bench/run.py); nothing here asserts on time.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from openapi_spec_validator import validate

from tests.paths import ROOT

OPERATIONS = 10


def _load_synth() -> ModuleType:
    # Loaded by file path, under a name of its own: bench/ is not a package.
    spec = importlib.util.spec_from_file_location(
        "bench_synth", ROOT / "bench" / "synth.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


synth = _load_synth()


@pytest.fixture(scope="module")
def specs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out: Path = tmp_path_factory.mktemp("synth")
    synth.write_specs(out, OPERATIONS)
    return out


def test_writes_one_spec_per_locale(specs_dir: Path) -> None:
    assert (
        sorted(p.name for p in specs_dir.iterdir())
        == sorted(synth.LOCALES)
        == ["en", "ja", "zh"]
    )
    for locale in synth.LOCALES:
        assert (specs_dir / locale / synth.SPEC_FILE_NAME).is_file()


@pytest.mark.parametrize("locale", ["en", "zh", "ja"])
def test_specs_are_valid_openapi(specs_dir: Path, locale: str) -> None:
    document = json.loads(
        (specs_dir / locale / synth.SPEC_FILE_NAME).read_text(encoding="utf-8")
    )
    validate(document)
    assert synth.count_operations(document) == OPERATIONS


def test_translated_prose_is_cjk(specs_dir: Path) -> None:
    def summaries(locale: str) -> list[str]:
        document = json.loads(
            (specs_dir / locale / synth.SPEC_FILE_NAME).read_text(encoding="utf-8")
        )
        return [
            op["summary"] for item in document["paths"].values() for op in item.values()
        ]

    def has_cjk(text: str) -> bool:
        return any("\u3040" <= ch <= "\u9fff" for ch in text)

    assert not any(has_cjk(s) for s in summaries("en"))
    assert all(has_cjk(s) for s in summaries("zh"))
    assert all(has_cjk(s) for s in summaries("ja"))


def test_documented_errors_in_404_descriptions(specs_dir: Path) -> None:
    document = json.loads(
        (specs_dir / "en" / synth.SPEC_FILE_NAME).read_text(encoding="utf-8")
    )
    descriptions = [
        op["responses"]["404"]["description"]
        for item in document["paths"].values()
        for op in item.values()
        if "404" in op["responses"]
    ]
    assert descriptions and all("- `not_found` : " in d for d in descriptions)


def test_drift_reports_all_operations_and_no_structural_difference(
    specs_dir: Path,
) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "drift",
            "--specs",
            str(specs_dir),
            "--format",
            "json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["operations"] == OPERATIONS
    assert report["structural"] == []
    assert report["missing"] == []
    assert sorted(report["locales"]) == ["en", "ja", "zh"]


def test_generated_synthetic_client_is_black_stable(
    specs_dir: Path, tmp_path: Path
) -> None:
    """The synthetic client is laid out without black, yet exactly as black lays it out."""
    out = tmp_path / "out"
    generate = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            "--no-cache",
            "--specs",
            str(specs_dir),
            "--package",
            "synthetic_client",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert generate.returncode == 0, generate.stderr
    assert len(list(out.rglob("*.py"))) > 3 * 20
    black = subprocess.run(
        [sys.executable, "-m", "black", "--check", "--target-version", "py310", "."],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert black.returncode == 0, black.stderr


# The benchmark's own modules (bench/run.py and its siblings), imported by plain name with
# bench/ first on sys.path, as bench/run.py does.
BENCH_MODULES = sorted(p.stem for p in (ROOT / "bench").glob("*.py"))


@pytest.mark.parametrize("module", BENCH_MODULES)
def test_bench_module_imports_on_its_own(module: str) -> None:
    """Each module imports in a fresh interpreter, first: no import cycle between them."""
    code = f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import {module}"
    result = subprocess.run(
        [sys.executable, "-B", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_run_help_lists_every_option() -> None:
    result = subprocess.run(
        [sys.executable, "-B", str(ROOT / "bench" / "run.py"), "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for option in (
        "--repeat",
        "--large-repeat",
        "--import-repeat",
        "--calls",
        "--sizes",
        "--skip-opc",
        "--profile",
        "--quick",
        "--json",
    ):
        assert option in result.stdout
