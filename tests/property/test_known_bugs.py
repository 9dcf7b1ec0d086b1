"""Generator bugs the properties found, each pinned by its minimal document.

Each test runs only its explicit ``@example`` (no generated examples) and is
``xfail(strict=True)``: when the bug is fixed the test passes, strict xfail turns that
into a failure, and whoever fixed it removes the mark here and the exclusion in
strategies.py that keeps the shape out of the random documents (named in each reason).
"""

from __future__ import annotations

from typing import Any

from hypothesis import Phase, example, given, settings

from tests.property import harness
from tests.property.strategies import REF, Spec, Text, specs
from tests.property.test_generate import assert_clean_output, assert_generated
from tests.property.test_models import assert_round_trip, imported
from tests.property.test_mypy import assert_mypy_strict

explicit_only = settings(phases=[Phase.explicit])


def _spec(
    components: dict[str, Any],
    version: str = "3.1.0",
    parameters: list[dict[str, Any]] | None = None,
) -> Spec:
    """One GET operation returning the first component, and ``components``."""
    first = next(iter(components))
    ok = {
        "description": Text("OK"),
        "content": {"application/json": {"schema": {"$ref": REF + first}}},
    }
    operation: dict[str, Any] = {"summary": Text("S"), "responses": {"200": ok}}
    if parameters:
        operation["parameters"] = parameters
    structure = {
        "openapi": version,
        "info": {"title": Text("T"), "version": "1.0.0"},
        "paths": {"/items": {"get": operation}},
        "components": {"schemas": components},
    }
    return Spec(version, ("en",), structure, "prefix")


def _described(description: str) -> Spec:
    return _spec(
        {
            "Alpha": {
                "type": "object",
                "description": description,  # a str: rendered as is, never "fixed"
                "properties": {"a": {"type": "string"}},
            }
        }
    )


@explicit_only
@example(spec=_described('Ends with quote"'))
@given(spec=specs())
def test_docstring_ending_with_a_quote_is_black_stable(spec: Spec) -> None:
    run = harness.generate(spec)
    assert_generated(run, spec)
    assert_clean_output(run)


@explicit_only
@example(spec=_described('"Quoted" first'))
@given(spec=specs())
def test_docstring_starting_with_a_quote_is_black_stable(spec: Spec) -> None:
    run = harness.generate(spec)
    assert_generated(run, spec)
    assert_clean_output(run)


_MISSING_FIELDS = _spec(
    {
        "Alpha": {
            "type": "object",
            "properties": {"missing_fields": {"type": "string"}},
        },
        "Bravo": {
            "type": "object",
            "required": ["missing_fields"],
            "properties": {"missing_fields": {"type": "string"}},
        },
    }
)


@explicit_only
@example(spec=_MISSING_FIELDS)
@given(spec=specs())
def test_property_named_missing_fields_decodes(spec: Spec) -> None:
    run = harness.generate(spec)
    assert_generated(run, spec)
    with imported(run, "en", spec) as checker:
        for name in ("Alpha", "Bravo"):
            decoded = assert_round_trip(checker, name, {"missing_fields": "x"})
            assert decoded.missing_fields == []


@explicit_only
@example(spec=_spec({"Alpha": {"type": "string", "enum": ['"""']}}))
@given(spec=specs())
def test_enum_value_with_three_quotes_in_a_return_type_compiles(spec: Spec) -> None:
    run = harness.generate(spec)
    assert_generated(run, spec)
    assert_clean_output(run)


@explicit_only
@example(
    spec=_spec(
        {"Alpha": {"type": "string"}},
        parameters=[{"name": "str", "in": "query", "schema": {"type": "string"}}],
    )
)
@given(spec=specs())
def test_query_parameter_named_str_passes_mypy_strict(spec: Spec) -> None:
    run = harness.generate(spec)
    assert_generated(run, spec)
    assert_mypy_strict([str(run.distribution("en") / "client")])
