"""Reference docs for one locale's client: Markdown pages plus an mkdocs.yml.

Returns {relative path: text}. Every spec string reaches a page through
``render.markdown`` (``SafeMarkdown``, code spans and blocks), never as raw Markdown.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

import yaml

from generator.build.view import ClientDef, ModuleDef, ResourceDef
from generator.build.words import words
from generator.conventions import HEADER_LINE
from generator.render.auth_prose import auth_body, env_lines
from generator.render.environment import render
from generator.render.frames import Frames
from generator.render.markdown import (
    KeepUnknown,
    SafeMarkdown,
    code_block,
    code_span,
    code_span_safe,
    plain_line,
    shell_name,
)
from generator.render.method_docs import MethodView, MethodViews, method_view, receiver
from generator.render.model_docs import model_pages, site_pages


@dataclass(frozen=True)
class SectionView:
    heading: str
    methods: tuple[MethodView, ...]


@dataclass(frozen=True)
class PageLink:
    label: str
    page: str
    methods: tuple[str, ...]


def _sections(
    md: SafeMarkdown,
    text: dict[str, str],
    package: str,
    resource: ResourceDef,
    path: str,
    links: dict[str, str] | None,
    views: MethodViews | None,
) -> list[SectionView]:
    methods = tuple(
        method_view(md, text, package, path, m, links, views) for m in resource.methods
    )
    own = [SectionView(code_span(receiver(path)), methods)] if methods else []
    return own + [
        s
        for child in resource.children
        for s in _sections(
            md, text, package, child, f"{path}.{child.attr}", links, views
        )
    ]


def _all_methods(md: SafeMarkdown, resource: ResourceDef, path: str) -> list[str]:
    """Index lines: ``client.a.b.c`` — summary."""
    lines = [
        code_span(f"{receiver(path)}.{m.name}")
        + (f" — {md.line(m.summary, 'block')}" if m.summary.strip() else "")
        for m in resource.methods
    ]
    return lines + [
        ln for c in resource.children for ln in _all_methods(md, c, f"{path}.{c.attr}")
    ]


def _page_names(modules: tuple[ModuleDef, ...]) -> dict[str, str]:
    """docs/<module>.md, never clobbering the home page (index.md / README.md)."""
    taken, names = {"index", "readme"}, {}
    for module in sorted(modules, key=lambda m: m.module):
        name = module.module or "client"  # the client's own methods come first
        while name.lower() in taken:
            name += "_"
        taken.add(name.lower())
        names[module.module] = f"{name}.md"
    return names


def install_values(client: ClientDef) -> dict[str, str]:
    """The words about the distribution (README, docs): its name, locale, package."""
    return {
        "dist": client.distribution or client.package.replace("_", "-"),
        "locale": code_span_safe(client.locale),
        "package": client.package,
    }


def render_docs(
    client: ClientDef,
    api_title: str | None = None,
    *,
    base_url: str | None = None,
    install_path: str = ".",
    titles: dict[str, str] | None = None,
    views: MethodViews | None = None,
) -> dict[str, str]:
    """mkdocs.yml, docs/index.md and docs/<resource>.md for one locale's client
    (``titles``: a page title per module, e.g. the spec's tag name; else its receiver;
    ``views``: the client's method sections, shared with another call for it).
    """
    md = SafeMarkdown(client.locale, client.docs_url if base_url is None else base_url)
    title = (api_title or client.title).strip() or client.package
    env = shell_name(client.env_prefix)
    safe_base = code_span_safe(client.default_base_url)
    values = {
        "title": md.line(title, "block"),
        "env": env,
        "base_url": safe_base,
        **install_values(client),
    }
    text = {
        k: v.format_map(KeepUnknown(values)) for k, v in words(client.locale).items()
    }
    text["auth_body"] = auth_body(client)
    header = HEADER_LINE.lstrip("# ")
    root = (client.root,) if client.root else ()
    pages = _page_names(root + client.resources)
    modules = sorted(root + client.resources, key=lambda m: m.module)
    files: dict[str, str] = {}
    model_links = model_pages(client) if titles is not None else None  # the site's
    shared = views if views is not None and views.client is client else None
    for module in modules:
        sections = _sections(
            md,
            text,
            client.package,
            module.resource,
            module.resource.attr,
            model_links,
            shared,
        )
        own = (titles or {}).get(module.module, "").strip()
        files[f"docs/{pages[module.module]}"] = render(
            "docs/resource.md.jinja",
            header=header,
            title=md.line(own) if own else code_span(receiver(module.resource.attr)),
            sections=sections,
            text=text,
        )
    links = [
        PageLink(
            code_span(m.module or "client")
            + (
                f" — {md.line(t, 'block')}"
                if (t := (titles or {}).get(m.module))
                else ""
            ),
            pages[m.module],
            tuple(_all_methods(md, m.resource, m.resource.attr)),
        )
        for m in modules
    ]
    files["docs/index.md"] = render(
        "docs/index.md.jinja",
        header=header,
        title=md.line(title),
        text=text,
        install=code_block(f"pip install {shlex.quote(install_path)}", "sh"),
        install_path=install_path,
        env_block=(
            code_block("\n".join(lines), "sh") if (lines := env_lines(client)) else ""
        ),
        resources=links,
    )
    config = {
        "site_name": plain_line(title),
        "docs_dir": "docs",
        "theme": {"name": "mkdocs"},
        "nav": [{text["docs_home"]: "index.md"}]
        + [{m.module or "client": pages[m.module]} for m in modules],
    }
    body = yaml.safe_dump(
        config, allow_unicode=True, sort_keys=False, default_flow_style=False
    )
    files["mkdocs.yml"] = f"# {header}\n{body}" if header else body
    if titles is not None:  # the site's: titles in front matter, model pages
        frames = shared.frames if shared is not None else Frames()
        files.update(site_pages(client, md, text, header, pages, titles, files, frames))
    return dict(sorted(files.items()))
