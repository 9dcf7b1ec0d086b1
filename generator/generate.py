"""Generate stage wiring: model -> ClientDef per locale -> rendered, formatted files.

The Python code of a target is identical across its locales except for docstrings and the
header comment. So each locale's ClientDef is split into a skeleton (every docstring replaced
by a numbered placeholder) and its docstrings; the skeleton's code, the same text for every
locale, is formatted once, then each locale's docstrings are put back. Docstrings
are built already laid out the way black leaves them, and ``black --check`` on the output is
tested, so the result is exactly what black produces on the full text.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

from generator.build import Builder
from generator.clientmodel import ClientDef
from generator.config import Target
from generator.fmt import format_files
from generator.model import Api
from generator.render import render_other, render_python

_DOC_FIELDS = frozenset(
    {
        "docstring",
        "module_docstring",
        "client_docstring",
        "raw_docstring",
        "raw_class_docstring",
    }
)
_PLACEHOLDER = re.compile(
    r'^([ \t]*)(?:"""@@DOC(\d+)@@"""|# @@DOC(\d+)@@)\n', re.MULTILINE
)


def split_docstrings(client: ClientDef) -> tuple[ClientDef, list[str]]:
    """(the client with numbered placeholders for docstrings and header, the texts)."""
    texts: list[str] = []

    def walk(value: Any) -> Any:
        if isinstance(value, tuple):
            return tuple(walk(v) for v in value)
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return value
        changes: dict[str, Any] = {}
        for field in dataclasses.fields(value):
            item = getattr(value, field.name)
            if field.name == "header":
                texts.append(item)
                changes[field.name] = f"# @@DOC{len(texts) - 1}@@"
            elif field.name in _DOC_FIELDS and isinstance(item, str):
                texts.append(item)
                changes[field.name] = f'"""@@DOC{len(texts) - 1}@@"""'
            elif isinstance(item, tuple) or dataclasses.is_dataclass(item):
                changes[field.name] = walk(item)
        return dataclasses.replace(value, **changes)

    return walk(client), texts


def fill_docstrings(text: str, texts: list[str]) -> str:
    def put(match: re.Match[str]) -> str:
        index = int(match.group(2) or match.group(3))
        value = texts[index]
        return f"{match.group(1)}{value}\n" if value else ""

    return _PLACEHOLDER.sub(put, text)


def generate_target(
    api: Api, target: Target
) -> tuple[dict[str, dict[str, str]], tuple[str, ...]]:
    """{locale: {relative path: text}} for every locale of a target, and naming notes."""
    builder = Builder(api, target)
    trees = {}
    notes: tuple[str, ...] = ()
    for locale in api.locales:
        client = builder.client(locale)
        notes = client.naming_notes
        skeleton, texts = split_docstrings(client)
        # the same text for every locale: format_files lays each distinct text out once
        skeleton_files = format_files(render_python(skeleton))
        files = {
            path: fill_docstrings(text, texts) for path, text in skeleton_files.items()
        }
        # relative paths only: output never depends on where it is written
        out = Path(target.out)
        install = (
            (out / locale).as_posix() if target.out and not out.is_absolute() else "."
        )
        files.update(render_other(client, api.version, install))
        trees[locale] = files
    return trees, notes
