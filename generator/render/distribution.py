"""The files of a distribution that are not Python: metadata, README, reference docs."""

from __future__ import annotations

import re
import shlex

from generator.build.view import ClientDef
from generator.build.words import words
from generator.conventions import HEADER_LINE, LINE_LENGTH
from generator.render.auth_prose import auth_body, env_lines
from generator.render.docs import install_values, render_docs
from generator.render.environment import render
from generator.render.markdown import KeepUnknown, code_span_safe, inert, shell_name
from generator.render.method_docs import MethodViews


def _version(raw: str) -> str:
    return raw if re.fullmatch(r"\d+(\.\d+)*", raw or "") else "0.0.0"


def render_other(
    client: ClientDef,
    version: str,
    install_path: str,
    views: MethodViews | None = None,
) -> dict[str, str]:
    """The files of a distribution that are not Python: metadata, README, reference docs
    (``views``: the client's method sections, shared with its site's pages)."""
    pkg = client.package
    files: dict[str, str] = {f"{pkg}/py.typed": ""}
    header_line = HEADER_LINE.lstrip("# ")
    files["pyproject.toml"] = render(
        "client/pyproject.toml.jinja",
        header_line=header_line,
        client=client,
        dist_name=client.distribution or pkg.replace("_", "-"),
        version=_version(version),
    )
    values = KeepUnknown(
        title=inert(client.title),
        env=shell_name(client.env_prefix),
        base_url=code_span_safe(client.default_base_url),
        **install_values(client),
    )
    readme_words = {k: v.format_map(values) for k, v in words(client.locale).items()}
    readme_words["auth_body"] = auth_body(client)
    files["README.md"] = render(
        "client/README.md.jinja",
        header_line=header_line,
        client=client,
        text=readme_words,
        install_path=shlex.quote(install_path),
        env_lines=env_lines(client),
        example=_example(client),
    )
    files.update(render_docs(client, install_path=install_path, views=views))
    return files


def _stream_example(client: ClientDef) -> str:
    """A first call that streams: the first method a switch makes stream, or ""."""
    for module in client.resources:
        stack = [(module.resource, [module.resource.attr])]
        while stack:
            resource, path = stack.pop(0)
            for method in resource.methods:
                if not method.switch_example:
                    continue
                values = [f'"<{a.name}>"' for a in method.path_args]
                for a in method.args:
                    if a.required and a.location != "path":
                        value = {"str": f'"<{a.name}>"'}.get(a.type, "...")
                        values.append(
                            f"{a.name}={'{}' if a.type.startswith('dict') else value}"
                        )
                values.append(method.switch_example)
                call = f"client.{'.'.join(path + [method.name])}"
                one_line = f"    for event in {call}({', '.join(values)}):"
                if len(one_line) > LINE_LENGTH:
                    lines = "".join(f"        {v},\n" for v in values)
                    one_line = f"    for event in {call}(\n{lines}    ):"
                return (
                    f"from {client.package} import Client\n\n"
                    f"with Client() as client:\n{one_line}\n"
                    f"        print(type(event).__name__, event)"
                )
            stack.extend((child, path + [child.attr]) for child in resource.children)
    return ""


def _example(client: ClientDef) -> str:
    """A first call: a streamed call if a method streams on request, else the first GET
    method found (path arguments as placeholders)."""
    streamed = _stream_example(client)
    if streamed:
        return streamed
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
