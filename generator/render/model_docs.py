"""The reference site's model pages, and type annotations linked to them.

A page per model (``docs/models/<module>.md``): its description and a table of its fields
(name, JSON key, type, required, description) in the client's locale. Annotations name
models by their class names; ``linked`` turns each such name into a link to its page and
keeps everything else in code spans, so spec-derived text (enum literals) stays inert.
"""

from __future__ import annotations

import ast
import functools
import re

import yaml

from generator.build.view import ClientDef, MethodDef, ModelDef
from generator.render.frames import Frames
from generator.render.markdown import (
    SafeMarkdown,
    cell_code,
    code_span,
    code_span_safe,
    plain_line,
    table,
)

MODELS_DIR = "models"
# a docstring's text where every backslash escapes a backslash or a quote (what
# docstrings.escape_body and its closing quotes write), and one such escape
_ESCAPES_ONLY = re.compile(r'(?:[^\\]|\\[\\"])*', re.DOTALL)
_ESCAPE = re.compile(r'\\([\\"])')
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def model_pages(client: ClientDef) -> dict[str, str]:
    """{class name: page path relative to docs/}."""
    return {m.class_name: f"{MODELS_DIR}/{m.module}.md" for m in client.models}


def linked(annotation: str, pages: dict[str, str], prefix: str, cell: bool) -> str:
    """``annotation`` as code spans with each model name a link to ``prefix + page``."""
    code = cell_code if cell else code_span
    pieces, pos = [], 0
    for name, start, end in _names(annotation):
        page = pages.get(name)
        if page is None:
            continue  # not a model
        if start > pos:
            pieces.append(code(annotation[pos:start]))
        pieces.append(f"[{code_span(name)}]({prefix}{page})")
        pos = end
    if pos < len(annotation):
        pieces.append(code(annotation[pos:]))
    return "".join(p for p in pieces if p)


@functools.lru_cache(maxsize=1 << 14)  # annotations: the same in every locale
def _names(annotation: str) -> tuple[tuple[str, int, int], ...]:
    """The names in an annotation that could be models (not words inside a Literal's
    string), with where each starts and ends."""
    return tuple(
        (m.group(), m.start(), m.end())
        for m in _NAME.finditer(annotation)
        if annotation[max(m.start() - 1, 0)] not in "\"'"
    )


def doc_text(client: ClientDef, doc: object) -> str:
    """A docstring's text (``ClientDef.docstrings`` holds laid-out literals)."""
    if not isinstance(doc, int) or not 0 <= doc < len(client.docstrings):
        return ""
    literal = client.docstrings[doc].strip()
    if not literal:
        return ""  # a model without a docstring
    inner = literal[3:-3]
    if (
        len(literal) >= 6
        and literal.startswith('"""')
        and literal.endswith('"""')
        and '"""' not in inner
    ):
        if "\\" not in inner:
            return inner  # nothing escaped: the literal's text as it is (most of them)
        if _ESCAPES_ONLY.fullmatch(inner):  # only the escapes docstrings.py writes
            return _ESCAPE.sub(r"\1", inner)
    try:
        value = ast.literal_eval(literal)
    except (ValueError, SyntaxError):
        return ""
    return value if isinstance(value, str) else ""


def events(annotation: str, pages: dict[str, str]) -> list[str]:
    """The model names a stream's annotation lists, in order, each once."""
    inner = annotation[annotation.find("Stream[") :] if "Stream[" in annotation else ""
    names = [n for n in _NAME.findall(inner) if n in pages]
    return list(dict.fromkeys(names))


def render_model(
    client: ClientDef,
    md: SafeMarkdown,
    text: dict[str, str],
    model: ModelDef,
    pages: dict[str, str],
    frames: Frames,
) -> str:
    """One model's page body (after its front matter and header comment); ``pages``:
    ``model_pages`` relative to the models' folder (links to the page's siblings);
    ``frames``: the target's name and type cells, made by its first locale."""
    key = (model.module, model.class_name)
    cells = frames.cells.get(key)
    if cells is None:
        cells = frames.cells[key] = tuple(
            (
                code_span(f.name)
                + (f" ({cell_code(f.wire)})" if f.wire != f.name else ""),
                linked(f.annotation, pages, "", cell=True),
            )
            for f in model.fields
        )
    rows: list[tuple[str, ...]] = [
        (
            *cell,
            text["docs_yes"] if f.required else text["docs_no"],
            md.cell(doc_text(client, f.docstring)),
        )
        for cell, f in zip(cells, model.fields)
    ]
    header = [
        text["docs_name"],
        text["docs_type"],
        text["docs_required"],
        text["docs_description"],
    ]
    description = md.block(doc_text(client, model.docstring))
    parts = [f"# {code_span(model.class_name)}", description, table(header, rows)]
    return "\n\n".join(p for p in parts if p) + "\n"


@functools.lru_cache(maxsize=4096)  # model names: the same in every locale
def front_matter(title: str) -> str:
    """A page's YAML front matter naming its title (themes do not escape it)."""
    plain = plain_line(title)
    return "---\n" + yaml.safe_dump({"title": plain}, allow_unicode=True) + "---\n"


def method_notes(text: dict[str, str], method: MethodDef, links: dict[str, str]) -> str:
    """The site's words on paging and on the events of a stream."""
    if method.kind == "page":
        cursor = code_span_safe(method.cursor_param or "cursor")
        return text["docs_paging"].replace("{cursor}", cursor)
    names = events(method.return_annotation, links)
    lines = [f"- [{code_span(n)}]({links[n]})" for n in names]
    return f"{text['docs_events']}\n\n" + "\n".join(lines) if lines else ""


def site_pages(
    client: ClientDef,
    md: SafeMarkdown,
    text: dict[str, str],
    header: str,
    pages: dict[str, str],
    titles: dict[str, str],
    files: dict[str, str],
    frames: Frames,
) -> dict[str, str]:
    """The site's pages of one locale: ``files`` (docs/...) with each page's title in
    front matter (the navigation's labels, as plain text), and a page per model
    (``frames``: the target's parts of them no locale changes)."""
    nav = {"index.md": text["docs_home"]}
    nav |= {pages[m]: t or m or "client" for m, t in titles.items()}
    out = {
        f"docs/{p}": front_matter(label) + files[f"docs/{p}"]
        for p, label in nav.items()
    }
    siblings = {
        k: v.removeprefix(f"{MODELS_DIR}/") for k, v in model_pages(client).items()
    }
    for model in client.models:
        out[f"docs/{MODELS_DIR}/{model.module}.md"] = (
            front_matter(model.class_name)
            + f"<!-- {header} -->\n"
            + render_model(client, md, text, model, siblings, frames)
        )
    return out
