"""``SafeMarkdown.inline`` only makes inert a line in which nothing of Markdown's inline
syntax it keeps (code spans, links, images, autolinks, escapes) can start; making text
inert replaces each special character as ``str.translate`` would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.markdown import _GAP, _INLINE, _INLINE_START, _MODES, SafeMarkdown

_PIECES = list("ab !()[]<>`\\*_|#:/.") + ["https:", "mailto:", "](", "``", "設定"]
_LINES = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@settings(max_examples=800, derandomize=True, database=None, deadline=None)
@given(_LINES)
def test_no_inline_syntax_where_none_can_start(line: str) -> None:
    if _INLINE_START.search(line) is None:
        assert _INLINE.search(line) is None


_TABLES = {"block": _GAP, "cell": {**_GAP, "|": "\\|"}, "head": {**_GAP, "#": "\\#"}}


@settings(max_examples=600, derandomize=True, database=None, deadline=None)
@given(_LINES, st.sampled_from(sorted(_TABLES)))
def test_inert_text_is_the_translation(line: str, mode: str) -> None:
    assert _MODES[mode](line) == line.translate(str.maketrans(_TABLES[mode]))


def test_a_line_without_syntax_is_translated_only() -> None:
    md = SafeMarkdown("en", "https://docs.example")
    assert md.inline("a | b # c > d", "cell") == "a \\| b # c &gt; d"
    assert md.inline("a | b # c", "head") == "a | b \\# c"
    assert md.inline("see [x](https://a.example) and `c`") == (
        "see [x](https://a.example) and `c`"
    )
