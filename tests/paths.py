"""Where things are in the repository, for every test whatever its folder depth."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository: pyproject.toml, generator/, specs/, generated/, templates/."""

SPECS = ROOT / "specs"
GENERATED = ROOT / "generated"
TEMPLATES = ROOT / "templates"
RUNTIME_DIR = TEMPLATES / "client" / "runtime"
CASES = ROOT / "tests" / "cases"


def case_specs(name: str) -> Path:
    """The specs/ folder of the case ``name`` in the case corpus (tests/cases/README.md)."""
    return CASES / name / "specs"
