"""Locales agree on a value exactly when its JSON is the same (merge/normalize.agree)."""

from __future__ import annotations

import pytest

from generator.merge.normalize import agree, canonical, same_spelling


@pytest.mark.parametrize(
    ("values", "same"),
    [
        (["a", "a", "a"], True),
        (["a", "b"], False),
        ([1, True], False),  # JSON 1 and true differ
        ([0, 0.0], False),
        ([-0.0, 0.0], False),
        ([None, None], True),
        ([{"a": 1, "b": [1, 2]}, {"b": [1, 2], "a": 1}], True),  # key order is spelling
        ([[1, 2], [2, 1]], False),
        ([{"x": 1}, {"x": True}], False),
        ([float("nan"), float("nan")], True),
        ([[1, {"a": [True]}], [1, {"a": [1]}]], False),  # nested: same_spelling says no
        ([[{"a": -0.0}], [{"a": 0.0}]], False),
        ([[1.5, "x", None], [1.5, "x", None], [1.5, "x", None]], True),
        ([{"a": 1, "b": 2}, {"b": 2, "a": 1}, {"a": 1, "b": 2}], True),
        ([[1, 2], [1, 2, 3]], False),
    ],
)
def test_locales_agree_exactly_when_their_json_is_the_same(
    values: list[object], same: bool
) -> None:
    assert agree(values) is same
    assert agree(values) == (len({canonical(v) for v in values}) == 1)


@pytest.mark.parametrize(
    "values",
    [
        [[1], [True]],
        [{"a": 0.0}, {"a": -0.0}],
        [{"a": 1, "b": 2}, {"b": 2, "a": 1}],  # equal JSON, spelled otherwise
        [[{"x": [1, "2"]}], [{"x": [1, "2"]}]],
        [[], []],
    ],
)
def test_a_common_spelling_is_always_one_json_value(values: list[object]) -> None:
    """The fast path never says two values agree that canonical JSON tells apart."""
    if same_spelling(values):
        assert len({canonical(v) for v in values}) == 1
    assert same_spelling([values[0], values[0]])
