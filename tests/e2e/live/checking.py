"""Checking requests (and, for self-tests, responses) against the spec's schemas.

Schemas are validated with ``openapi-schema-validator`` (OAS 3.0 dialect, format checker on,
``$ref`` resolved in the whole document): requests with the write validator, responses with the
read validator.  Every check returns readable messages; an empty list means the value conforms.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from openapi_schema_validator import (
    OAS30ReadValidator,
    OAS30WriteValidator,
    oas30_format_checker,
)

from .multipart import parse_multipart
from .spec import SPEC_PATH, SPEC_URI, Operation, load_spec, pointer_escape, registry


def _validator(pointer: str, *, write: bool, path: str = str(SPEC_PATH)) -> Any:
    cls = OAS30WriteValidator if write else OAS30ReadValidator
    return cls(
        {"$ref": f"{SPEC_URI}#{pointer}"},
        registry=registry(path),
        format_checker=oas30_format_checker,
    )


def _error_messages(validator: Any, instance: Any) -> list[str]:
    errors = sorted(
        validator.iter_errors(instance), key=lambda e: list(e.absolute_path)
    )
    out = []
    for err in errors:
        where = "".join(f"[{p!r}]" for p in err.absolute_path)
        out.append(f"{where}: {err.message}" if where else err.message)
    return out


def validate_response_body(
    method: str,
    template: str,
    status: int,
    body: Any,
    *,
    spec_path: str = str(SPEC_PATH),
) -> list[str]:
    """Check a response body against the spec's schema for that status (for server self-tests)."""
    spec = load_spec(spec_path)
    response = spec["paths"][template][method.lower()]["responses"].get(str(status))
    if response is None:
        return [f"status {status} is not documented for {method} {template}"]
    media = response.get("content", {}).get("application/json")
    if media is None or "schema" not in media:
        return []
    pointer = "/".join(
        [
            "",
            "paths",
            pointer_escape(template),
            method.lower(),
            "responses",
            str(status),
            "content",
            "application~1json",
            "schema",
        ]
    )
    return _error_messages(_validator(pointer, write=False, path=spec_path), body)


def _coerce(raw: str, schema: Mapping[str, Any]) -> Any:
    """Deserialize one form-style query/path value for a primitive schema (else keep the text)."""
    kind = schema.get("type")
    if kind == "integer":
        try:
            return int(raw, 10)
        except ValueError:
            return raw
    if kind == "number":
        try:
            return float(raw)
        except ValueError:
            return raw
    if kind == "boolean":
        return {"true": True, "false": False}.get(raw, raw)
    return raw


def validate_request(
    op: Operation,
    path_params: Mapping[str, str],
    query: Mapping[str, list[str]],
    headers: Mapping[str, str],
    body: bytes,
    spec_path: str,
) -> tuple[list[str], dict[str, Any], Any]:
    """Validate one request; returns (messages, deserialized params, parsed JSON body)."""
    messages: list[str] = []
    values: dict[str, Any] = {}
    known_query = set()
    for index, param in enumerate(op.parameters):
        name, where, schema = param["name"], param["in"], param.get("schema", {})
        label = f"{where} parameter '{name}'"
        if where == "query":
            known_query.add(name)
        raw_values: list[str]
        if where == "path":
            raw_values = [path_params[name]] if name in path_params else []
            if raw_values and raw_values[0] == "":
                messages.append(f"{label}: must not be empty")
                continue
        elif where == "query":
            raw_values = list(query.get(name, []))
        elif where == "header":
            raw_values = [headers[name.lower()]] if name.lower() in headers else []
        else:
            continue
        if not raw_values:
            if param.get("required"):
                messages.append(f"{label}: is required")
            continue
        if len(raw_values) > 1 and schema.get("type") != "array":
            messages.append(f"{label}: given {len(raw_values)} times")
            continue
        value = _coerce(raw_values[0], schema)
        pointer = f"{op.parameter_pointers[index]}/schema"
        for msg in _error_messages(
            _validator(pointer, write=True, path=spec_path), value
        ):
            messages.append(f"{label}: {msg}")
        values[name] = value
    for name in query:
        if name not in known_query:
            messages.append(
                f"query parameter '{name}': not defined for {op.method} {op.template}"
            )

    parsed: Any = None
    rb = op.request_body
    if rb is not None:
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        if not body:
            if rb.get("required"):
                messages.append("request body: is required")
        elif ctype not in rb.get("content", {}):
            messages.append(
                f"request body: content type {ctype or '(none)'!r} is not one of "
                f"{sorted(rb.get('content', {}))}"
            )
        elif ctype == "multipart/form-data":
            parts = parse_multipart(headers.get("content-type", ""), body)
            if parts is None:
                messages.append("request body: not valid multipart/form-data")
            else:
                parsed = parts
                # a file part as the string its binary schema stands for, text as text
                instance = {
                    p.name: (
                        p.data.decode("latin-1")
                        if p.filename is not None
                        else p.data.decode("utf-8", "replace")
                    )
                    for p in parts
                }
                pointer = (
                    f"{op.pointer}/requestBody/content/{pointer_escape(ctype)}/schema"
                )
                for msg in _error_messages(
                    _validator(pointer, write=True, path=spec_path), instance
                ):
                    messages.append(f"request body: {msg}")
        else:
            try:
                parsed = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as exc:
                messages.append(f"request body: not valid JSON ({exc})")
            else:
                pointer = (
                    f"{op.pointer}/requestBody/content/{pointer_escape(ctype)}/schema"
                )
                for msg in _error_messages(
                    _validator(pointer, write=True, path=spec_path), parsed
                ):
                    messages.append(f"request body: {msg}")
    elif body:
        messages.append(f"request body: {op.method} {op.template} takes no body")
    return messages, values, parsed
