"""Render stage: one Jinja environment, one template per kind of output file.

Returns the files of one distribution as {relative path: text}; nothing is written here.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator import docstrings, layout
from generator.clientmodel import ClientDef
from generator.docs import render_docs
from generator.i18n import words

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
RUNTIME = TEMPLATES / "client" / "runtime"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(text: str) -> str:
    """Plain text made inert inside Markdown (one line, specials escaped)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(docstrings.clean(str(text)).split()))


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(
        pyrepr=layout.literal,
        tomlstr=lambda v: json.dumps(str(v), ensure_ascii=False),
        md=md,
        docsafe=docstrings.escape,
    )
    return env


def _render(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)


def runtime_files() -> dict[str, str]:
    """The hand-written runtime modules, copied into every package."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(RUNTIME.glob("*.py"))}


def _version(raw: str) -> str:
    return raw if re.fullmatch(r"\d+(\.\d+)*", raw or "") else "0.0.0"


def render_python(client: ClientDef) -> dict[str, str]:
    """The Python files of one locale's package (unformatted)."""
    pkg = client.package
    header = client.header
    files: dict[str, str] = {}
    for name, text in runtime_files().items():
        files[f"{pkg}/{name}"] = f"{header}\n{text}"
    files[f"{pkg}/__init__.py"] = _render(
        "client/package_init.py.jinja", header=header, client=client
    )
    files[f"{pkg}/_client.py"] = _render(
        "client/_client.py.jinja", header=header, client=client
    )
    files[f"{pkg}/resources/__init__.py"] = _render(
        "client/resources_init.py.jinja", header=header
    )
    files[f"{pkg}/types/__init__.py"] = _render(
        "client/types_init.py.jinja", header=header, client=client
    )
    for module in client.resources:
        files[f"{pkg}/resources/{module.module}.py"] = _render(
            "client/resource.py.jinja", header=header, module=module
        )
    for model in client.models:
        files[f"{pkg}/types/{model.module}.py"] = _render(
            "client/model.py.jinja", header=header, model=model
        )
    return files


def render_other(client: ClientDef, version: str, install_path: str) -> dict[str, str]:
    """The files of a distribution that are not Python: metadata, README, reference docs."""
    pkg = client.package
    files: dict[str, str] = {f"{pkg}/py.typed": ""}
    header_line = client.header.splitlines()[0].lstrip("# ")
    files["pyproject.toml"] = _render(
        "client/pyproject.toml.jinja",
        header_line=header_line,
        client=client,
        dist_name=pkg.replace("_", "-"),
        version=_version(version),
    )
    values = _Keep(
        title=md(client.title),
        env=_code_span_safe(client.env_prefix),
        base_url=_code_span_safe(client.default_base_url),
    )
    readme_words = {k: v.format_map(values) for k, v in words(client.locale).items()}
    files["README.md"] = _render(
        "client/README.md.jinja",
        header_line=header_line,
        client=client,
        text=readme_words,
        install_path=install_path,
        example=_example(client),
    )
    files.update(render_docs(client))
    return files


class _Keep(dict[str, str]):
    """format_map values; placeholders it does not know stay as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _code_span_safe(text: str) -> str:
    """Text that cannot close the Markdown code span it is put in."""
    return " ".join(docstrings.clean(text).replace("`", "'").split())


def _example(client: ClientDef) -> str:
    """A first call: the first GET method found (path arguments as placeholders)."""
    for module in client.resources:
        stack = [(module.resource, [module.resource.attr])]
        while stack:
            resource, path = stack.pop(0)
            for method in resource.methods:
                if method.http_method == "GET":
                    args = ", ".join(f'"<{a.name}>"' for a in method.path_args)
                    call = ".".join(path + [method.name])
                    return (
                        f"from {client.package} import Client\n\n"
                        f"with Client() as client:\n"
                        f"    result = client.{call}({args})\n"
                        f"    print(result)"
                    )
            stack.extend((child, path + [child.attr]) for child in resource.children)
    return f"from {client.package} import Client\n\nclient = Client()"
