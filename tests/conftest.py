"""Shared fixtures and collection rules for every test folder."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Collect tests/build: pytest's default ``norecursedirs`` skips folders named build."""
    if collection_path == HERE / "build":
        return False
    return None
