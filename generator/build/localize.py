"""One locale's view of a client: a pure function of the frozen shape and the locale.

Everything but the text (docstrings, the header, the prose kept for the reference docs) is
computed from structure only, so the code is identical across the locales of a target.
"""

from __future__ import annotations

import re

from generator.build import docstrings as ds
from generator.build import pytype as pt
from generator.build.auth import auth_def, method_security
from generator.build.event_alias import name_events
from generator.build.links import resolve_links
from generator.build.method_types import (
    all_methods,
    arg_signature,
    class_names,
    return_annotations,
    shadowed_builtins,
    types_of,
    uses_builtins,
)
from generator.build.models import Model, model_def, param_def
from generator.build.names import import_order, pascal
from generator.build.responses import success_response
from generator.build.shape import Arg, ClientShape, Method, Resource
from generator.build.stream_view import (
    condition,
    overloads_of,
    stream_accept,
    stream_returns,
    switch_example,
)
from generator.build.streams import UNKNOWN
from generator.build.view import (
    ArgDef,
    ClientDef,
    Doc,
    ErrorDef,
    MethodDef,
    ModelDef,
    ModuleDef,
    OverloadDef,
    ResourceDef,
)
from generator.build.words import words
from generator.conventions import (
    ALL_ERRORS,
    HEADER_LINE,
    LINE_LENGTH,
    OPTION_TYPES,
    distribution_name,
    error_class,
)
from generator.literals import literal, pretty_json
from generator.merge.model import Localized, MediaType

LOCATIONS = ("path", "query", "header", "json", "data", "file", "body")
_PARSERS = {
    "none": "parse_none",
    "bytes": "parse_bytes",
    "text": "parse_text",
    "json": "parse_json",
    "model": "parse_model",
    "typed": "parse_as",
}


def localize(shape: ClientShape, locale: str) -> ClientDef:
    """The render-ready client of one locale."""
    return _Localizer(shape, locale).client()


def _one_line(text: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f]+", "?", text)


