"""The Dify Chatflow spec document: loading it, and an index of its operations.

``load_spec`` reads the document and checks it once per process with ``openapi-spec-validator``;
``registry`` makes the whole document available to ``$ref`` resolution; ``operations`` lists every
operation with its path template and its parameters (path item and operation level merged), each
with the JSON pointer of its definition in the document.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tests.paths import SPECS

SPEC_PATH = SPECS / "dify-chatflow" / "en" / "openapi_chatflow.json"
SPEC_URI = "urn:dify-chatflow:openapi"


@functools.lru_cache(maxsize=None)
def load_spec(path: str = str(SPEC_PATH)) -> dict[str, Any]:
    """The spec document, checked once with openapi-spec-validator."""
    from openapi_spec_validator import validate

    spec: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    validate(spec)
    return spec


@functools.lru_cache(maxsize=None)
def registry(path: str = str(SPEC_PATH)) -> Registry:
    """A ``referencing`` registry holding the spec document under ``SPEC_URI``."""
    spec = load_spec(path)
    reg: Registry = Registry().with_resource(
        SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT4)
    )
    return reg


def pointer_escape(token: str) -> str:
    """One JSON pointer reference token (``~`` → ``~0``, ``/`` → ``~1``)."""
    return token.replace("~", "~0").replace("/", "~1")


def _resolve_pointer(document: Any, pointer: str) -> Any:
    for token in pointer.lstrip("/").split("/"):
        document = document[token.replace("~1", "/").replace("~0", "~")]
    return document


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    segments: tuple[str, ...]
    parameters: tuple[dict[str, Any], ...]
    parameter_pointers: tuple[str, ...]
    """JSON pointer of each parameter object in the spec (path item or operation level)."""
    pointer: str
    request_body: dict[str, Any] | None

    def match(self, segments: Sequence[str]) -> dict[str, str] | None:
        if len(segments) != len(self.segments):
            return None
        params: dict[str, str] = {}
        for pattern, actual in zip(self.segments, segments):
            if pattern.startswith("{") and pattern.endswith("}"):
                params[pattern[1:-1]] = actual
            elif pattern != actual:
                return None
        return params


@functools.lru_cache(maxsize=None)
def operations(path: str = str(SPEC_PATH)) -> tuple[Operation, ...]:
    """Every operation of the spec, in document order."""
    spec = load_spec(path)
    ops = []
    for template, item in spec["paths"].items():
        shared = item.get("parameters", [])
        for method, op in item.items():
            if method not in (
                "get",
                "put",
                "post",
                "delete",
                "patch",
                "head",
                "options",
            ):
                continue
            item_ptr = f"/paths/{pointer_escape(template)}"
            by_key: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
            for base, params in (
                (f"{item_ptr}/parameters", shared),
                (f"{item_ptr}/{method}/parameters", op.get("parameters", [])),
            ):
                for i, p in enumerate(params):
                    ptr = f"{base}/{i}"
                    if "$ref" in p:  # a local reference to components/parameters
                        ptr = p["$ref"][1:]
                        p = _resolve_pointer(spec, ptr)
                    by_key[(p["name"], p["in"])] = (p, ptr)
            ops.append(
                Operation(
                    method=method.upper(),
                    template=template,
                    segments=tuple(template.split("/")[1:]),
                    parameters=tuple(p for p, _ in by_key.values()),
                    parameter_pointers=tuple(ptr for _, ptr in by_key.values()),
                    pointer=f"/paths/{pointer_escape(template)}/{method}",
                    request_body=op.get("requestBody"),
                )
            )
    return tuple(ops)
