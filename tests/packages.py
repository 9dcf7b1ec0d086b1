"""Importing a package from a given folder, as if that folder were the only one holding it.

Generated distributions share package names (``dify_chatflow`` is in generated/chatflow/en and
in generated/conversation-variables/en, in every locale too), so an import must never pick up
a same-named package loaded earlier, and must leave nothing behind. ``PackageImports`` puts
the folder first on ``sys.path``, drops every module of that name from ``sys.modules`` before
importing, checks where the package came from, and on ``close()`` removes what it imported
and puts back what was there before. Tests use it through the ``generated_package`` fixture
(tests/conftest.py); a session-scoped fixture can use the class directly.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType, TracebackType


def _take_modules(top: str) -> dict[str, ModuleType]:
    """Remove the package ``top`` and its submodules from ``sys.modules``; return them."""
    names = [n for n in sys.modules if n == top or n.startswith(top + ".")]
    return {name: sys.modules.pop(name) for name in names}


def only_package(folder: Path) -> str:
    """The name of the one package (a folder with ``__init__.py``) directly in ``folder``."""
    found = sorted(p.parent.name for p in folder.glob("*/__init__.py"))
    if len(found) != 1:
        raise AssertionError(
            f"expected one package in {folder}, found {found or 'none'}; "
            "name it, or run python -m generator generate"
        )
    return found[0]


class PackageImports:
    """Imports packages from folders, one folder per package name at a time."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}  # top-level package name -> its folder
        self._before: dict[str, dict[str, ModuleType]] = {}  # modules there before

    def __call__(self, folder: Path | str, name: str | None = None) -> ModuleType:
        """Import ``name`` (default: the one package in ``folder``; a dotted name imports
        that submodule) from ``folder`` and return the module."""
        root = Path(folder).resolve()
        name = name or only_package(root)
        top = name.partition(".")[0]
        if not (root / top / "__init__.py").is_file():
            raise AssertionError(
                f"no package {top} in {root}; run python -m generator generate"
            )
        dropped = _take_modules(top)
        self._before.setdefault(top, dropped)
        previous = self._folders.pop(top, None)
        if previous is not None and previous in sys.path:
            sys.path.remove(previous)
        sys.path.insert(0, str(root))
        self._folders[top] = str(root)
        importlib.invalidate_caches()
        module = importlib.import_module(name)
        origin = Path(module.__file__ or "").resolve()
        if not origin.is_relative_to(root):
            raise AssertionError(f"imported {name} from {origin}, not from {root}")
        return module

    def close(self) -> None:
        """Forget every imported module and folder; restore the modules there before."""
        for top, folder in self._folders.items():
            if folder in sys.path:
                sys.path.remove(folder)
            _take_modules(top)
        for top, modules in self._before.items():
            _take_modules(top)
            sys.modules.update(modules)
        self._folders.clear()
        self._before.clear()
        importlib.invalidate_caches()

    def __enter__(self) -> PackageImports:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
