"""Long derived names are shortened deterministically, and stay distinct."""

from __future__ import annotations

from generator.build.shorten import LIMIT, shorten


def test_short_names_are_unchanged() -> None:
    name = "ChatAppParametersResponseSuggestedQuestionsAfterAnswer"
    assert shorten(name) == name
    assert shorten("x" * LIMIT) == "x" * LIMIT


def test_long_names_keep_first_and_last_words_and_a_digest() -> None:
    name = "Root" + "".join(f"Level{i}" for i in range(1, 151))
    short = shorten(name)
    assert len(short) <= LIMIT
    assert short.startswith("RootLevel1Level2")
    head, digest = short.rsplit("_", 1)
    assert head.endswith("Level149Level150") and len(digest) == 8
    assert shorten(name) == short  # deterministic


def test_distinct_long_names_stay_distinct() -> None:
    names = {"Root" + "".join(f"Level{i}" for i in range(1, n)) for n in range(20, 160)}
    assert len({shorten(n) for n in names}) == len(names)


def test_snake_names_are_cut_at_underscores() -> None:
    short = shorten("_".join(f"word{i}" for i in range(40)))
    assert len(short) <= LIMIT
    head, _digest = short.rsplit("_", 1)
    assert head.startswith("word0_word1_") and head.endswith("_word38_word39")
    assert "__" not in short
