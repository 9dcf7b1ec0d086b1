"""One method's section of the reference docs (``MethodView``): its call, signature,
endpoint, description, parameters, return value, errors and a runnable-looking example.

Made once per locale for both the package's docs and the site's pages (``MethodViews``),
which differ only in their links to model pages. Every spec string goes through
``render.markdown``.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass

from generator.build.view import ArgDef, ClientDef, MethodDef
from generator.conventions import LINE_LENGTH
from generator.output import layout
from generator.render.frames import Frames, MethodCode
from generator.render.markdown import (
    SafeMarkdown,
    cell_code,
    code_block,
    code_span,
    table,
)
from generator.render.model_docs import linked, method_notes


@dataclass(frozen=True)
class MethodView:
    heading: str
    call: str  # fenced block
    async_call: str  # fenced block
    async_note: (
        str  # how AsyncClient's method is called (one line of the locale's words)
    )
    endpoint: str
    description: str
    params: str  # table, or "" when there are none
    returns: str
    returns_description: str
    errors: str  # table or ""
    example: str  # fenced block
    response: str  # fenced block or ""
    notes: str = ""  # the site's: how the paginator pages, the events a stream yields


def _call(prefix: str, method: MethodDef, values: list[str]) -> str:
    """``prefix.method(values)`` on one line, or one value per line when long."""
    one_line = f"{prefix}.{method.name}({', '.join(values)})"
    if len(one_line) <= LINE_LENGTH and "\n" not in one_line:
        return one_line
    body = "".join(
        f"    {v},\n" for v in values
    )  # multi-line values are already indented
    return f"{prefix}.{method.name}(\n{body})"


def _py(value: object, indent: int = 4) -> str:
    """A Python literal for a JSON value, wrapped when long."""
    if isinstance(value, dict):
        items, brackets = [
            f"{layout.literal(str(k))}: {_py(v, indent + 4)}" for k, v in value.items()
        ], "{}"
    elif isinstance(value, list):
        items, brackets = [_py(v, indent + 4) for v in value], "[]"
    else:
        return layout.literal(value)
    one_line = brackets[0] + ", ".join(items) + brackets[1]
    if len(one_line) + indent <= LINE_LENGTH and "\n" not in one_line:
        return one_line
    pad = " " * (indent + 4)
    return (
        brackets[0]
        + "\n"
        + "".join(f"{pad}{it},\n" for it in items)
        + " " * indent
        + brackets[1]
    )


def _placeholder(arg: ArgDef) -> str:
    if arg.location == "file":
        return f'open("<{arg.name}>", "rb")'
    return f'"<{arg.name}>"' if arg.type == "str" or arg.location == "path" else "..."


def _example(
    package: str, call_path: str, method: MethodDef, args: tuple[ArgDef, ...]
) -> str:
    """A runnable-looking call built from the spec's request example."""
    try:
        request = json.loads(method.request_example) if method.request_example else {}
    except ValueError:
        request = {}
    values = [_placeholder(a) for a in args if a.location == "path"]
    if method.body_arg and request:
        values.append(f"{method.body_arg}={_py(request)}")
    elif isinstance(request, dict):
        by_wire = {a.wire: a for a in args if a.location in ("json", "data", "file")}
        values += [
            f"{by_wire[k].name}={_py(v)}" for k, v in request.items() if k in by_wire
        ]
    given = {v.split("=", 1)[0] for v in values}
    missing = [
        a for a in args if a.required and a.location != "path" and a.name not in given
    ]
    values += [f"{a.name}={_placeholder(a)}" for a in missing]
    if method.switch_example:  # the example streams: the switch asks for it
        switch = method.switch_example.split("=", 1)[0]
        values = [v for v in values if v.split("=", 1)[0] != switch]
        values.append(method.switch_example)
    call = _call(receiver(call_path), method, values)
    if method.kind in ("page", "stream") or method.stream_example:
        var = "item" if method.kind == "page" else "event"
        use = f"for {var} in {call}:\n    print({var})"
        if var == "event":  # each event is its own class; see the Returns annotation
            use = f"for {var} in {call}:\n    print(type({var}).__name__, {var})"
    elif method.return_annotation == "None":
        use = call
    elif method.return_annotation == "bytes":  # a binary body, streamed to a file
        streamed = _call(f"client.{call_path}.with_streaming_response", method, values)
        use = (
            f"data = {call}\n\n"
            f"with {streamed} as response:\n"
            '    response.write_to_file("output.bin")'
        )
    else:
        use = f"result = {call}\nprint(result)"
    return code_block(
        f"from {package} import Client\n\nclient = Client()\n{use}", "python"
    )


