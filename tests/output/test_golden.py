"""generated/ is the golden record: regenerate in memory and compare whole trees (as check
does: files the manifest does not list are not compared, see tests/golden.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.config import load_config
from generator.output.compare import compare_tree
from generator.pipeline import build_api, render_target
from generator.render import site
from tests.golden import golden_diff, output_files
from tests.paths import GENERATED, ROOT

TARGETS = {t.name: t for t in load_config(ROOT / "pyproject.toml").targets}


def rendered(name: str) -> dict[str, str]:
    """The files of the target's output folder, rendered in memory from its specs."""
    target = TARGETS[name]
    api, _ = build_api(target)
    trees = render_target(api, target).trees
    # a distribution per locale, and the target's reference site beside them
    assert sorted(trees) == sorted([*target.locales, *site.TREES])
    return output_files(trees)


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_generated_tree_matches_golden(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    target = TARGETS[name]
    diff = golden_diff(rendered(name), ROOT / target.out, target.out)
    assert (
        not diff
    ), f"{diff.render(limit=40)}\nThe golden files are stale; update them with: python -m generator generate --target {name}"


def test_files_left_by_pip_install_are_not_compared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``pip install generated/chatflow/en`` (as the generated README says) leaves build/
    and *.egg-info in the distribution; the golden comparison ignores them, as check does.
    """
    monkeypatch.chdir(ROOT)
    name = "conversation-variables"
    target = TARGETS[name]
    expected = rendered(name)
    copy = tmp_path / target.out
    shutil.copytree(
        ROOT / target.out, copy, ignore=shutil.ignore_patterns("__pycache__")
    )
    left = [
        "en/build/lib/dify_chatflow/__init__.py",
        "en/build/bdist.linux-x86_64/wheel/dify_chatflow/py.typed",
        "en/dify_chatflow.egg-info/PKG-INFO",
        "en/x.egg-info/SOURCES.txt",
        "zh/NOTES.md",  # written by hand
    ]
    for relative in left:
        (copy / relative).parent.mkdir(parents=True, exist_ok=True)
        (copy / relative).write_text("not generated\n", encoding="utf-8")
    assert not golden_diff(expected, copy, target.out)
    # compared file by file instead, each of them would be reported
    everything = compare_tree(expected, copy, target.out)
    assert everything.extra == tuple(sorted(f"{target.out}/{p}" for p in left))
    assert not everything.missing and not everything.changed
    # and the generated files themselves are still compared
    (copy / "en" / "README.md").write_text("edited\n", encoding="utf-8")
    (copy / "zh" / "dify_chatflow" / "py.typed").unlink()
    diff = golden_diff(expected, copy, target.out)
    assert [path for path, _ in diff.changed] == [f"{target.out}/en/README.md"]
    assert diff.missing == (f"{target.out}/zh/dify_chatflow/py.typed",)
    assert diff.extra == ()


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
        cwd=GENERATED / target / "en",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
