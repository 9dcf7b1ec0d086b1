"""JSON documents are read by orjson where it reads them exactly as the standard library
does, and by the standard library otherwise (ingest/json_reading.py): the value is always
``json.loads``'s, and so is every message about a broken file."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.json_reading import fast_json
from generator.ingest.load import load
from generator.problems import InputError
from tests.builders import base_document


def _same(a: Any, b: Any) -> bool:
    """Equal values of the same types all the way down (1 is not 1.0, -0.0 not 0.0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (
            a == b and math.copysign(1, a) == math.copysign(1, b)
        )
    return bool(a == b)


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()  # past 64 bits too
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()  # any code point, lone surrogates included
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=5)
    | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_VALUES, st.booleans())
def test_the_value_is_always_what_json_loads_reads(value: Any, ascii: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii)
    data = text.encode("utf-8", "surrogatepass")
    done, found = fast_json(data)
    if done:
        assert _same(found, json.loads(text))


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 123456789012345678901234567890}',  # orjson: a float
        '{"a": -9223372036854775809}',  # orjson: a float
        '{"a": 1.2345678901234567890123}',
        '{"a": NaN, "b": Infinity}',
        '{"a": "\\ud800"}',  # a lone surrogate
        '\ufeff{"a": 1}',  # a byte order mark
        '{"a": 1,}',
    ],
)
def test_what_orjson_would_read_otherwise_is_left_to_json(text: str) -> None:
    assert fast_json(text.encode("utf-8")) == (False, None)


def test_a_real_spec_is_read_by_orjson_as_json_reads_it() -> None:
    path = Path(__file__).parents[2] / "bench/specs/twilio-api-v2010/en"
    data = (path / "twilio_api_v2010.json").read_bytes()
    done, found = fast_json(data)
    assert done and _same(found, json.loads(data.decode("utf-8")))


def _json_message(text: str) -> str:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return f"invalid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"
    raise AssertionError("valid JSON")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            b'{"openapi": "3.1.0",\n "info": }',
            _json_message('{"openapi": "3.1.0",\n "info": }'),
        ),
        (b'{"openapi": "3.1.0", "a": "\xff"}', "not UTF-8 text"),
        (
            b'\xef\xbb\xbf{"openapi": "3.1.0"}',
            _json_message('\ufeff{"openapi": "3.1.0"}'),
        ),
    ],
)
def test_broken_json_is_reported_as_the_standard_library_reads_it(
    tmp_path: Path, raw: bytes, message: str
) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "api.json").write_bytes(raw)
    with pytest.raises(InputError) as caught:
        load([str(tmp_path)])
    assert [p.message for p in caught.value.problems] == [message]


def test_a_document_with_a_huge_integer_keeps_it(tmp_path: Path) -> None:
    document = base_document("en")
    document["components"] = {"schemas": {"N": {"type": "integer", "maximum": 10**30}}}
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "api.json").write_text(json.dumps(document), encoding="utf-8")
    [loaded] = load([str(tmp_path)])
    maximum = loaded.document["components"]["schemas"]["N"]["maximum"]
    assert maximum == 10**30 and type(maximum) is int
