"""Running the generator on a drawn ``Spec``: in a subprocess or in-process, cached.

Every run works in its own folder under ``WORK`` (a session temporary folder set by
conftest.py): ``<run>/specs/<locale>/openapi.json`` in, ``<run>/out/<locale>/<package>`` out.
Runs pass ``--no-cache`` so that the generator's own cache never stands in for a run.
``generate`` remembers its results by the documents' content, so a test that draws the same
document again (hypothesis does, while shrinking) reuses the output.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.paths import ROOT
from tests.property.strategies import Spec

WORK: Path | None = None  # set by the session fixture in conftest.py


def work() -> Path:
    assert WORK is not None, "tests/property/conftest.py sets WORK"
    return WORK


@dataclass(frozen=True)
class Run:
    code: int | str | None
    stdout: str
    stderr: str
    folder: Path  # holds specs/ and out/

    @property
    def specs(self) -> Path:
        return self.folder / "specs"

    @property
    def out(self) -> Path:
        return self.folder / "out"

    def distribution(self, locale: str) -> Path:
        return self.out / locale

    def describe(self) -> str:
        return f"exit {self.code}\nstdout:\n{self.stdout}\nstderr:\n{self.stderr}"


def _key(documents: dict[str, Any], *extra: str) -> str:
    text = json.dumps([documents, extra], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def prepare(spec: Spec, documents: dict[str, Any] | None = None, tag: str = "") -> Path:
    """A fresh run folder holding the documents (default: the spec's, one per locale)."""
    documents = documents or spec.documents()
    folder = work() / f"{tag}{_key(documents, tag)}"
    spec.write(folder / "specs", documents)
    return folder


def cli(args: list[str]) -> tuple[int | str | None, str, str]:
    """``generator.cli.main(args)`` in this process: exit status, stdout, stderr.

    An exception escaping ``main`` is not caught: it fails the test with its traceback.
    """
    from generator.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code: int | str | None = main(args)
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def subprocess_cli(args: list[str]) -> tuple[int | str | None, str, str]:
    """``python -m generator ARGS`` in a subprocess, in the checkout's root."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    return result.returncode, result.stdout, result.stderr


_RUNS: dict[tuple[str, str, bool], Run] = {}


def generate(spec: Spec, package: str = "client", in_process: bool = True) -> Run:
    """``generate --specs <run>/specs --package PACKAGE --out <run>/out`` (cached)."""
    documents = spec.documents()
    key = (_key(documents), package, in_process)
    if key in _RUNS:
        return _RUNS[key]
    folder = prepare(spec, documents, tag=f"{package}-")
    args = [
        "generate",
        "--specs",
        str(folder / "specs"),
        "--package",
        package,
        "--out",
        str(folder / "out"),
        "--no-cache",
    ]
    code, stdout, stderr = (cli if in_process else subprocess_cli)(args)
    run = Run(code, stdout, stderr, folder)
    _RUNS[key] = run
    return run


def drift(folder: Path) -> tuple[int | str | None, dict[str, Any], str]:
    """``drift --specs FOLDER --format json``: exit status, the parsed report, stderr."""
    code, stdout, stderr = cli(
        ["drift", "--specs", str(folder), "--format", "json", "--no-cache"]
    )
    report = json.loads(stdout) if code == 0 else {}
    return code, report, stderr
