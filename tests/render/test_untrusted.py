"""Spec strings are untrusted: whatever they contain, they never change the generated code."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

from tests.builders import base_document
from tests.paths import ROOT

EVIL = '"""\'\'\'\\"; __import__("os").system("touch PWNED") #\n\x00\x1b[31m ``` </script> {{ x }} {% raw %}'


def hostile_document(locale: str) -> dict[str, object]:
    doc = base_document(locale)
    doc["info"]["title"] = EVIL  # type: ignore[index]
    doc["info"]["description"] = EVIL  # type: ignore[index]
    doc["servers"] = [{"url": 'https://x.example/"+__import__("os").getcwd()+"'}]
    op = doc["paths"]["/info"]["get"]  # type: ignore[index]
    op["summary"] = EVIL
    op["description"] = EVIL
    op["parameters"][0]["description"] = EVIL
    op["parameters"].append(
        {
            "name": 'q"); __import__("os"',
            "in": "query",
            "schema": {"type": "string", "enum": [EVIL, "a'b"]},
        }
    )
    op["responses"]["404"] = {"description": f"- `not_found` : {EVIL}"}
    props = doc["components"]["schemas"]["AppInfoResponse"]["properties"]  # type: ignore[index]
    props['x"] = 1; import os #'] = {"type": "string", "description": EVIL}
    props["class"] = {"type": "string"}
    props["名前"] = {"type": "integer"}
    props["list"] = {"type": "array", "items": {"type": "string"}}
    props["str"] = {"type": "string"}
    doc["components"]["schemas"]['../../../evil"Name'] = {
        "type": "object",
        "properties": {"a": {"type": "string"}},
    }
    doc["paths"]["/items/{item_id}"]["delete"]["operationId"] = EVIL  # type: ignore[index]
    return doc


def test_hostile_strings_stay_data(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    for locale in ("en", "zh"):
        (specs / locale).mkdir(parents=True)
        (specs / locale / "openapi.json").write_text(
            json.dumps(hostile_document(locale)), encoding="utf-8"
        )
    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            "--specs",
            str(specs),
            "--package",
            "evil_client",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    files = sorted(p for p in out.rglob("*") if p.is_file())
    assert files and all(out in p.parents for p in files)
    # file names come from identifiers, never from spec text: each property on its own
    for path in files:
        relative = path.relative_to(out).as_posix()
        assert '"' not in relative, relative
        assert "'" not in relative, relative
        assert ".." not in relative.split("/"), relative
        assert re.fullmatch(r"[A-Za-z0-9_./-]+", relative), relative
    # the schema named '../../../evil"Name' is the module evil_name, class EvilName
    evil = sorted(
        p.relative_to(out).as_posix()
        for p in files
        if p.suffix == ".py" and "evil" in p.stem and "name" in p.stem
    )
    assert evil == [
        "en/evil_client/types/evil_name.py",
        "zh/evil_client/types/evil_name.py",
    ]
    module = (out / evil[0]).read_text(encoding="utf-8")
    assert "class EvilName(BaseModel):" in module
    for path in files:
        if path.suffix != ".py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id != "__import__", path
            if isinstance(node, ast.Attribute):
                assert node.attr not in ("system", "getcwd"), path
    # the generated package imports and still works as data
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import evil_client, evil_client.types as t; print(len(t.__all__)); print(evil_client.Client.__doc__[:40])",
        ],
        capture_output=True,
        text=True,
        cwd=out / "en",
    )
    assert check.returncode == 0, check.stderr
    assert not (out / "en" / "PWNED").exists()
    # laid out without black where possible, the code is still exactly black's
    black = subprocess.run(
        [sys.executable, "-m", "black", "--check", "--target-version", "py310", "."],
        capture_output=True,
        text=True,
        cwd=out,
    )
    assert black.returncode == 0, black.stderr
    mypy = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(tmp_path / "cache"),
            "evil_client",
        ],
        capture_output=True,
        text=True,
        cwd=out / "en",
    )
    assert mypy.returncode == 0, mypy.stdout
