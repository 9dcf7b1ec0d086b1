"""``docstrings.clean`` only strips a text holding nothing it changes: the same text as
normalising newlines, expanding tabs and dropping control characters gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import docstrings as ds

_CHARS = st.sampled_from(
    list("ab \n\r\t\x00\x0b\x1f\x7f\x85\x9f\u2028\u2029\u200b\u200f\u202a\u2066設")
)


def _reference(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return ds._CONTROL.sub("", text).strip()


@settings(max_examples=500, derandomize=True, database=None, deadline=None)
@given(st.lists(_CHARS, max_size=20).map("".join))
def test_clean_is_the_full_normalisation(text: str) -> None:
    assert ds.clean(text) == _reference(text)
