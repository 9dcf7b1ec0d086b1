"""The generator installed from its wheel, as users install tools, outside the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "specs" / "seeds"


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["POLYGLOT_GENERATOR_CACHE"] = ""  # nothing from this machine's cache
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _not_sources(folder: str, names: list[str]) -> set[str]:
    """What a copy of the checkout leaves out: VCS data, environments, build output."""
    top = Path(folder) == ROOT
    skipped = {".git", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache"}
    if top:
        skipped |= {"generated", "build", "dist", "site", "bench"}
    return {
        n
        for n in names
        if n in skipped or n.endswith(".egg-info") or n.startswith(".venv")
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    source = tmp_path_factory.mktemp("src") / "repo"
    # a copy: building must not leave build/ or *.egg-info in the checkout
    shutil.copytree(ROOT, source, ignore=_not_sources)
    built = _run(
        *(sys.executable, "-m", "build", "--wheel"),
        *("--outdir", out, source),
        cwd=source,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = out.glob("*.whl")
    return found


def test_wheel_ships_every_template_and_runtime_module(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            relative = path.relative_to(ROOT / "templates").as_posix()
            assert f"generator/templates/{relative}" in names, relative


def test_installed_wheel_generates_outside_the_repository(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    made = _run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    installed = _run(python, "-m", "pip", "install", "-q", wheel, cwd=tmp_path)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    work = tmp_path / "work"
    shutil.copytree(SPEC, work / "specs")
    result = _run(
        python,
        *("-m", "generator", "generate", "--specs", "specs"),
        *("--package", "seed_client", "--out", "out"),
        cwd=work,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for locale in ("en", "ja"):
        package = work / "out" / locale / "seed_client"
        assert (package / "_base_client.py").is_file()
        assert (package / "resources" / "conversations.py").is_file()
    # the generated client imports with the installed generator's runtime in it
    imported = _run(
        python,
        "-c",
        "import seed_client, seed_client._base_client; print(seed_client.__all__[0])",
        cwd=work / "out" / "en",
    )
    assert imported.returncode == 0 and imported.stdout.strip() == "Client", (
        imported.stdout + imported.stderr
    )
    # the wheel's generator is the one that ran, not the checkout
    where = _run(python, "-c", "import generator; print(generator.__file__)", cwd=work)
    assert str(venv) in where.stdout and str(ROOT) not in where.stdout


def test_missing_template_is_a_problem_not_a_traceback(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    assert _run(sys.executable, "-m", "venv", venv, cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    assert (
        _run(python, "-m", "pip", "install", "-q", wheel, cwd=tmp_path).returncode == 0
    )
    located = _run(
        python,
        "-c",
        "from generator import resources; print(resources.templates())",
        cwd=tmp_path,
    )
    templates = Path(located.stdout.strip())
    (templates / "client" / "model.py.jinja").unlink()
    work = tmp_path / "work"
    shutil.copytree(SPEC, work / "specs")
    result = _run(
        python,
        *("-m", "generator", "generate", "--specs", "specs"),
        *("--package", "seed_client", "--out", "out"),
        cwd=work,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "template client/model.py.jinja is missing" in result.stderr
    assert not (work / "out").exists()
