"""Which item of a page gives the next cursor: derived from the cursor parameter's name and
description, overridable per operation with the target's ``cursor_from`` config."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from generator.build.paging import cursor_from
from generator.build.shape import build_shape
from generator.cli import main
from generator.config import adhoc_target, load_config
from generator.merge.model import Localized
from generator.pipeline import build_api

NO_TEXT: Localized[str] = Localized()


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("first_id", "first"),
        ("last_id", "last"),
        ("before", "first"),
        ("ending_before", "first"),
        ("after", "last"),
        ("starting_after", "last"),
        ("cursor", "last"),  # nothing said: the usual forward paging
    ],
)
def test_by_name(wire: str, expected: str) -> None:
    assert cursor_from(wire, NO_TEXT, "en", None) == expected


def test_by_description_in_the_primary_locale() -> None:
    first = Localized((("en", "The ID of the first record on this page. Then more."),))
    last = Localized((("en", "ID of the last record on the current page."),))
    mixed = Localized((("zh", "第一"), ("en", "The first and the last.")))
    assert cursor_from("cursor", first, "en", None) == "first"
    assert cursor_from("cursor", last, "en", None) == "last"
    assert cursor_from("cursor", mixed, "en", None) == "last"  # says both: default


def test_override_wins() -> None:
    assert cursor_from("first_id", NO_TEXT, "en", "last") == "last"
    assert cursor_from("last_id", NO_TEXT, "en", "first") == "first"


def _spec(cursor: str, description: str) -> dict[str, Any]:
    item = {"type": "object", "properties": {"id": {"type": "string"}}}
    page = {
        "type": "object",
        "properties": {
            "has_more": {"type": "boolean"},
            "data": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": {
            "/items": {
                "get": {
                    "parameters": [
                        {
                            "name": cursor,
                            "in": "query",
                            "description": description,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Page"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {"schemas": {"Item": item, "Page": page}},
    }


def _side(tmp_path: Path, spec: dict[str, Any], **config: Any) -> str:
    folder = tmp_path / "specs" / "en"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "openapi.json").write_text(json.dumps(spec), encoding="utf-8")
    target = dataclasses.replace(adhoc_target([str(tmp_path / "specs")]), **config)
    api, _ = build_api(target)
    shape = build_shape(api, target)
    (method,) = [m for r in shape.resources for m in r.methods]
    assert method.page is not None
    return method.page.cursor_from


def test_shape_derives_and_config_overrides(tmp_path: Path) -> None:
    history = _spec("first_id", "The ID of the first chat record on the current page.")
    assert _side(tmp_path, history) == "first"
    assert _side(tmp_path, _spec("last_id", "")) == "last"
    overridden = {"cursor_from": (("GET /items", "last"),)}
    assert _side(tmp_path, history, **overridden) == "last"


def test_config_cursor_from_is_read(tmp_path: Path) -> None:
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text(
        '[tool.generator.targets.x]\nspecs = ["s"]\npackage = "p"\n'
        '[tool.generator.targets.x.cursor_from]\n"GET /messages" = "first"\n',
        encoding="utf-8",
    )
    (target,) = load_config(cfg).targets
    assert target.cursor_from == (("GET /messages", "first"),)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            '"/messages" = "first"',
            "tool.generator.targets.x.cursor_from: key '/messages' must be an operation",
        ),
        (
            '"GET /messages" = "oldest"',
            "tool.generator.targets.x.cursor_from.'GET /messages' must be \"first\" or "
            "\"last\", not 'oldest'",
        ),
    ],
)
def test_bad_cursor_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], table: str, message: str
) -> None:
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text(
        '[tool.generator.targets.x]\nspecs = ["s"]\npackage = "p"\n'
        f"[tool.generator.targets.x.cursor_from]\n{table}\n",
        encoding="utf-8",
    )
    assert main(["drift", "--config", str(cfg)]) == 2
    err = capsys.readouterr().err
    assert message in err and str(cfg) in err and "Traceback" not in err
