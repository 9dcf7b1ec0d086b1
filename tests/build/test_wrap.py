"""``docstrings.wrap``: word by word (each word's tokens made once), or as one line when
the paragraph fits, it gives the lines the token-by-token path gives, at any width, in
any script."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import docstrings as ds

# words, wide characters, punctuation (opening, closing, other; ASCII and fullwidth),
# Markdown links and code spans, and every kind of space
_PIECES = st.sampled_from(
    [
        "a",
        "word",
        "longerword",
        "x" * 30,
        ".",
        ",",
        ")",
        "]",
        "}",
        "%",
        "-",
        "'",
        '"',
        "\\",
        "/",
        "<",
        "=",
        " ",
        "  ",
        "\n",
        "\t",
        "\x0b",
        "\x0c",
        "\r",
        "\x1c",
        "\x1f",
        "(",
        "[",
        "{",
        "`",
        "`a b`",
        "](x)",
        "](",
        "](`x",
        "設",
        "定",
        "。",
        "（",
        "）",
        "\u3000",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=600, deadline=None)
@given(text=_TEXTS, limit=st.integers(min_value=1, max_value=90))
def test_word_by_word_agrees_with_the_token_path(text: str, limit: int) -> None:
    assert ds.wrap(text, limit) == ds._wrap_tokens(text, limit)


def test_lines_break_before_an_opening_bracket_and_never_inside_a_code_span() -> None:
    assert ds.wrap("see call(argument)", 12) == ["see call", "(argument)"]
    assert ds.wrap("see `a code span` here", 10) == ["see", "`a code span`", "here"]


def test_a_backtick_in_a_link_target_opens_no_code_span() -> None:
    # "](//`x)" is the link's tail, so the next backtick opens a span of its own
    text = "[a](//`x) and `b c` d"
    assert ds.wrap(text, 12) == ds._wrap_tokens(text, 12) == ["[a](//`x)", "and `b c` d"]


def test_wide_characters_take_two_columns() -> None:
    # two columns a character, and no line starts with closing punctuation
    assert ds.wrap("会話の一覧を返します。", 10) == ["会話の一覧", "を返しま", "す。"]


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS)
def test_a_paragraph_as_wide_as_the_limit_or_one_column_wider(text: str) -> None:
    whole = ds._wrap_tokens(text, 10**6)  # the paragraph on one line, if any
    size = ds.width(whole[0]) if whole else 0
    for limit in (size - 1, size, size + 1):
        if limit >= 1:
            assert ds.wrap(text, limit) == ds._wrap_tokens(text, limit), limit
