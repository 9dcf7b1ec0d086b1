"""The semantic checks' meta-schema check of each schema, decided by jsonschema-rs.

openapi-spec-validator's semantic checks validate every schema of a document against its
JSON Schema dialect (``SchemaValidator._validate_schema_meta``) with jsonschema, building
a validator of the meta-schema for each schema: about half of the checks' time. When the
validator's backend is jsonschema-rs (openapi-spec-validator's own setting, ``auto``
picks it when installed), ``accepts`` asks a jsonschema-rs validator of the same
meta-schema, built once. A schema it accepts is valid; one it refuses is checked again
by jsonschema, whose message and path are the ones reported, as for the shape check.

The formats the meta-schemas name (``regex`` for ``pattern``, ``uri-reference`` for
``$ref`` ...) are checked by the same format checker as jsonschema's check would use, so
the two agree on them too. ``tests/ingest/test_backends.py`` compares the verdicts of
both backends on the project's corpus of invalid documents.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

# jsonschema's dialect (its meta-schema's "$schema") -> jsonschema-rs's validator class
_DRAFTS = {
    "http://json-schema.org/draft-04/schema#": "Draft4Validator",
    "https://json-schema.org/draft/2020-12/schema": "Draft202012Validator",
}


def enabled() -> bool:
    """Whether openapi-spec-validator validates with jsonschema-rs here."""
    from openapi_spec_validator.schemas.backend import get_validator_backend

    return get_validator_backend() == "jsonschema-rs"


def accepts(validator_class: Any, format_checker: Any, schema: Any) -> bool:
    """Whether jsonschema-rs finds ``schema`` valid against ``validator_class``'s
    meta-schema with ``format_checker``'s formats. False also when it cannot tell (a
    dialect it is not set up for): jsonschema then checks."""
    check = _checker(validator_class, format_checker)
    return check is not None and check(schema)


@functools.cache
def _checker(validator_class: Any, format_checker: Any) -> Callable[[Any], bool] | None:
    import jsonschema_rs
    from openapi_schema_validator._specifications import REGISTRY

    meta = validator_class.META_SCHEMA
    draft = _DRAFTS.get(str(meta.get("$schema", "")))
    if draft is None:
        return None
    contents = {uri: REGISTRY.contents(uri) for uri in REGISTRY}
    # the OpenAPI dialects' own meta-schemas; jsonschema-rs has the JSON Schema drafts'
    resources = [(uri, schema) for uri, schema in contents.items() if "openapis" in uri]
    formats = {
        name: functools.partial(_conforms, format_checker, name)
        for name in sorted(_format_names([meta, *contents.values()]))
    }
    try:
        validator = getattr(jsonschema_rs, draft)(
            meta,
            registry=jsonschema_rs.Registry(resources),
            formats=formats,
            validate_formats=True,
            offline=True,
        )
    except Exception:  # noqa: BLE001  a jsonschema-rs without these options: jsonschema
        return None  # decides (tests/ingest/test_meta_check.py fails on this machine)
    is_valid: Callable[[Any], bool] = validator.is_valid
    return is_valid


def _conforms(format_checker: Any, name: str, value: str) -> bool:
    return bool(format_checker.conforms(value, name))


def _format_names(nodes: list[Any]) -> set[str]:
    """Every ``format`` a schema among ``nodes`` asks for."""
    found: set[str] = set()
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("format"), str):
                found.add(node["format"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found
