"""The per-call options (extra_headers, extra_query, extra_body, timeout) come after an
operation's own arguments; a spec argument with one of their names is renamed, with a note.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from generator.cli import main

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "T", "version": "1"},
    "paths": {
        "/jobs": {
            "get": {
                "parameters": [
                    {"name": "timeout", "in": "query", "schema": {"type": "integer"}},
                    {
                        "name": "extra_headers",
                        "in": "header",
                        "schema": {"type": "string"},
                    },
                ],
                "responses": {"200": {"description": "ok"}},
            }
        },
    },
}


def test_spec_arguments_named_like_options_are_renamed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "specs" / "en").mkdir(parents=True)
    (tmp_path / "specs" / "en" / "openapi.json").write_text(json.dumps(SPEC))
    out = tmp_path / "out"
    args = ["generate", "--no-cache", "--specs", str(tmp_path / "specs")]
    assert main([*args, "--package", "p", "--out", str(out)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "note: adhoc: GET /jobs: argument timeout (query) taken, using timeout_2",
        "note: adhoc: GET /jobs: argument extra_headers (header) taken, using extra_headers_2",
    ]
    source = (out / "en" / "p" / "resources" / "jobs.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    methods = [
        n
        for n in ast.walk(tree)
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        and n.name == "retrieve"
    ]
    assert len(methods) == 2  # sync and async
    for fn in methods:
        names = [a.arg for a in fn.args.kwonlyargs]
        assert names == [
            "timeout_2",
            "extra_headers_2",
            "extra_headers",
            "extra_query",
            "extra_body",
            "timeout",
        ]
    # the renamed arguments still send the spec's names
    assert (
        '"timeout": timeout_2' in source
        and '"extra_headers": extra_headers_2' in source
    )