class _Localizer:
    def __init__(self, shape: ClientShape, locale: str) -> None:
        self.shape = shape
        self.locale = locale
        self.words = words(locale)
        self.docs: list[str] = []
        self.top_level = frozenset(r.attr for r in shape.resources)

    def text(self, value: Localized[str]) -> str:
        """The locale's prose; its root-relative links point at the docs site."""
        text = value.pick(self.locale, self.shape.primary).value or ""
        return resolve_links(text, self.locale, self.shape.docs_url)

    def doc(self, literal: str) -> Doc:
        self.docs.append(literal)
        return len(self.docs) - 1

    def client(self) -> ClientDef:
        shape = self.shape
        header = self.doc(
            "\n".join(
                [HEADER_LINE, f"# Locale: {self.locale}. Sources:"]
                + [f"#   {_one_line(f)}" for f in shape.sources]
            )
        )
        title = self.text(shape.title) or shape.package
        description = self.text(shape.description)
        module_doc = self.doc(
            ds.render(title, ds.paragraphs(description, limit=LINE_LENGTH), 0)
        )
        client_doc = self.doc(
            ds.render(title, ds.paragraphs(description, limit=LINE_LENGTH - 4), 4)
        )
        modules = tuple(self._module(r) for r in shape.resources)
        root = None
        if shape.methods:  # operations on "/": the client's own methods
            root = self._module(Resource((), shape.methods, (), "Client"))
        models = tuple(self._model(m) for m in shape.models)
        params = tuple(param_def(p) for p in shape.params)
        return ClientDef(
            package=shape.package,
            locale=self.locale,
            header=header,
            title=title,
            module_docstring=module_doc,
            client_docstring=client_doc,
            default_base_url=shape.default_base_url,
            env_prefix=shape.env_prefix,
            resources=modules,
            models=models,
            params=params,
            errors=ALL_ERRORS,
            docstrings=tuple(self.docs),
            docs_url=shape.docs_url,
            auth=auth_def(
                shape.auth,
                [m.operation for r in shape.resources for m in all_methods(r)]
                + [m.operation for m in shape.methods],
                self.locale,
                shape.primary,
            ),
            distribution=distribution_name(shape.package, self.locale, shape.primary),
            root=root,
        )

    # -- models ------------------------------------------------------------------------
    def _model(self, model: Model) -> ModelDef:
        return model_def(model, self.text, self.doc, self.words["model_doc"])

    # -- resources ---------------------------------------------------------------------
    def _module(self, resource: Resource) -> ModuleDef:
        methods = list(all_methods(resource))
        types = [t for m in methods for t in types_of(m)]
        kinds = {m.kind for m in methods} | {"stream" for m in methods if m.stream}
        parsers = {_PARSERS[m.parse] for m in methods if m.kind != "stream"}
        args = [a for m in methods for a in m.args]
        # every method takes the per-call options (timeout defaults to NOT_GIVEN)
        helpers = {"NOT_GIVEN", "NotGiven", *OPTION_TYPES}
        if any(a.location in ("header", "file") for a in args):
            helpers.add("strip_not_given")
        if any(t == pt.FILE for t in types for t in t.walk()):
            helpers.add("FileTypes")
        overloads = (
            ("overload",) if any(m.stream and m.stream.switch for m in methods) else ()
        )
        streaming = (
            {"AsyncStream", "Stream", "event_parser"} if "stream" in kinds else set()
        )
        if any(t == UNKNOWN for t in types for t in t.walk()):
            streaming.add("UnknownEvent")
        self.aliases: list[str] = []
        self.taken = {i[1] for i in pt.model_imports(types)} | set(class_names(resource))
        resource_def = self._resource(resource)
        aliased = ("TypeAlias",) if self.aliases else ()
        return ModuleDef(
            module=resource.attr,
            resource=resource_def,
            model_imports=pt.model_imports(types),
            typing_names=tuple(
                sorted(
                    {*pt.typing_names(types), *overloads, *aliased}, key=import_order
                )
            ),
            aliases=tuple(self.aliases),
            parsers=tuple(sorted(parsers)),
            runtime_names=pt.runtime_names(types),
            type_helpers=tuple(sorted(helpers, key=import_order)),
            needs_page="page" in kinds,
            uses_builtins=uses_builtins(resource, self._others(resource)),
            needs_streamed="plain" in kinds,
            stream_names=tuple(sorted(streaming, key=import_order)),
        )

    def _others(self, resource: Resource) -> frozenset[str]:
        """Members of the class besides the resource's own: the client's resources."""
        return self.top_level if not resource.path else frozenset()

    def _resource(self, resource: Resource) -> ResourceDef:
        shadowed = shadowed_builtins(resource, self._others(resource))
        summary = self.words["resource_doc"].format(path=".".join(resource.path))
        docstring = self.doc(ds.render(summary, [], 4))
        property_docstring = self.doc(ds.render(summary, [], 8))
        raw = self.doc(ds.render(self.words["raw_doc"], [], 8))
        raw_class = self.doc(ds.render(self.words["raw_class_doc"], [], 4))
        streaming = self.doc(ds.render(self.words["streaming_doc"], [], 8))
        streaming_class = self.doc(ds.render(self.words["streaming_class_doc"], [], 4))
        methods = tuple(self._method(m, resource, shadowed) for m in resource.methods)
        children = tuple(self._resource(child) for child in resource.children)
        return ResourceDef(
            resource.class_name,
            resource.attr,
            methods,
            children,
            docstring,
            property_docstring,
            raw,
            raw_class,
            streaming,
            streaming_class,
        )

    def _method(
        self, m: Method, resource: Resource, shadowed: frozenset[str]
    ) -> MethodDef:
        def arg_def(a: Arg) -> ArgDef:
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
                pairs = [
                    f"{literal(k)}: {literal(v)}"
                    for k, v in written.items()
                    if v is not None
                ]
                encoding = "{" + ", ".join(pairs) + "}" if pairs else ""
            return ArgDef(
                a.name,
                a.wire,
                arg_signature(a, shadowed),
                a.location,
                ann,
                a.required,
                self.text(a.description),
                a.style,
                a.explode,
                a.content_type,
                encoding,
            )

        by = {
            loc: tuple(arg_def(a) for a in m.args if a.location == loc)
            for loc in LOCATIONS
        }
        positional = [
            f"{a.name}: {a.type.annotation(shadowed)}"
            for a in m.args
            if a.location == "path"
        ]
        keyword = [arg_signature(a, shadowed) for a in m.args if a.location != "path"]
        signature = ", ".join(positional + ["*"] + keyword + list(_OPTIONS))
        ret, aret = return_annotations(m, shadowed)
        overloads = overloads_of(
            m, shadowed, positional, keyword, (ret, aret), arg_signature
        )
        if overloads:
            ret, aret = (
                overloads[-1].return_annotation,
                overloads[-1].async_return_annotation,
            )
        stream_parse = ""
        if m.stream is not None:
            hint = pascal("_".join(resource.path + (m.name,)))
            named = name_events(m.stream.decoded, hint, shadowed, self.taken)
            stream_parse, rename = named.parser, named.rename
            if named.definition:  # the events named once, at the top of the module
                self.aliases.append(named.definition)
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
        raw = next((a.content_type for a in m.args if a.location == "body"), "")
        parse = ""
        if m.kind != "stream":
            parse = _PARSERS[m.parse]
            if m.parse in ("model", "typed"):
                parse = f"{parse}({m.returns.annotation(shadowed)})"
        return MethodDef(
            name=m.name,
            http_method=op.method.upper(),
            path=op.path,
            signature=signature,
            path_args=by["path"],
            query_args=by["query"],
            header_args=by["header"],
            json_args=by["json"],
            data_args=by["data"],
            file_args=by["file"],
            body_arg=m.body_arg,
            args=tuple(
                arg_def(a) for a in sorted(m.args, key=lambda a: a.location != "path")
            ),
            kind=m.kind,
            return_annotation=ret,
            async_return_annotation=aret,
            parse=parse,
            typed_result=m.parse == "typed"
            or (m.parse == "json" and not m.returns.is_open),
            page_model=m.page.model.annotation(shadowed) if m.page else "",
            item_model=m.page.item.annotation(shadowed) if m.page else "",
            cursor_param=m.page.cursor if m.page else "",
            cursor_from=m.page.cursor_from if m.page else "",
            docstring=self.doc(self._method_doc(m, ret)),
            resource_path=".".join(resource.path),
            summary=self.text(op.summary),
            description=self.text(op.description),
            returns_description=self.text(m.returns_doc),
            errors=tuple(
                ErrorDef(
                    error_class(e.status),
                    e.status,
                    e.code,
                    self.text(e.description),
                    e.message or "",
                )
                for e in op.errors
            ),
            request_example=self._example(
                op.request_body.content if op.request_body else ()
            ),
            response_example=self._example(
                response.content if (response := success_response(op)) else ()
            ),
            multipart=bool(body) and body[0].content_type == "multipart/form-data",
            body_content_type="" if "json" in raw or "*" in raw else raw,
            cookie_args=tuple(arg_def(a) for a in m.args if a.location == "cookie"),
            security=method_security(self.shape.auth, op),
            overloads=overloads,
            stream_condition=condition(m),
            stream_parse=stream_parse,
            stream_accept=stream_accept(m),
            stream_example=m.stream is not None,
            switch_example=switch_example(m),
        )

    def _example(self, content: tuple[MediaType, ...]) -> str:
        """JSON text of the first example (this locale's, else the primary's), or ""."""
        for media in content:
            picked = media.examples.pick(self.locale, self.shape.primary).value
            if isinstance(picked, dict) and picked:
                value = next(iter(picked.values()))
                if not isinstance(value, str):
                    return pretty_json(value)
        return ""

    def _method_doc(self, m: Method, ret: str) -> str:
        limit = LINE_LENGTH - 8
        op = m.operation
        summary = self.text(op.summary) or f"{op.method.upper()} {op.path}"
        description = self.text(op.description)
        body = ds.paragraphs(
            description if description.strip() != summary.strip() else "", limit=limit
        )
        body += ds.section(
            "Args", [(a.name, self.text(a.description)) for a in m.args], limit
        )
        returns = [(ret, self.text(m.returns_doc))]
        if m.stream is not None:
            returns = stream_returns(m, self.words, self.text(m.returns_doc))
        body += ds.section("Returns", returns, limit)
        raises = [
            (error_class(e.status), f"`{e.code}`: {self.text(e.description)}")
            for e in op.errors
        ]
        body += ds.section("Raises", raises, limit)
        return ds.render(summary, body, 8)


_OPTIONS = (
    "extra_headers: Headers | None = None",
    "extra_query: Query | None = None",
    "extra_body: Body | None = None",
    "timeout: Timeout | NotGiven = NOT_GIVEN",
)

