"""A file split at its docstring placeholders once is filled per locale: each placeholder
line becomes its text at the line's indent, an empty text removes the line."""

from __future__ import annotations

from generator.render.python import fill_pieces, placeholder_pieces

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
