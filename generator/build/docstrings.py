"""Docstrings built in Python: cleaned, escaped, laid out PEP 257 / Google style, wrapped
by display width (CJK characters are two columns) with no line starting with closing
punctuation. Markdown stays readable: lists keep a hanging indent, code blocks and tables
are kept verbatim, code spans and links are never split.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from generator.conventions import LINE_LENGTH

CLOSING = set("。、，．：；！？）」』】〉》〕］｝’”,.:;!?)]}%")
OPENING = set("（「『【〈《〔［｛‘“([{")
# control and bidi-override characters (a newline and a tab are not among them)
_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{_CONTROLS}]")
_LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+")
# code spans and the "](target)" tail of a Markdown link are single unbreakable tokens
# (a run of ASCII characters that are not brackets, backquotes or spaces is one token: the
# characters of such a run would all be glued to each other anyway)
_TOKEN = re.compile(r"`[^`\n]*`|\]\([^)\s]*\)|\s+|[^\s`\](\[{\x80-\U0010ffff]+|\S")


def width(text: str) -> int:
    """Display width: East Asian wide and fullwidth characters count two columns."""
    if text.isascii():
        return len(text)
    return _wide_width(text)


@lru_cache(maxsize=8192)
def _wide_width(text: str) -> int:  # words repeat (CJK text is one token per character)
    return sum(2 if _is_wide(ch) else 1 for ch in text)


# what clean changes or drops: a text without any is only stripped (most texts)
_UNCLEAN = re.compile(f"[\\r\\t{_CONTROLS}]")


def clean(text: str) -> str:
    """Normalise newlines, expand tabs, drop control and bidi-override characters."""
    if _UNCLEAN.search(text) is None:
        return text.strip()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text).strip()


def escape_body(text: str) -> str:
    """Make text safe inside a triple-double-quoted string: backslashes first, then quotes."""
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


def escape(text: str) -> str:
    """``escape_body``, and a final quote escaped so it cannot touch the closing quotes."""
    text = escape_body(text)
    if text.endswith('"'):
        text = text[:-1] + '\\"'
    return text


def _is_wide(ch: str) -> bool:
    return ch >= "\u1100" and unicodedata.east_asian_width(ch) in "WF"


def _tokens(text: str) -> list[str]:
    """Words, code spans, links, single wide characters; punctuation glued to its neighbour."""
    raw = _TOKEN.findall(text)
    merged: list[str] = []
    for tok in raw:
        if tok.isspace():
            merged.append(" ")
            continue
        glue = (
            merged
            and merged[-1] != " "
            and (
                tok[0] in CLOSING
                or merged[-1][-1] in OPENING
                or (
                    not _is_wide(tok[0])
                    and not _is_wide(merged[-1][-1])
                    and tok[0] not in OPENING
                )
            )
        )
        if glue:
            merged[-1] += tok
        else:
            merged.append(tok)
    return merged


def wrap(text: str, limit: int) -> list[str]:
    """Greedy fill of one paragraph to ``limit`` display columns.

    A paragraph that fits is its one line, each run of spaces one space: what the fill
    gives (half the paragraphs of a real spec), without going token by token.
    """
    if "`" in text:  # a code span may hold spaces: the text is one token stream
        tokens = _stream(text)
        line = "".join(tokens).strip(" ")  # tokens never start or end with a space
        if width(line) <= limit:
            return [line] if line else []
        return _fill_stream(tokens, limit)
    # no token spans a space otherwise, nor glues across one: the text's tokens are its
    # words' tokens, and words repeat (made once each)
    words = text.split()
    line = " ".join(words)
    if width(line) <= limit:
        return [line] if line else []
    return _fill_words(words, limit)


def _fill_words(words: list[str], limit: int) -> list[str]:
    """``_fill_stream`` of the words' tokens (``_word_tokens``), a space before each
    word's first, made once per word: most words are one token."""
    lines: list[str] = []
    line: list[str] = []  # the current line: tokens, " " for a space
    used = 0  # display width of the current line
    for word in words:
        tokens = _word_tokens(word)
        tok, size = tokens[0]
        if not line:
            line.append(tok)
            used = size
        elif used + 1 + size > limit:
            lines.append("".join(line))
            line = [tok]
            used = size
        else:
            line += (" ", tok)
            used += 1 + size
        for tok, size in tokens[1:]:
            if used + size > limit:
                lines.append("".join(line))
                line = [tok]
                used = size
            else:
                line.append(tok)
                used += size
    if line:
        lines.append("".join(line))
    return lines


def _fill_stream(tokens: list[str], limit: int) -> list[str]:
    """Lines of at most ``limit`` columns from a paragraph's tokens (``_tokens``, " "
    for a space): a line breaks before a token only (a space there is dropped)."""
    lines: list[str] = []
    line: list[str] = []  # the current line: tokens, " " for a space
    used = 0  # display width of the current line
    after_space = False
    for tok in tokens:
        if tok == " ":
            after_space = True
            continue
        size = len(tok) if tok.isascii() else _wide_width(tok)
        gap = 1 if after_space and line else 0
        after_space = False
        if line and used + gap + size > limit:
            lines.append("".join(line))
            line = [tok]
            used = size
        else:
            if gap:
                line.append(" ")
            line.append(tok)
            used += gap + size
    if line:
        lines.append("".join(line))
    return lines


@lru_cache(maxsize=1 << 16)
def _word_tokens(word: str) -> tuple[tuple[str, int], ...]:
    """A word's tokens (``_tokens``) and their display widths."""
    return tuple((tok, width(tok)) for tok in _tokens(word))


