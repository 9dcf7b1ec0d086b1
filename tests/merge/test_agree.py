"""Locales agree on a value exactly when its JSON is the same (merge/normalize.agree)."""

from __future__ import annotations

import pytest

from generator.merge.normalize import agree, canonical


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
    ],
)
def test_locales_agree_exactly_when_their_json_is_the_same(
    values: list[object], same: bool
) -> None:
    assert agree(values) is same
    assert agree(values) == (len({canonical(v) for v in values}) == 1)