class MethodViews:
    """The method sections of one locale's client (``client``), made once for both its
    package's docs and its site's pages, which differ only in links to model pages
    (``frames``: the target's, shared by its locales)."""

    def __init__(self, client: ClientDef, frames: Frames | None = None) -> None:
        self.client = client
        self.frames = frames or Frames()
        self.made: dict[tuple[int, str, SafeMarkdown], tuple[MethodDef, MethodView]] = (
            {}
        )

    def get(
        self,
        md: SafeMarkdown,
        text: dict[str, str],
        call_path: str,
        method: MethodDef,
    ) -> MethodView:
        key = (id(method), call_path, md)
        made = self.made.get(key)
        if made is None or made[0] is not method:
            view = _plain_method(
                md, text, self.client.package, call_path, method, self.frames
            )
            made = self.made[key] = (method, view)
        return made[1]


def method_view(
    md: SafeMarkdown,
    text: dict[str, str],
    package: str,
    call_path: str,
    method: MethodDef,
    links: dict[str, str] | None,
    views: MethodViews | None,
) -> MethodView:
    """A method's section; ``links`` (the site's): its annotations link model pages."""
    view = (
        views.get(md, text, call_path, method)
        if views is not None
        else _plain_method(md, text, package, call_path, method, Frames())
    )
    if links is None:
        return view
    return dataclasses.replace(
        view,
        returns=_returns(method, links),
        notes=method_notes(text, method, links),
    )


def _returns(method: MethodDef, links: dict[str, str]) -> str:
    ann = functools.partial(linked, pages=links, prefix="", cell=False)
    returns = ann(method.return_annotation)
    if method.async_return_annotation != method.return_annotation:
        returns += f" (`AsyncClient`: {ann(method.async_return_annotation)})"
    return returns


def _code(package: str, call_path: str, method: MethodDef) -> MethodCode:
    args = method.args
    shown = [
        a.name if a.location == "path" or a.required else f"{a.name}=..." for a in args
    ]
    if len(shown) > len(method.path_args):
        shown.insert(len(method.path_args), "*")
    call = _call(receiver(call_path), method, shown)
    example = method.response_example  # JSON, laid out already (literals.pretty_json)
    return MethodCode(
        call=code_block(call, "python"),
        async_call=code_block(
            (
                f"async for item in {call}:\n    ..."
                if method.kind == "page"
                else f"await {call}"
            ),
            "python",
        ),
        endpoint=code_span(f"{method.http_method} {method.path}"),
        example=_example(package, call_path, method, args),
        # the example iterates events, not a blocking response
        response=(
            "" if method.stream_example or not example else code_block(example, "json")
        ),
    )


def _plain_method(
    md: SafeMarkdown,
    text: dict[str, str],
    package: str,
    call_path: str,
    method: MethodDef,
    frames: Frames,
) -> MethodView:
    """A method's section without links (the package's docs); its code from
    ``frames`` when another locale made it."""
    args = method.args
    key = (
        package,
        call_path,
        method.name,
        method.request_example,
        method.response_example,
    )
    made = frames.code.get(key)
    if made is None:
        made = frames.code[key] = _code(package, call_path, method)
    summary = md.line(method.summary) if method.summary.strip() else ""
    heading = code_span(method.name) + (f" — {summary}" if summary else "")
    description = (
        method.description
        if method.description.strip() != method.summary.strip()
        else ""
    )
    required = {True: text["docs_yes"], False: text["docs_no"]}
    return MethodView(
        heading=heading,
        call=made.call,
        async_call=made.async_call,
        async_note=text["docs_async_page" if method.kind == "page" else "docs_async"],
        endpoint=made.endpoint,
        description=md.block(description),
        params=table(
            [
                text["docs_name"],
                text["docs_type"],
                text["docs_required"],
                text["docs_description"],
            ],
            [
                (
                    code_span(a.name),
                    cell_code(a.type),
                    required[a.required],
                    md.cell(a.description),
                )
                for a in args
            ],
        ),
        returns=_returns(method, {}),
        returns_description=md.block(method.returns_description),
        errors=table(
            [
                text["docs_exception"],
                text["docs_status"],
                text["docs_code"],
                text["docs_description"],
            ],
            [
                (
                    code_span(e.class_name),
                    md.cell(e.status),
                    cell_code(e.code) or " ",
                    md.cell(e.description),
                )
                for e in method.errors
            ],
        ),
        example=made.example,
        response=made.response,
    )


def receiver(path: str) -> str:
    """``client.a.b``; ``client`` for the client's own methods (operations on ``/``)."""
    return f"client.{path}" if path else "client"