def _wrap_tokens(text: str, limit: int) -> list[str]:
    """``wrap`` of any text: token by token (``_tokens``), by display width."""
    return _fill_stream(_stream(text), limit)


def _stream(text: str) -> list[str]:
    """A paragraph's tokens (``_tokens``), its lines joined."""
    return _tokens(" ".join(text.split("\n")))


def _blocks(text: str) -> Iterable[tuple[str, list[str]]]:
    """Split Markdown into ('para' | 'item' | 'verbatim', lines)."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            yield ("blank", [])
            i += 1
        elif line.lstrip().startswith(("```", "~~~")):
            fence = line.lstrip()[:3]
            block = [line]
            i += 1
            while i < len(lines):
                block.append(lines[i])
                i += 1
                if lines[i - 1].lstrip().startswith(fence):
                    break
            yield ("verbatim", block)
        elif line.lstrip().startswith("|") or line.startswith("    "):
            block = []
            while (
                i < len(lines)
                and lines[i].strip()
                and (lines[i].lstrip().startswith("|") or lines[i].startswith("    "))
            ):
                block.append(lines[i])
                i += 1
            yield ("verbatim", block)
        else:
            block = [line]
            i += 1
            while (
                i < len(lines)
                and lines[i].strip()
                and not _LIST_ITEM.match(lines[i])
                and not lines[i].lstrip().startswith(("|", "```", "~~~"))
            ):
                block.append(lines[i].strip())
                i += 1
            yield ("item" if _LIST_ITEM.match(line) else "para", block)


def layout(text: str, limit: int) -> list[str]:
    """Lines of a Markdown text, escaped for a docstring and wrapped to ``limit`` columns."""
    return list(_layout(text, limit))


@functools.lru_cache(maxsize=1 << 16)
def _layout(text: str, limit: int) -> tuple[str, ...]:
    # a pure function of its arguments, asked again and again for the same texts: the
    # descriptions every list operation shares, a text every untranslated locale repeats
    out: list[str] = []
    for kind, block in _blocks(escape_body(clean(text))):
        if kind == "blank":
            if out and out[-1]:
                out.append("")
        elif kind == "verbatim":
            out.extend(line.rstrip() for line in block)
        elif kind == "item":
            match = _LIST_ITEM.match(block[0])
            assert match is not None
            marker = match.group(0)
            hang = " " * len(marker)
            body = " ".join([block[0][len(marker) :], *block[1:]])
            wrapped = wrap(body, max(limit - len(marker), 20))
            out.extend(
                [marker + wrapped[0]] + [hang + w for w in wrapped[1:]]
                if wrapped
                else [marker.rstrip()]
            )
        else:
            out.extend(wrap(" ".join(block), limit))
    while out and not out[-1]:
        out.pop()
    return tuple(out)


def section(title: str, entries: list[tuple[str, str]], limit: int) -> list[str]:
    """A Google-style section: ``Args:`` then ``name: text`` entries with hanging indent."""
    if not entries:
        return []
    lines = ["", f"{title}:"]
    for raw_name, text in entries:
        name = escape_body(clean(raw_name))  # a return annotation can hold spec text
        head = f"    {name}: " if text else f"    {name}"
        body = layout(text, max(limit - 8, 20)) if text else []
        first_room = limit - width(head)
        if body and width(body[0]) <= first_room:
            lines.append(head + body[0])
            lines.extend(("        " + b) if b else "" for b in body[1:])
        else:
            lines.append(head.rstrip())
            lines.extend(("        " + b) if b else "" for b in body)
    return lines


def _close_safe(line: str) -> str:
    """Escape unescaped quotes at the end of an (escaped) line that closing quotes follow."""
    body = line.rstrip('"')
    quotes = len(line) - len(body)
    backslashes = len(body) - len(body.rstrip("\\"))
    if quotes and backslashes % 2 == 1:  # the first quote is already escaped
        body, quotes = body + '"', quotes - 1
    return body + '\\"' * quotes


def _black_spaced(line: str) -> str:
    """A one-line docstring's text as black leaves it: a space after the opening quotes
    when it starts with a quote, and before the closing ones when it ends with one."""
    if line.startswith('"'):
        line = " " + line
    if line.endswith('"'):
        line += " "
    return line


def render(summary: str, body: list[str], indent: int) -> str:
    """A complete docstring literal (quotes included) for code indented by ``indent``."""
    limit = LINE_LENGTH - indent
    head = layout(summary, limit - 3) or [""]
    lines = head + body
    while lines and not lines[-1]:
        lines.pop()
    pad = " " * indent
    if len(lines) == 1:
        single = _black_spaced(_close_safe(lines[0]))
        if width(single) + 6 <= limit:
            return f'"""{single}"""'
        # black joins a lone line with its closing quotes: split the line instead
        lines = layout(summary, limit - 6) or [""]
    if lines[0].startswith('"'):
        lines[0] = " " + lines[0]  # as black writes it: four quotes would end nothing
    text = "\n".join([(pad + line) if line else "" for line in lines[1:]])
    return f'"""{lines[0]}\n{text}\n{pad}"""' if text else f'"""{lines[0]}\n{pad}"""'


def paragraphs(*texts: str | None, limit: int) -> list[str]:
    """Description paragraphs after the summary, each preceded by a blank line."""
    out: list[str] = []
    for text in texts:
        if text and text.strip():
            out += [""] + layout(text, limit)
    return out
