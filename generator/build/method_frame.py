"""The part of a method's view that is the same in every locale: its signature, return
annotations, overloads, parser, argument encodings, stream naming.

``method_frame`` computes it from the shape alone, and the localizer keeps it for the
shape (build/localize.py): the other locales, rendered in processes forked after the
primary one, find it there and add only their text (``MethodFrame.method_def``).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.build.auth import Auth, method_security
from generator.build.event_alias import name_events
from generator.build.method_types import arg_signature, return_annotations
from generator.build.names import pascal
from generator.build.shape import Arg, Method
from generator.build.stream_view import (
    condition,
    overloads_of,
    stream_accept,
    switch_example,
)
from generator.build.view import ArgDef, Doc, ErrorDef, MethodDef, OverloadDef
from generator.literals import literal

LOCATIONS = ("path", "query", "header", "json", "data", "file", "body")
PARSERS = {
    "none": "parse_none",
    "bytes": "parse_bytes",
    "text": "parse_text",
    "json": "parse_json",
    "model": "parse_model",
    "typed": "parse_as",
}
_OPTIONS = (
    "extra_headers: Headers | None = None",
    "extra_query: Query | None = None",
    "extra_body: Body | None = None",
    "timeout: Timeout | NotGiven = NOT_GIVEN",
)
# ArgDef's fields before and after its one piece of text, ``description``
_ArgFields = tuple[str, str, str, str, str, bool, str, bool | None, str, str]


@dataclass(frozen=True)
class MethodFrame:
    """A method's view without its text: ``fields`` are MethodDef's structural fields;
    ``args`` each argument's ArgDef fields (in the method's order of ``args``);
    ``groups`` which arguments go in each of MethodDef's argument tuples; ``alias`` the
    events alias the module defines for it; ``returns`` its sync return annotation."""

    fields: dict[str, object]
    args: tuple[_ArgFields, ...]
    groups: dict[str, tuple[int, ...]]
    alias: str
    returns: str

    def method_def(
        self,
        descriptions: list[str],
        docstring: Doc,
        errors: tuple[ErrorDef, ...],
        prose: tuple[str, str, str],
        examples: tuple[str, str],
    ) -> MethodDef:
        """The locale's MethodDef: each argument's ``descriptions`` (in the method's
        order), its docstring, errors, prose (summary, description, returns) and
        examples (request, response)."""
        defs = [
            ArgDef(*fields[:6], descriptions[i], *fields[6:])
            for i, fields in enumerate(self.args)
        ]
        grouped = {
            name: tuple(defs[i] for i in indexes)
            for name, indexes in self.groups.items()
        }
        return MethodDef(
            **self.fields,  # type: ignore[arg-type]
            **grouped,  # type: ignore[arg-type]
            docstring=docstring,
            errors=errors,
            summary=prose[0],
            description=prose[1],
            returns_description=prose[2],
            request_example=examples[0],
            response_example=examples[1],
        )


def _arg_fields(a: Arg, shadowed: frozenset[str]) -> _ArgFields:
    ann = a.type.annotation(shadowed)
    # how the runtime serializes it, passed only when not the runtime's default
    encoding = ""
    if a.location in ("path", "query", "header", "cookie"):
        form = a.location in ("query", "cookie")
        default = ("form", True) if form else ("simple", False)
        if (a.style, a.explode) != default:
            encoding = f"({literal(a.style)}, {literal(a.explode)})"
    elif a.location in ("data", "file"):
        written = {
            "contentType": a.content_type or None,
            "style": a.style or None,
            "explode": a.explode,
        }
        pairs = [f"{literal(k)}: {literal(v)}" for k, v in written.items() if v is not None]
        encoding = "{" + ", ".join(pairs) + "}" if pairs else ""
    signature = arg_signature(a, shadowed)
    return (
        a.name,
        a.wire,
        signature,
        a.location,
        ann,
        a.required,
        a.style,
        a.explode,
        a.content_type,
        encoding,
    )


def method_frame(
    m: Method,
    resource_path: tuple[str, ...],
    shadowed: frozenset[str],
    taken: set[str],
    auth: Auth,
) -> MethodFrame:
    """``m``'s frame in a class shadowing ``shadowed``; an events alias takes its names
    out of ``taken`` (the module's names)."""
    args = list(m.args)
    groups = {
        f"{loc}_args": tuple(i for i, a in enumerate(args) if a.location == loc)
        for loc in LOCATIONS
        if loc != "body"
    }
    groups["args"] = tuple(sorted(range(len(args)), key=lambda i: args[i].location != "path"))
    groups["cookie_args"] = tuple(i for i, a in enumerate(args) if a.location == "cookie")
    positional = [
        f"{a.name}: {a.type.annotation(shadowed)}" for a in args if a.location == "path"
    ]
    keyword = [arg_signature(a, shadowed) for a in args if a.location != "path"]
    signature = ", ".join(positional + ["*"] + keyword + list(_OPTIONS))
    ret, aret = return_annotations(m, shadowed)
    overloads = overloads_of(m, shadowed, positional, keyword, (ret, aret), arg_signature)
    if overloads:
        ret, aret = (
            overloads[-1].return_annotation,
            overloads[-1].async_return_annotation,
        )
    stream_parse, alias = "", ""
    if m.stream is not None:
        hint = pascal("_".join(resource_path + (m.name,)))
        named = name_events(m.stream.decoded, hint, shadowed, taken)
        stream_parse, rename, alias = named.parser, named.rename, named.definition
        ret, aret = rename(ret), rename(aret)
        overloads = tuple(
            OverloadDef(
                o.signature,
                rename(o.return_annotation),
                rename(o.async_return_annotation),
            )
            for o in overloads
        )
    op = m.operation
    body = op.request_body.content if op.request_body else ()
    raw = next((a.content_type for a in args if a.location == "body"), "")
    parse = ""
    if m.kind != "stream":
        parse = PARSERS[m.parse]
        if m.parse in ("model", "typed"):
            parse = f"{parse}({m.returns.annotation(shadowed)})"
    fields: dict[str, object] = dict(
        name=m.name,
        http_method=op.method.upper(),
        path=op.path,
        signature=signature,
        body_arg=m.body_arg,
        kind=m.kind,
        return_annotation=ret,
        async_return_annotation=aret,
        parse=parse,
        typed_result=m.parse == "typed" or (m.parse == "json" and not m.returns.is_open),
        page_model=m.page.model.annotation(shadowed) if m.page else "",
        item_model=m.page.item.annotation(shadowed) if m.page else "",
        cursor_param=m.page.cursor if m.page else "",
        cursor_from=m.page.cursor_from if m.page else "",
        resource_path=".".join(resource_path),
        multipart=bool(body) and body[0].content_type == "multipart/form-data",
        body_content_type="" if "json" in raw or "*" in raw else raw,
        security=method_security(auth, op),
        overloads=overloads,
        stream_condition=condition(m),
        stream_parse=stream_parse,
        stream_accept=stream_accept(m),
        stream_example=m.stream is not None,
        switch_example=switch_example(m),
    )
    arg_fields = tuple(_arg_fields(a, shadowed) for a in args)
    return MethodFrame(fields, arg_fields, groups, alias or "", ret)
