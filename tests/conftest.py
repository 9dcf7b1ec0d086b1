"""Shared fixtures and collection rules for every test folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packages import PackageImports

HERE = Path(__file__).resolve().parent


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Collect tests/build: pytest's default ``norecursedirs`` skips folders named build."""
    if collection_path == HERE / "build":
        return False
    return None


@pytest.fixture
def generated_package() -> Iterator[PackageImports]:
    """``generated_package(folder, name=None) -> module``: the package in ``folder`` (a
    generated distribution such as ``GENERATED / "chatflow" / "en"``), imported from there
    and nowhere else; ``name`` may be dotted to get a submodule. Same-named packages of
    other folders never clash: each call replaces the previous one of that name, and
    everything is undone after the test (see tests/packages.py)."""
    with PackageImports() as imports:
        yield imports
