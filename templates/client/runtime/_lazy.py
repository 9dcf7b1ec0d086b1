"""httpx, imported on first use: the package imports fast, the first client pays."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["httpx"]


class _LazyModule:
    """Stands in for a module until one of its attributes is needed."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        value = getattr(importlib.import_module(self._name), attribute)
        setattr(self, attribute, value)  # later lookups skip this method
        return value


httpx = _LazyModule("httpx")
