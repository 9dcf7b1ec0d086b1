"""Helpers of the translation-kit tests: a project in a temporary folder, PO validity."""

from __future__ import annotations

import gettext
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import polib
import pytest

from generator.cli import main
from generator.translate.prose import kept_tokens
from tests.paths import SPECS

ACCENTS = str.maketrans("aeiouAEIOUcnys", "àéîöûÀÉÎÖÛçñýš")
# a documented-error line keeps its "- `code`: " prefix (the codes are structure)
_ERROR_LINE = re.compile(r"^(\s*(?:[-*+]\s*)?`[^`]+`\s*[:：]\s*)?(.*)$")


def accent(text: str) -> str:
    """Accent the letters outside placeholders, code spans and link destinations."""
    out, position = [], 0
    for token in kept_tokens(text):
        start = text.index(token, position)
        out += [text[position:start].translate(ACCENTS), token]
        position = start + len(token)
    return "".join(out) + text[position:].translate(ACCENTS)


def pseudo(text: str) -> str:
    """The en-XA pseudo-translation: each line's prose bracketed and accented."""
    lines = []
    for line in text.split("\n"):
        match = _ERROR_LINE.match(line)
        assert match is not None
        prefix, rest = match.group(1) or "", match.group(2)
        lines.append(prefix + (f"[{accent(rest)}]" if rest.strip() else rest))
    return "\n".join(lines)


def project(
    root: Path, monkeypatch: pytest.MonkeyPatch, specs: str, locales: list[str]
) -> Path:
    """A copy of ``specs/<specs>`` as the only target (``t``) of a project in ``root``."""
    shutil.copytree(SPECS / specs, root / "specs" / specs)
    quoted = ", ".join(json.dumps(loc) for loc in locales)
    (root / "pyproject.toml").write_text(
        "[tool.generator.targets.t]\n"
        f'specs = ["specs/{specs}"]\npackage = "dify_chatflow"\nlocales = [{quoted}]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    monkeypatch.setenv("POLYGLOT_GENERATOR_CACHE", str(root / "cache"))
    return root


def run(*argv: str) -> int:
    return main(list(argv))


def drift(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, Any]:
    capsys.readouterr()
    code = run("drift", "--format", "json", *extra)
    return code, json.loads(capsys.readouterr().out)


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def assert_valid_po(path: Path) -> polib.POFile:
    """gettext accepts the file: ``msgfmt --check`` when installed, and always a pure-Python
    compile (polib's .mo writer) read back by the standard library's gettext."""
    if shutil.which("msgfmt"):
        result = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
    po = polib.pofile(str(path))
    mo = path.with_suffix(".mo")
    po.save_as_mofile(str(mo))
    catalog = gettext.GNUTranslations(io.BytesIO(mo.read_bytes()))
    mo.unlink()
    assert catalog.info()["content-type"] == "text/plain; charset=UTF-8"
    for entry in po.translated_entries():
        assert catalog.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
    return po
