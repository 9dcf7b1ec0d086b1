"""One locale's view of a client: a pure function of the frozen shape and the locale.

Everything but the text (docstrings, the header, the prose kept for the reference docs) is
computed from structure only, so the code is identical across the locales of a target.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from generator.build import docstrings as ds
from generator.build.auth import auth_def, method_security
from generator.build import pytype as pt
from generator.build.models import Model, Param
from generator.build.names import import_order
from generator.build.pytype import BUILTINS, PyType
from generator.build.responses import success_response
from generator.build.shape import Arg, ClientShape, Method, Resource
from generator.build.view import (
    ArgDef,
    ClientDef,
    Doc,
    ErrorDef,
    FieldDef,
    MethodDef,
    ModelDef,
    ModuleDef,
    ParamDef,
    ResourceDef,
)
from generator.build.words import words
from generator.conventions import ALL_ERRORS, HEADER_LINE, LINE_LENGTH, error_class
from generator.literals import literal
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

    def text(self, value: Localized[str]) -> str:
        return value.pick(self.locale, self.shape.primary).value or ""

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
        models = tuple(self._model(m) for m in shape.models)
        params = tuple(_param(p) for p in shape.params)
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
                [m.operation for r in shape.resources for m in _all_methods(r)],
                self.locale,
                shape.primary,
            ),
        )

    # -- models ------------------------------------------------------------------------
    def _model(self, model: Model) -> ModelDef:
        shadowed = frozenset({f.name for f in model.fields} & BUILTINS)
        fields = []
        for f in model.fields:
            desc = next(
                (t for t in (self.text(d) for d in f.descriptions) if t), ""
            )
            body = ds.layout(desc, LINE_LENGTH - 4 - 3) if desc else []
            literal = ""
            if body:
                summary = " ".join(body[:1]) if len(body) == 1 else body[0]
                literal = ds.render(summary, body[1:], 4)
            annotation = f.type.annotation(shadowed)
            fields.append(
                FieldDef(f.name, f.wire, annotation, self.doc(literal), f.required)
            )
        types = [f.type for f in model.fields]
        imports = tuple(i for i in pt.model_imports(types) if i[1] != model.class_name)
        checking = ("TYPE_CHECKING",) if imports else ()
        desc = self.text(model.description)
        summary = desc or self.words["model_doc"].format(name=model.class_name)
        return ModelDef(
            class_name=model.class_name,
            module=model.module,
            docstring=self.doc(ds.render(summary, [], 4)),
            fields=tuple(fields),
            imports=imports,
            typing_names=checking + pt.typing_names(types),
            runtime_names=("BaseModel", *pt.runtime_names(types)),
            uses_builtins=pt.uses_builtins(types, shadowed),
            renamed_fields=any(f.name != f.wire for f in model.fields),
        )

    # -- resources ---------------------------------------------------------------------
    def _module(self, resource: Resource) -> ModuleDef:
        methods = list(_all_methods(resource))
        types = [t for m in methods for t in _types(m)]
        kinds = {m.kind for m in methods}
        parsers = {_PARSERS[m.parse] for m in methods if m.kind != "stream"}
        args = [a for m in methods for a in m.args]
        helpers = set()
        if any(not a.required for a in args):
            helpers |= {"NOT_GIVEN", "NotGiven"}
        if any(a.location in ("header", "file") for a in args):
            helpers.add("strip_not_given")
        if any(t == pt.FILE for t in types for t in t.walk()):
            helpers.add("FileTypes")
        return ModuleDef(
            module=resource.attr,
            resource=self._resource(resource),
            model_imports=pt.model_imports(types),
            typing_names=pt.typing_names(types),
            parsers=tuple(sorted(parsers)),
            runtime_names=pt.runtime_names(types),
            type_helpers=tuple(sorted(helpers, key=import_order)),
            needs_page="page" in kinds,
            needs_stream="stream" in kinds,
            uses_builtins=_uses_builtins(resource),
        )

    def _resource(self, resource: Resource) -> ResourceDef:
        shadowed = _shadowed(resource)
        summary = self.words["resource_doc"].format(path=".".join(resource.path))
        docstring = self.doc(ds.render(summary, [], 4))
        property_docstring = self.doc(ds.render(summary, [], 8))
        raw = self.doc(ds.render(self.words["raw_doc"], [], 8))
        raw_class = self.doc(ds.render(self.words["raw_class_doc"], [], 4))
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
                _signature(a, shadowed),
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
        keyword = [_signature(a, shadowed) for a in m.args if a.location != "path"]
        signature = ", ".join(positional + (["*"] + keyword if keyword else []))
        ret, aret = _returns(m, shadowed)
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
                arg_def(a)
                for a in sorted(m.args, key=lambda a: a.location != "path")
            ),
            kind=m.kind,
            return_annotation=ret,
            async_return_annotation=aret,
            parse=parse,
            typed_result=m.parse == "typed" or (m.parse == "json" and not m.returns.is_open),
            page_model=m.page.model.annotation(shadowed) if m.page else "",
            item_model=m.page.item.annotation(shadowed) if m.page else "",
            cursor_param=m.page.cursor if m.page else "",
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
        )

    def _example(self, content: tuple[MediaType, ...]) -> str:
        """JSON text of the first example (this locale's, else the primary's), or ""."""
        for media in content:
            picked = media.examples.pick(self.locale, self.shape.primary).value
            if isinstance(picked, dict) and picked:
                value = next(iter(picked.values()))
                if not isinstance(value, str):
                    return json.dumps(value, ensure_ascii=False, indent=2)
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
        body += ds.section("Returns", [(ret, self.text(m.returns_doc))], limit)
        raises = [
            (error_class(e.status), f"`{e.code}`: {self.text(e.description)}")
            for e in op.errors
        ]
        body += ds.section("Raises", raises, limit)
        return ds.render(summary, body, 8)


def _signature(a: Arg, shadowed: frozenset[str]) -> str:
    ann = a.type.annotation(shadowed)
    if a.required:
        return f"{a.name}: {ann}"
    return f"{a.name}: {ann} | NotGiven = NOT_GIVEN"


def _returns(m: Method, shadowed: frozenset[str]) -> tuple[str, str]:
    """(sync, async) return annotation."""
    if m.page is not None:
        item, page = m.page.item.annotation(shadowed), m.page.model.annotation(shadowed)
        return f"SyncCursorPage[{item}, {page}]", f"AsyncCursorPage[{item}, {page}]"
    if m.kind == "stream":
        event = m.returns.annotation(shadowed)
        return f"Stream[{event}]", f"AsyncStream[{event}]"
    ret = m.returns.annotation(shadowed)
    return ret, ret


def _shadowed(resource: Resource) -> frozenset[str]:
    """Builtins that a member of the resource class shadows."""
    names = {m.name for m in resource.methods} | {c.attr for c in resource.children}
    return frozenset(names & BUILTINS)


def _types(m: Method) -> Iterable[PyType]:
    yield m.returns
    yield from (a.type for a in m.args)
    if m.page is not None:
        yield from (m.page.model, m.page.item)


def _all_methods(resource: Resource) -> Iterable[Method]:
    yield from resource.methods
    for child in resource.children:
        yield from _all_methods(child)


def _uses_builtins(resource: Resource) -> bool:
    shadowed = _shadowed(resource)
    if pt.uses_builtins((t for m in resource.methods for t in _types(m)), shadowed):
        return True
    return any(_uses_builtins(child) for child in resource.children)


def _param(param: Param) -> ParamDef:
    keys = tuple(
        (f.wire, f"Required[{f.type.annotation()}]" if f.required else f.type.annotation())
        for f in param.fields
    )
    types = [f.type for f in param.fields]
    imports = tuple(i for i in pt.model_imports(types) if i[1] != param.class_name)
    required = ("Required",) if any(f.required for f in param.fields) else ()
    typing = set(pt.typing_names(types)) | set(required) | {"TypedDict"}
    if imports:
        typing.add("TYPE_CHECKING")
    return ParamDef(
        param.class_name,
        param.module,
        keys,
        imports,
        tuple(sorted(typing, key=import_order)),
    )
