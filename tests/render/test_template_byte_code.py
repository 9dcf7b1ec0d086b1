"""Compiled templates are kept as Python keeps byte code (render/environment.py): under
``PYTHONPYCACHEPREFIX`` when it is set, nowhere under ``PYTHONDONTWRITEBYTECODE``, and a
template whose source changed is compiled again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT

_RENDER = """
import sys
from generator import resources
resources.templates = lambda: __import__("pathlib").Path(sys.argv[1])
from generator.render import environment
print(environment.render("page.jinja", who="x"), end="")
print("|" + environment.byte_code_folder(), end="")
"""


def _render(templates: Path, **env: str) -> tuple[str, Path]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run(
        [sys.executable, "-c", _RENDER, str(templates)],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    text, _, folder = done.stdout.partition("|")
    return text, Path(folder)


def test_kept_under_the_byte_code_prefix_and_compiled_again_when_changed(
    tmp_path: Path,
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.jinja").write_text("one {{ who }}", encoding="utf-8")
    prefix = tmp_path / "pycache"
    text, folder = _render(templates, PYTHONPYCACHEPREFIX=str(prefix))
    assert text == "one x"
    assert folder.is_relative_to(prefix) and list(folder.glob("__jinja2_*.cache"))
    assert not (templates / "__pycache__").exists()
    (templates / "page.jinja").write_text("two {{ who }}", encoding="utf-8")
    assert _render(templates, PYTHONPYCACHEPREFIX=str(prefix))[0] == "two x"


def test_beside_the_templates_by_default_and_never_without_byte_code(
    tmp_path: Path,
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.jinja").write_text("{{ who }}", encoding="utf-8")
    text, folder = _render(templates, PYTHONDONTWRITEBYTECODE="1")
    assert text == "x" and not folder.exists()
    text, folder = _render(templates)
    assert folder == templates.resolve() / "__pycache__"
    assert list(folder.glob("__jinja2_*.cache"))
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")  # no folder can be made under a file
    assert _render(templates, PYTHONPYCACHEPREFIX=str(blocked))[0] == "x"
