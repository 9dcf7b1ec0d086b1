"""``Localized``: the value a locale reads, its own, else the primary's, else the first."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.merge.model import Localized

_LOCALES = st.sampled_from(["en", "ja", "zh-Hans", "ko"])
_VALUES = st.lists(
    st.tuples(_LOCALES, st.one_of(st.none(), st.text(max_size=3))),
    max_size=4,
    unique_by=lambda pair: pair[0],
)


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(_VALUES, _LOCALES, _LOCALES)
def test_value_for_is_what_pick_picks(
    values: list[tuple[str, str | None]], locale: str, primary: str
) -> None:
    localized = Localized(tuple(values))
    assert localized.value_for(locale, primary) == localized.pick(locale, primary).value


def test_value_for_falls_back_to_the_primary_then_the_first() -> None:
    text = Localized((("ja", "日本語"), ("en", "English")))
    assert text.value_for("ja", "en") == "日本語"
    assert text.value_for("ko", "en") == "English"
    assert text.value_for("ko", "fr") == "日本語"
    assert Localized[str]().value_for("en", "en") is None
