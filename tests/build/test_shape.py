"""The client's shape is built once per target: its notes come once, whatever the locales."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.render import site

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "T", "version": "1"},
    "paths": {
        "/": {"get": {"responses": {"200": {"description": "ok"}}}},
        "/items/{id}": {
            "get": {
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {}},
                    {"name": "ID", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {"200": {"description": "ok"}},
            }
        },
    },
}


@pytest.mark.parametrize("locales", [["en"], ["en", "ja", "zh"]])
def test_each_note_is_printed_once(
    locales: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for locale in locales:
        (tmp_path / "specs" / locale).mkdir(parents=True)
        (tmp_path / "specs" / locale / "openapi.json").write_text(json.dumps(SPEC))
    code = main(
        [
            *("generate", "--no-cache", "--specs", str(tmp_path / "specs")),
            *("--package", "p", "--out", str(tmp_path / "out")),
        ]
    )
    assert code == 0
    notes = capsys.readouterr().err.splitlines()
    assert notes == [
        "note: adhoc: GET /items/{id}: argument id (query) taken, using id_2",
    ]
    folders = sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_dir())
    assert folders == sorted([*locales, *(t for t in site.TREES if t)])  # and the site
