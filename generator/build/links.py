"""Root-relative links in the spec's prose (``[label](/api-reference/...)``), resolved for
one locale: against the target's documentation site when it has one (``docs_url``), else
left as their label, plain text: never a link that leads nowhere.

``/x/y`` becomes ``<docs_url>/<locale>/x/y``; a first segment that is a locale tag (the
page's own, as Dify's docs write ``/zh/...``) is replaced by the locale: for Dify,
``https://docs.dify.ai/<locale>/...``. The docs pages (``render.markdown``) follow the
same rule, so a link reads the same in a docstring and on the site.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from generator.ingest.locales import is_locale_tag

# [label](/target "optional title"); the label holds no brackets, the target no spaces
_LINK = re.compile(r"\[([^\[\]\n]*)\]\((/(?!/)[^\s()]*)(?:\s+\"[^\"\n]*\")?\)")


def resolve(url: str, locale: str, base: str) -> str:
    """A root-relative ``url`` on the documentation site ``base`` in ``locale``."""
    segments = url.split("/")
    rest = (
        segments[2:]
        if len(segments) > 1 and is_locale_tag(segments[1])
        else segments[1:]
    )
    target = f"{base.rstrip('/')}/{locale}/{'/'.join(rest)}"
    # spaces, parentheses and quotes would end the link; other letters stay readable
    return "".join(
        ch if ch.isprintable() and ch not in ' ()"<>' else quote(ch) for ch in target
    )


def resolve_links(text: str, locale: str, base: str) -> str:
    """``text`` with its root-relative Markdown links resolved (or made plain text)."""
    if "](/" not in text:
        return text
    if not base:
        return _LINK.sub(lambda m: m.group(1), text)
    return _LINK.sub(
        lambda m: f"[{m.group(1)}]({resolve(m.group(2), locale, base)})", text
    )
