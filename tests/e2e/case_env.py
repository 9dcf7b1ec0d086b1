"""Helpers for runtime cases' ``check.py``: environment variables set for a block, and
the generated package a client comes from."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any


@contextmanager
def environ(**values: str | None) -> Iterator[None]:
    """Environment variables set (None: unset) for the block, restored after it."""
    saved = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def package_of(client: Any) -> ModuleType:
    """The generated package of ``client`` (its errors, ``_client`` constants...)."""
    return importlib.import_module(type(client).__module__.rsplit(".", 1)[0])
