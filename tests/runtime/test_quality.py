"""Static checks of the runtime package copy, and its import cost."""

from __future__ import annotations

import compileall
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PACKAGE, RUNTIME_DIR


def test_runtime_has_no_package_name_and_no_header() -> None:
    modules = sorted(p.name for p in RUNTIME_DIR.glob("*.py"))
    assert modules == [
        "_auth.py",
        "_base_client.py",
        "_exceptions.py",
        "_lazy.py",
        "_models.py",
        "_pagination.py",
        "_resource.py",
        "_response.py",
        "_streaming.py",
        "_types.py",
    ]
    for path in RUNTIME_DIR.glob("*.py"):
        text = path.read_text()
        assert text.startswith('"""'), path.name  # the generator adds the header
        for line in text.splitlines():
            if line.startswith(("import ", "from ")) and "import" in line:
                module = line.split()[1]
                assert not module.startswith("dify"), (path.name, line)


def test_mypy_strict_and_black(pkg_root: Path) -> None:
    if (
        importlib.util.find_spec("mypy") is None
        or importlib.util.find_spec("black") is None
    ):
        pytest.skip("mypy or black is not installed")
    usage = Path(__file__).with_name("usage_example.py.txt").read_text()
    (pkg_root / PACKAGE / "_usage.py").write_text(usage)
    env = {**os.environ, "MYPYPATH": ""}
    mypy = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--config-file",
            os.devnull,
            PACKAGE,
        ],
        cwd=pkg_root,
        capture_output=True,
        text=True,
        env=env,
    )
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
    black = subprocess.run(
        [sys.executable, "-m", "black", "--check", "--config", os.devnull, PACKAGE],
        cwd=pkg_root,
        capture_output=True,
        text=True,
    )
    assert black.returncode == 0, black.stdout + black.stderr


def test_import_is_light(pkg_root: Path) -> None:
    """The runtime imports no asyncio / dataclasses until a model or an async client is
    used. (How long the import takes is the benchmark's business: bench/run.py.)"""
    compileall.compile_dir(pkg_root / PACKAGE, quiet=1)  # as an installed package
    code = (
        "import sys\n"
        "import httpx\n"
        f"import {PACKAGE}._base_client, {PACKAGE}._response, {PACKAGE}._resource\n"
        "heavy = [m for m in ('asyncio', 'dataclasses') if m in sys.modules]\n"
        f"import {PACKAGE}._models\n"
        "print(heavy)\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=pkg_root, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "[]\n"


def test_importing_the_runtime_does_not_import_httpx(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    package = tmp_path / "lazypkg"
    package.mkdir()
    for path in RUNTIME_DIR.glob("*.py"):
        shutil.copy(path, package / path.name)
    (package / "__init__.py").write_text("")
    code = (
        "import sys, lazypkg._base_client, lazypkg._exceptions;"
        "assert 'httpx' not in sys.modules, 'httpx imported eagerly';"
        "lazypkg._base_client.httpx.Client;"
        "assert 'httpx' in sys.modules"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
