"""Generator bugs the properties found, each pinned by its minimal document.

All are fixed (commit e4546eb); each test runs only its explicit ``@example`` (no
generated examples), as a regression test of that exact shape. The random documents of
strategies.py no longer exclude any of these shapes, so the properties cover them too.

1. A one-line docstring whose text ended with a double quote was rendered as the text,
   an escaped quote and the closing quotes; black puts a space before the closing
   quotes: not black-stable.
2. A docstring whose text started with a double quote was rendered with four quotes in
   a row; black puts a space after the opening quotes.
3. A property named ``missing_fields`` kept that name, so the field and
   ``BaseModel.missing_fields`` shadowed each other (a required one read as ``[]``, an
   optional one hid the list) and mypy --strict failed (incompatible override).
4. The Returns section of a method's docstring held the return annotation verbatim: an
   enum value made of three double quotes ended the docstring, so the module did not
   compile, and a value that closes the docstring, adds an expression such as
   ``str(__import__("os").getpid())`` and reopens it compiled into code the method ran.
5. A query parameter or body property named ``str`` (or ``dict``, ``__dict__``, ...)
   became an argument shadowing the builtin in the method's own annotations
   (``result: str = ...``): mypy --strict: Variable "str" is not valid as a type.
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
