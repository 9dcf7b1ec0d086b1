"""Property 5: generated packages pass ``mypy --strict``.

mypy takes a second or two per run, so this draws few examples (see conftest.EXAMPLES),
each of two documents with several components, generated as two packages of different
names and checked in one mypy run. Marked ``mypy``: ``-m "not mypy"`` leaves it out.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.property import harness
from tests.property.conftest import examples
from tests.property.strategies import Spec, specs
from tests.property.test_generate import assert_generated


def assert_mypy_strict(packages: list[str]) -> None:
    """``mypy --strict`` passes on the given package folders (in one run)."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental"]
        + ["--config-file", os.devnull, "--cache-dir", os.devnull, *packages],
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYPATH": ""},
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.mypy
@settings(max_examples=examples("mypy"))
@given(st.lists(specs(min_components=3), min_size=2, max_size=2))
def test_generated_packages_pass_mypy_strict(pair: list[Spec]) -> None:
    packages = []
    for i, spec in enumerate(pair):
        package = f"client_{i}"
        run = harness.generate(spec, package=package)
        assert_generated(run, spec, package)
        packages.append(str(run.distribution(spec.locales[-1]) / package))
    assert_mypy_strict(packages)
