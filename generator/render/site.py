"""One reference site per target: every locale's pages and a ``mkdocs.yml`` beside them.

``generated/<target>/mkdocs.yml`` (Material for MkDocs with mkdocs-static-i18n) builds
``generated/<target>/reference/<locale>/*.md``: the same English file names (slugs) in every
locale, so the language switcher keeps the reader on the page. Each locale's pages are the
ones its distribution's ``docs/`` folder holds, with the spec's tag names as page titles.
"""

from __future__ import annotations

import html
from collections import Counter

import yaml

from generator.build.view import ClientDef
from generator.build.words import words
from generator.conventions import HEADER_LINE
from generator.merge.model import Api
from generator.render.docs import render_docs
from generator.render.markdown import plain_line
from generator.render.method_docs import MethodViews

SITE_DIR = "reference"  # the site's docs_dir, next to the locale folders
THEME_DIR = "overrides"  # the site's theme.custom_dir: main.html
# the site's trees in a target's output: "" (its own folder: mkdocs.yml) and two folders
TREES = ("", SITE_DIR, THEME_DIR)
# mkdocs-static-i18n makes each page's <head> alternates the same page in the other
# languages; Material's script takes every such link for a language root and fetches
# sitemap.xml under it (a 404 and a console error per page). The header's language
# switcher (its own links) keeps the page without them, so <head> goes without.
_MAIN = """{{#- {header} #}}
{{% extends "base.html" %}}
{{% block site_meta %}}
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  {{% if page.canonical_url %}}<link rel="canonical" href="{{{{ page.canonical_url }}}}">{{% endif %}}
  {{% if page.previous_page %}}<link rel="prev" href="{{{{ page.previous_page.url | url }}}}">{{% endif %}}
  {{% if page.next_page %}}<link rel="next" href="{{{{ page.next_page.url | url }}}}">{{% endif %}}
  <link rel="icon" href="{{{{ config.theme.favicon | url }}}}">
{{% endblock %}}
"""
# the language switcher's labels, in each language itself
_NAMES = {"en": "English", "zh": "中文", "ja": "日本語", "ko": "한국어"}
# Material's search tokenizer: Chinese is segmented at build time (jieba) into words
# separated by U+200B, Japanese in the browser (lunr's TinySegmenter)
_SEPARATOR = r"[\s\u200b\-_,:!=\[\]()\"`/]+|\.(?!\d)|&[lg]t;|(?!\b)(?=[A-Z][a-z])"


def module_titles(api: Api, client: ClientDef) -> dict[str, str]:
    """Each resource module's title in the client's locale: the spec's tag name of its
    first operation (the locale's, else the primary's), or "" when it has none; the
    module's name follows a tag name that several modules share."""
    by_route = {(op.method.upper(), op.path): op for op in api.operations}
    titles = {}
    root = (client.root,) if client.root else ()
    for module in root + client.resources:
        stack, title = [module.resource], ""
        while stack and not title:
            resource = stack.pop(0)
            for method in resource.methods:
                op = by_route.get((method.http_method.upper(), method.path))
                tags = op.tags.pick(client.locale, api.primary).value if op else None
                if tags:
                    title = str(tags[0])
                    break
            stack += list(resource.children)
        titles[module.module] = title
    # several modules under one tag: each title says which (``会话管理 · messages``)
    counts = Counter(titles.values())
    return {
        m: f"{t} · {m or 'client'}" if t and counts[t] > 1 else t
        for m, t in titles.items()
    }


# regional forms Material for MkDocs has its own labels for; other tags use their language
_THEME_TAGS = {
    "zh-Hant": "zh-Hant",
    "zh-TW": "zh-TW",
    "zh-HK": "zh-Hant",
    "pt-BR": "pt-BR",
}


def theme_language(locale: str) -> str:
    """The theme's language (its labels, ``<html lang>``) for a locale tag."""
    return _THEME_TAGS.get(
        locale.replace("_", "-"), locale.replace("_", "-").split("-")[0]
    )


def site_name(view: ClientDef) -> str:
    """The site's name in a locale's view (escaped: themes do not escape it)."""
    return plain_line(view.title) or html.escape(view.package)


def _language(locale: str, primary: str, name: str) -> dict[str, object]:
    entry: dict[str, object] = {"locale": locale}
    if locale == primary:
        entry["default"] = True
    entry["name"] = _NAMES.get(locale, locale)
    entry["build"] = True
    entry["site_name"] = name
    label = words(locale)["docs_models"]
    if label != "Models":  # the models/ folder's section in the navigation
        entry["nav_translations"] = {"Models": label}
    if theme_language(locale) != locale:  # e.g. zh-Hans: the theme's zh
        entry["theme"] = {"language": theme_language(locale)}
    return entry


def locale_pages(
    api: Api, view: ClientDef, install: str, views: MethodViews | None = None
) -> dict[str, str]:
    """One locale's pages of the site: {"<locale>/<page>.md": text} (``views``: the
    method sections, shared with the package's docs)."""
    titles = module_titles(api, view)
    docs = render_docs(view, install_path=install, titles=titles, views=views)
    return {
        f"{view.locale}/{rel.removeprefix('docs/')}": text
        for rel, text in docs.items()
        if rel.startswith("docs/")
    }


def render_site(
    api: Api, names: dict[str, str], pages: dict[str, str]
) -> dict[str, dict[str, str]]:
    """{"": {"mkdocs.yml": ...}, "reference": {"<locale>/<page>.md": ...}}: the
    configuration for every locale (``names``: its ``site_name``), with every locale's
    ``locale_pages``."""
    primary = api.primary if api.primary in names else next(iter(names))
    order = [primary] + [loc for loc in names if loc != primary]
    config = {
        "site_name": names[primary],
        "docs_dir": SITE_DIR,
        # no web fonts: the site works offline and asks no third party
        "theme": {
            "name": "material",
            "custom_dir": THEME_DIR,
            "font": False,
            "features": ["navigation.footer"],
        },
        "plugins": [
            {"search": {"separator": _SEPARATOR}},
            {
                "i18n": {
                    "docs_structure": "folder",
                    "languages": [_language(loc, primary, names[loc]) for loc in order],
                }
            },
        ],
    }
    body = yaml.safe_dump(
        config, allow_unicode=True, sort_keys=False, default_flow_style=False
    )
    header = HEADER_LINE.lstrip("# ")
    return {
        "": {"mkdocs.yml": f"# {header}\n{body}" if header else body},
        SITE_DIR: dict(sorted(pages.items())),
        THEME_DIR: {"main.html": _MAIN.format(header=header)},
    }
