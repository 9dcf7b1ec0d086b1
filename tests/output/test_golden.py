"""generated/ is the golden record: regenerate in memory and compare whole trees."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.config import load_config
from generator.output.compare import compare_tree
from generator.pipeline import build_api, render_target
from tests.paths import ROOT

TARGETS = {t.name: t for t in load_config(ROOT / "pyproject.toml").targets}


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_generated_tree_matches_golden(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    target = TARGETS[name]
    api, _ = build_api(target)
    trees, _ = render_target(api, target)
    assert sorted(trees) == sorted(target.locales)
    report = ""
    for locale, files in trees.items():
        diff = compare_tree(files, ROOT / target.out / locale, f"{target.out}/{locale}")
        if diff:
            report += diff.render(limit=40)
    assert (
        not report
    ), f"{report}\nThe golden files are stale; update them with: python -m generator generate --target {name}"


def test_generated_code_is_black_stable() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "black",
            "--check",
            "--quiet",
            "--target-version",
            "py310",
            "generated",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("target", ["conversation-variables", "chatflow"])
def test_generated_code_passes_mypy_strict(target: str, tmp_path: Path) -> None:
    # Code is identical across locales (see the AST test); one locale per target suffices.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(tmp_path),
            "dify_chatflow",
        ],
        cwd=ROOT / "generated" / target / "en",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
