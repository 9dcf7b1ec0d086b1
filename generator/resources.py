"""Where the generator's own files are: its code and its templates.

In a source checkout (and an editable install) the templates are the repository's top-level
``templates/`` folder; a wheel ships the same files inside the package as
``generator/templates/``. Nothing here imports Jinja: ``check`` fingerprints these files on
its fast path.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def templates() -> Path:
    """The folder holding ``client/`` and ``docs/`` templates and the client runtime."""
    installed = PACKAGE / "templates"
    return installed if installed.is_dir() else PACKAGE.parent / "templates"


def runtime() -> Path:
    """The hand-written runtime modules copied into every generated package."""
    return templates() / "client" / "runtime"


def own_files() -> list[Path]:
    """Every file of the generator and its templates, whatever folder they are in."""
    found = {
        p
        for root in (PACKAGE, templates())
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    return sorted(found)
