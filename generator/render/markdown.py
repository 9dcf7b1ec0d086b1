"""Untrusted spec text made safe for Markdown: code spans, fenced blocks, links, tables.

Every spec string is untrusted. ``SafeMarkdown`` keeps its Markdown readable (code spans,
links, emphasis, lists, fenced code) but never lets it change the page's structure: ``<``/``>``
become entities outside code, stray backticks, brackets and pipes are escaped, links are
rebuilt from an allow-list of targets, fences are re-emitted with our own fence, and text
for a table cell or a heading is kept on one line.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from generator.build import docstrings
from generator.ingest.locales import is_locale_tag

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_INLINE = re.compile(
    r"(?P<tick>`+)(?P<code>.+?)(?<!`)(?P=tick)(?!`)"
    r"|(?P<img>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\((?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
    r"|<(?P<auto>(?:https?|mailto):[^<>\s]+)>"
    r"|\\(?P<esc>[\\`*_{}\[\]()#+\-.!|])"
)
# what every _INLINE match holds (a backtick, a link's "](", an autolink's "<http" or
# "<mailto:", an escape): a line without any of them is only made inert
_INLINE_START = re.compile(r"`|\]\(|<(?:https?|mailto):|\\[\\`*_{}\[\]()#+\-.!|]")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*")
_GAP = {"<": "&lt;", ">": "&gt;", "`": "\\`", "[": "\\[", "]": "\\]", "\\": "&#92;"}


def _inert(table: dict[str, str]) -> Callable[[str], str]:
    """Each character of ``table`` in a text replaced by its entry, all at once: a
    regular expression's substitution, two to three times faster than ``str.translate``
    with a table of strings (measured on Twilio's descriptions)."""
    special = re.compile("[" + re.escape("".join(table)) + "]")
    entry = table.__getitem__
    return functools.partial(special.sub, lambda m: entry(m.group()))


_MODES = {
    mode: _inert(table)
    for mode, table in (
        ("block", _GAP),
        ("cell", {**_GAP, "|": "\\|"}),
        ("head", {**_GAP, "#": "\\#"}),
    )
}
_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'`*_[]\\|{}~#"})
_URL_SAFE = "/:?#@!$&'*+,;=%~"


def _longest_run(text: str) -> int:
    if "`" not in text:
        return 0
    return max((len(m) for m in re.findall("`+", text)), default=0)


def plain_line(text: str) -> str:
    """``text`` as one line of plain text, HTML-escaped: for a page title or a site name,
    which themes put into their HTML without escaping them."""
    return html.escape(" ".join(docstrings.clean(text).split()))


def code_block(text: str, lang: str = "") -> str:
    """A fenced code block that no content can close early."""
    fence = "`" * max(3, _longest_run(text) + 1)
    return f"{fence}{re.sub(r'[^A-Za-z0-9_+-]', '', lang)}\n{text}\n{fence}"


# names, types and calls: the same in every locale, and many times in each
@functools.lru_cache(maxsize=1 << 15)
def code_span(text: str) -> str:
    """Inline code on one line; the backtick run is longer than any inside."""
    text = " ".join(text.split())
    ticks = "`" * (_longest_run(text) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}" if text else ""


@functools.lru_cache(maxsize=1 << 14)
def cell_code(text: str) -> str:
    """Inline code inside a table cell: a pipe would split the row even inside backticks."""
    if "|" not in text and "`" not in text:
        return code_span(text)
    return "<code>" + " ".join(text.split()).translate(_ENTITIES) + "</code>"


# what quote() leaves as it is: a URL of these only needs no work
_URL_AS_IS = re.compile("[A-Za-z0-9_.~" + re.escape(_URL_SAFE) + "-]*")


def _quote(url: str) -> str:
    """Percent-encode what Markdown or HTML could misread; other letters stay readable."""
    if _URL_AS_IS.fullmatch(url):
        return url
    return "".join(_quote_letter(ch) for ch in url)


@functools.lru_cache(maxsize=4096)
def _quote_letter(ch: str) -> str:
    if ord(ch) > 127 and ch.isprintable() and not ch.isspace():
        return ch
    return quote(ch, safe=_URL_SAFE)


@dataclass(frozen=True)
class SafeMarkdown:
    """Untrusted spec Markdown made safe for one locale's pages."""

    locale: str
    base_url: str = ""  # the site root-relative links point into; "": they are dropped

    def url(self, url: str) -> str | None:
        """An allowed link target (root-relative links point at this locale's docs), or None."""
        url = "https:" + url if url.startswith("//") else url
        try:
            parts = urlsplit(url)
        except ValueError:
            return None
        if (
            parts.scheme in ("http", "https") and parts.netloc
        ) or parts.scheme == "mailto":
            return _quote(url)
        if parts.scheme or parts.netloc or not url.startswith("/"):
            return None  # javascript:, data:, relative paths and bare anchors
        if not self.base_url:
            return None  # no documentation site configured (``docs_url``)
        segments = url.split("/")
        rest = "/".join(
            segments[2:]
            if len(segments) > 1 and is_locale_tag(segments[1])
            else segments[1:]
        )
        return _quote(f"{self.base_url.rstrip('/')}/{self.locale}/{rest}")

    def inline(self, line: str, mode: str = "block") -> str:
        """One line of Markdown: code spans and allowed links kept, everything else inert."""
        inert_text, out, pos = _MODES[mode], list[str](), 0
        if _INLINE_START.search(line) is None:
            return inert_text(line)
        for m in _INLINE.finditer(line):
            out.append(inert_text(line[pos : m.start()]))
            pos = m.end()
            if m.group("code") is not None:
                out.append(
                    cell_code(m.group("code"))
                    if mode == "cell"
                    else code_span(m.group("code"))
                )
            elif m.group("esc") is not None:
                out.append("\\" + m.group("esc"))
            else:
                target = m.group("auto") or m.group("url")
                label = self.inline(
                    (m.group("text") if m.group("auto") is None else "") or target, mode
                )
                url = self.url(target)
                out.append(f"{m.group('img') or ''}[{label}]({url})" if url else label)
        out.append(inert_text(line[pos:]))
        return "".join(out)

    @functools.lru_cache(maxsize=8192)  # noqa: B019  descriptions repeat
    def line(self, text: str, mode: str = "head") -> str:
        """A heading or other one-line text."""
        return self.inline(" ".join(docstrings.clean(text).split()), mode)

    @functools.lru_cache(maxsize=8192)  # noqa: B019  descriptions repeat
    def cell(self, text: str) -> str:
        """A table cell: one line, lines joined with <br>, pipes escaped."""
        lines = (ln.strip() for ln in docstrings.clean(text).split("\n"))
        return "<br>".join(self.inline(ln, "cell") for ln in lines if ln) or " "

    @functools.lru_cache(maxsize=8192)  # noqa: B019  descriptions repeat
    def block(self, text: str) -> str:
        """Paragraphs, lists and code blocks; no headings, HTML or unclosed fences."""
        out: list[str] = []
        fence, lang, code = "", "", list[str]()
        for raw in docstrings.clean(text).split("\n"):
            m = _FENCE.match(raw)
            if fence:
                if (
                    m
                    and m.group(1)[0] == fence[0]
                    and len(m.group(1)) >= len(fence)
                    and not m.group(2).strip()
                ):
                    out += ["", code_block("\n".join(code), lang), ""]
                    fence = ""
                else:
                    code.append(raw)
            elif m:
                fence, lang, code = m.group(1), (m.group(2).split() or [""])[0], []
            elif _SETEXT.fullmatch(raw) or raw.lstrip(" ").startswith("#"):
                line = raw.lstrip(
                    " "
                )  # no headings from spec text: first character as entity
                out.append(f"&#{ord(line[0])};" + self.inline(line[1:]))
            else:
                out.append(self.inline(raw))
        if fence:
            out += ["", code_block("\n".join(code), lang), ""]
        return "\n".join(out).strip("\n")


def table(header: list[str], rows: list[tuple[str, ...]]) -> str:
    """A Markdown table of cells that are already one-line and pipe-safe."""
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join(f"| {' | '.join(cells)} |" for cells in lines) if rows else ""


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def inert(text: str) -> str:
    """Plain text made inert inside Markdown (one line, every special escaped)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(docstrings.clean(str(text)).split()))


def code_span_safe(text: str) -> str:
    """Text that cannot close the Markdown code span it is put in."""
    return " ".join(docstrings.clean(text).replace("`", "'").split())


def shell_name(text: str) -> str:
    """An environment variable name's letters only: safe in a code span and a shell."""
    return re.sub(r"[^A-Za-z0-9_]", "", text)


class KeepUnknown(dict[str, str]):
    """``format_map`` values; placeholders it does not know stay as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
