"""OpenAPI 3.2's additionalOperations are translated like the other operations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
import yaml

from generator.cli import main


def _document(summary: str) -> dict[str, Any]:
    key = {"name": "key", "in": "path", "required": True, "schema": {"type": "string"}}
    purge = {"summary": summary, "responses": {"204": {"description": "ok"}}}
    return {
        "openapi": "3.2.0",
        "info": {"title": "T", "version": "1"},
        "paths": {
            "/cache/{key}": {
                "parameters": [key],
                "additionalOperations": {"PURGE": purge},
            }
        },
    }


def test_an_additional_operation_is_exported_with_its_translation(
    tmp_path: Path,
) -> None:
    for locale, summary in (("en", "Drop a cached entry"), ("zh", "删除缓存条目")):
        (tmp_path / "specs" / locale).mkdir(parents=True)
        text = yaml.safe_dump(_document(summary), allow_unicode=True)
        (tmp_path / "specs" / locale / "openapi.yaml").write_text(text, "utf-8")
    out = tmp_path / "po"
    args = ["translations", "export", "--specs", str(tmp_path / "specs")]
    assert main([*args, "--out", str(out)]) == 0
    entries = {e.msgctxt: e for e in polib.pofile(str(out / "adhoc" / "zh.po"))}
    entry = entries["PURGE /cache/{key} /summary"]
    assert (entry.msgid, entry.msgstr) == ("Drop a cached entry", "删除缓存条目")
