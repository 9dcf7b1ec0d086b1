"""A file split at its docstring placeholders once is filled per locale: each placeholder
line becomes its text at the line's indent, an empty text removes the line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.python import (
    encoded_pieces,
    fill_encoded,
    fill_pieces,
    placeholder_pieces,
)

SKELETON = (
    "# @@DOC0@@\n"
    "class A:\n"
    '    """@@DOC1@@"""\n'
    "\n"
    "    def f(self) -> None:\n"
    '        """@@DOC2@@"""\n'
    "        return None\n"
    'x = """@@DOC1@@"""  # not a placeholder line: kept\n'
)


def test_each_placeholder_line_takes_its_text_at_its_indent() -> None:
    docs = ("# Header", '"""Class A."""', '"""F.\n\n        More."""')
    assert fill_pieces(placeholder_pieces(SKELETON), docs) == (
        "# Header\n"
        "class A:\n"
        '    """Class A."""\n'
        "\n"
        "    def f(self) -> None:\n"
        '        """F.\n'
        "\n"
        '        More."""\n'
        "        return None\n"
        'x = """@@DOC1@@"""  # not a placeholder line: kept\n'
    )


def test_an_empty_text_removes_its_line_and_pieces_are_reused() -> None:
    pieces = placeholder_pieces(SKELETON)
    filled = fill_pieces(pieces, ("", "", ""))
    assert filled == (
        "class A:\n"
        "\n"
        "    def f(self) -> None:\n"
        "        return None\n"
        'x = """@@DOC1@@"""  # not a placeholder line: kept\n'
    )
    assert fill_pieces(pieces, ("# H", "", "")).startswith("# H\nclass A:\n\n")


def test_text_without_placeholders_is_unchanged() -> None:
    assert fill_pieces(placeholder_pieces("a\nb\n"), ()) == "a\nb\n"


_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",))
    | st.sampled_from(["\n", "é", "\U0001f600"]),
    max_size=12,
)


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(
    st.lists(
        st.tuples(
            _TEXT,
            st.sampled_from(["", "    ", "\t"]),
            st.booleans(),
            st.integers(0, 3),
        ),
        max_size=6,
    ),
    st.lists(_TEXT, min_size=4, max_size=4),
)
def test_the_bytes_filled_in_are_the_text_filled_in_encoded(
    lines: list[tuple[str, str, bool, int]], docs: list[str]
) -> None:
    """``fill_encoded`` (a locale written ahead: its code never made text) gives the
    UTF-8 bytes of what ``fill_pieces`` gives, placeholders of both kinds, empty texts
    and text around them included."""
    skeleton = "".join(
        f"{before}\n{indent}"
        + (f'"""@@DOC{n}@@"""\n' if literal else f"# @@DOC{n}@@\n")
        for before, indent, literal, n in lines
    )
    pieces = placeholder_pieces(skeleton)
    texts = [doc.encode("utf-8") for doc in docs]
    assert fill_encoded(encoded_pieces(pieces), texts) == (
        fill_pieces(pieces, tuple(docs)).encode("utf-8")
    )
