"""jsonschema-rs's verdict on a schema against its dialect is jsonschema's.

``meta_check.accepts`` decides the semantic checks' meta-schema check when the backend is
jsonschema-rs; a schema it refuses is checked again by jsonschema. These schemas probe
where two engines could differ: integers spelled as floats, regular expressions Python
and ECMA read differently, keywords whose type changed between drafts.
"""

from __future__ import annotations

from typing import Any

import pytest

from generator.ingest import meta_check, validator_settings

validator_settings.import_validator()

from openapi_schema_validator import OAS30Validator, OAS31Validator  # noqa: E402
from openapi_schema_validator._format import oas31_format_checker  # noqa: E402

_SCHEMAS: list[Any] = [
    {"type": "string"},
    {"type": ["string", "null"]},
    {"type": "strin"},
    {"minLength": 1.0},
    {"minLength": -1},
    {"pattern": "["},
    {"pattern": "\\p{L}+"},
    {"pattern": "(?<x>a)"},
    {"pattern": "^[a-z]{2,}$"},
    {"required": []},
    {"enum": []},
    {"maximum": True},
    {"exclusiveMinimum": 1},
    {"multipleOf": 0},
    {"items": []},
    {"format": 1},
    {"$ref": 5},
    {"$ref": "#/components/schemas/Item"},
    {"properties": {"a": {"type": 1}}},
    {"default": {"x": 1}},
    {"additionalProperties": "no"},
    {"allOf": [{"type": "string"}, {"minLength": "1"}]},
    True,
]


def _python(cls: Any, checker: Any, schema: Any) -> bool:
    try:
        cls.check_schema(schema, format_checker=checker)
    except Exception:  # SchemaError, or a type error on a non-object schema
        return False
    return True


@pytest.mark.parametrize("schema", _SCHEMAS, ids=repr)
def test_jsonschema_rs_and_jsonschema_agree_for_3_0(schema: Any) -> None:
    checker = OAS30Validator.FORMAT_CHECKER
    expected = _python(OAS30Validator, checker, schema)
    assert meta_check.accepts(OAS30Validator, checker, schema) is expected


@pytest.mark.parametrize("schema", _SCHEMAS, ids=repr)
def test_jsonschema_rs_and_jsonschema_agree_for_3_1(schema: Any) -> None:
    expected = _python(OAS31Validator, oas31_format_checker, schema)
    assert meta_check.accepts(OAS31Validator, oas31_format_checker, schema) is expected


def test_a_dialect_it_is_not_set_up_for_is_left_to_jsonschema() -> None:
    from jsonschema.validators import Draft7Validator

    assert not meta_check.accepts(Draft7Validator, oas31_format_checker, {})
