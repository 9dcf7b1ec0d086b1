"""``layout.split_top_level`` (which skips the text between what it stops at) splits
exactly where a character-by-character scan does: at separators outside brackets and
string literals, a backslash escaping the next character, an unclosed literal running to
the end."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.output.layout import split_top_level


def _scanned(text: str, separator: str) -> list[str]:
    parts = []
    depth, quote, start, i = 0, "", 0, 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and text.startswith(separator, i):
            parts.append(text[start:i].strip())
            start = i = i + len(separator)
            continue
        i += 1
    parts.append(text[start:].strip())
    return [part for part in parts if part]


_PIECES = st.sampled_from(
    list("ab ,|()[]{}\"'\\\n") + [" | ", ", ", 'Literal["a, b"]', "dict[str, int]"]
)


@settings(max_examples=800, deadline=None)
@given(
    text=st.lists(_PIECES, max_size=30).map("".join),
    separator=st.sampled_from([",", " | "]),
)
def test_splits_where_a_scan_of_every_character_does(text: str, separator: str) -> None:
    assert split_top_level(text, separator) == _scanned(text, separator)


def test_examples() -> None:
    assert split_top_level('a, Literal["x, y"], dict[str, int]') == [
        "a",
        'Literal["x, y"]',
        "dict[str, int]",
    ]
    assert split_top_level("A | None | list[B | C]", " | ") == [
        "A",
        "None",
        "list[B | C]",
    ]
    assert split_top_level("'a\\', b', c") == ["'a\\', b'", "c"]
