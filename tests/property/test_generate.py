"""Properties 1 and 2: any valid document generates, and the output is clean code.

1. ``python -m generator generate`` never fails on a valid document: exit status 0, no
   traceback on stderr, one distribution per locale with the package in it.
2. Every generated ``.py`` file compiles, is black-stable (black's own output for it is the
   text itself, with the generator's settings: line length 88, target py310), and the
   output passes ``ruff check --select F,I``.
"""

from __future__ import annotations

import difflib
import hashlib
import subprocess
import sys
from pathlib import Path

import black
from hypothesis import given, settings

from tests.property import harness
from tests.property.conftest import examples
from tests.property.strategies import Spec, specs

BLACK_MODE = black.Mode(line_length=88, target_versions={black.TargetVersion.PY310})


def _python_files(run: harness.Run) -> list[Path]:
    return sorted(run.out.rglob("*.py"))


def assert_generated(run: harness.Run, spec: Spec, package: str = "client") -> None:
    assert run.code == 0, run.describe()
    assert "Traceback" not in run.stderr, run.describe()
    for locale in spec.locales:
        init = run.distribution(locale) / package / "__init__.py"
        assert init.is_file(), f"no {init}\n{run.describe()}"


@settings(max_examples=examples("generate"))
@given(specs())
def test_generator_exits_0_without_traceback(spec: Spec) -> None:
    run = harness.generate(spec, in_process=False)
    assert_generated(run, spec)


_BLACK_STABLE: set[str] = set()  # digests of texts already found black-stable


def _assert_black_stable(path: Path, text: str) -> None:
    digest = hashlib.sha256(text.encode()).hexdigest()
    if digest in _BLACK_STABLE:
        return
    formatted = black.format_str(text, mode=BLACK_MODE)
    assert formatted == text, f"{path} is not black-stable:\n" + "\n".join(
        _diff(text, formatted)
    )
    _BLACK_STABLE.add(digest)


def _diff(before: str, after: str) -> list[str]:
    return list(
        difflib.unified_diff(
            before.splitlines(), after.splitlines(), "generated", "black", lineterm=""
        )
    )[:60]


def assert_clean_output(run: harness.Run) -> None:
    """Every .py of the output compiles and is black-stable; ruff F,I passes."""
    files = _python_files(run)
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        compile(text, str(path), "exec", dont_inherit=True)
        _assert_black_stable(path, text)
    ruff = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--select", "F,I", "--no-cache"]
        + [str(run.out)],
        capture_output=True,
        text=True,
    )
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr


@settings(max_examples=examples("output"))
@given(specs())
def test_output_compiles_is_black_stable_and_ruff_clean(spec: Spec) -> None:
    run = harness.generate(spec)
    assert_generated(run, spec)
    assert_clean_output(run)
