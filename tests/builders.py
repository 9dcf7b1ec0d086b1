"""Small multilingual documents for drift tests, written to disk as the user would have them."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable

import yaml

from generator.ingest.equivalence import DATA, PROSE

TEXT = {
    "en": {
        "summary": "Get app info",
        "desc": "Basic information about the app.",
        "name": "App name.",
    },
    "zh": {"summary": "获取应用信息", "desc": "应用的基本信息。", "name": "应用名称。"},
    "ja": {
        "summary": "アプリ情報を取得",
        "desc": "アプリの基本情報。",
        "name": "アプリ名。",
    },
}


def base_document(locale: str) -> dict[str, Any]:
    t = TEXT[locale]
    return {
        "openapi": "3.0.1",
        "info": {"title": f"Demo API ({locale})", "version": "1.0.0"},
        "servers": [
            {
                "url": "{api_base_url}",
                "variables": {
                    "api_base_url": {"default": "https://api.example.com/v1"}
                },
            }
        ],
        "paths": {
            "/info": {
                "get": {
                    "operationId": f"getInfo{locale.title()}",
                    "summary": t["summary"],
                    "parameters": [
                        {
                            "name": "user",
                            "in": "query",
                            "description": t["name"],
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": t["desc"],
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "$ref": "#/components/schemas/AppInfoResponse"
                                    }
                                }
                            },
                        }
                    },
                }
            },
            "/items/{item_id}": {
                "delete": {
                    "operationId": f"deleteItem{locale.title()}",
                    "summary": t["summary"] + " (delete)",
                    "parameters": [
                        {
                            "name": "item_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {"204": {"description": t["desc"]}},
                }
            },
        },
        "components": {
            "schemas": {
                "AppInfoResponse": {
                    "type": "object",
                    "description": t["desc"],
                    "properties": {
                        "name": {"type": "string", "description": t["name"]},
                        "tags": {"type": "array", "items": {"type": "string"}},
                        "parent": {"$ref": "#/components/schemas/AppInfoResponse"},
                    },
                }
            }
        },
    }


def translated(value: Any, mark: str) -> Any:
    """``value`` with each prose string outside data and extensions marked: a twin of
    it (ingest/twins.py), as a translation of its prose is."""
    if isinstance(value, dict):
        return {
            k: (
                f"{v} {mark}"
                if k in PROSE and isinstance(v, str)
                else (
                    copy.deepcopy(v)
                    if k in DATA or k.startswith("x-")
                    else translated(v, mark)
                )
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [translated(v, mark) for v in value]
    return value


Mutation = Callable[[str, dict[str, Any]], None]


def write_specs(
    root: Path,
    mutate: Mutation | None = None,
    locales: tuple[str, ...] = ("en", "zh", "ja"),
    fmt: str = "yaml",
) -> Path:
    """Write one document per locale under root/<locale>/openapi.<fmt>, mutated per locale."""
    for locale in locales:
        doc = copy.deepcopy(base_document(locale))
        if mutate is not None:
            mutate(locale, doc)
        folder = root / locale
        folder.mkdir(parents=True, exist_ok=True)
        if fmt == "json":
            (folder / "openapi.json").write_text(
                json.dumps(doc, ensure_ascii=False), encoding="utf-8"
            )
        else:
            (folder / "openapi.yaml").write_text(
                yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8"
            )
    return root


def schema(doc: dict[str, Any], name: str = "AppInfoResponse") -> dict[str, Any]:
    result: dict[str, Any] = doc["components"]["schemas"][name]
    return result


def with_value(document: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    """A deep copy of ``document`` with ``value`` at ``path`` (keys and list indexes)."""
    doc = copy.deepcopy(document)
    node: Any = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return doc
