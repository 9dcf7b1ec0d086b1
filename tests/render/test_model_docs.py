"""``doc_text``: a docstring literal's text, read without parsing when nothing in it is
escaped, must be what Python reads from it."""

from __future__ import annotations

import ast
from typing import cast

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import docstrings as ds
from generator.build.view import ClientDef
from generator.render.model_docs import doc_text

# prose as specs write it: quotes, backslashes, CJK, Markdown, newlines
_PIECES = list("ab \"\\'`\n\t|-*#()[]{}。、設定x1\u3000") + ['"""', "\r\n"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


class _Docs:
    def __init__(self, docstrings: tuple[str, ...]) -> None:
        self.docstrings = docstrings


def _python_reads(literal: str) -> str:
    try:
        value = ast.literal_eval(literal.strip())
    except (ValueError, SyntaxError):
        return ""
    return value if isinstance(value, str) else ""


@settings(max_examples=400, derandomize=True, database=None, deadline=None)
@given(_TEXT, st.lists(_TEXT, max_size=3), st.sampled_from([0, 4, 8]))
def test_doc_text_is_what_python_reads(
    summary: str, paragraphs: list[str], indent: int
) -> None:
    body = ds.paragraphs(*paragraphs, limit=80 - indent)
    literal = ds.render("s" + summary, body, indent)  # callers never give no summary
    client = cast(ClientDef, _Docs((literal, "", "# a comment")))
    assert doc_text(client, 0) == _python_reads(literal)
    assert doc_text(client, 1) == "" and doc_text(client, 2) == ""
    assert doc_text(client, 3) == "" and doc_text(client, None) == ""


def test_doc_text_of_escaped_literals() -> None:
    for literal in ['"""a \\"""" """', '"""back\\\\slash"""', '"""  """', '""""""']:
        client = cast(ClientDef, _Docs((literal,)))
        assert doc_text(client, 0) == _python_reads(literal), literal
