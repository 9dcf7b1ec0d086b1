"""Build stage: merged model + target + locale -> the render-ready ClientDef.

Everything except docstrings is computed from structure only, so the code is identical
across the locales of a target.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from generator import docstrings as ds
from generator.clientmodel import (
    ALL_ERRORS,
    ERROR_CLASSES,
    ArgDef,
    ClientDef,
    ErrorDef,
    FieldDef,
    MethodDef,
    ModelDef,
    ModuleDef,
    ResourceDef,
)
from generator.config import Target
from generator.i18n import words
from generator.model import Api, Localized, MediaType, Operation, Schema
from generator.names import pascal, resource_and_verb, snake
from generator.pytypes import ModelSpec, TypeResolver, identifiers, unique

TextFn = Callable[[Localized[str]], str]

CURSOR_PARAMS = ("last_id", "first_id")
_TYPING = ("Any", "Literal")


BUILTIN_TYPES = frozenset(
    {"list", "dict", "str", "int", "float", "bool", "bytes", "object"}
)
_BUILTIN_RE = re.compile(
    r"(?<![\w.])(list|dict|str|int|float|bool|bytes|object)\b(?!\s*[:=])"
)


def qualify(annotation: str, shadowed: set[str]) -> str:
    """Write builtins that a class member shadows as ``builtins.x``."""
    if not shadowed:
        return annotation
    return _BUILTIN_RE.sub(
        lambda m: f"builtins.{m.group(1)}" if m.group(1) in shadowed else m.group(1),
        annotation,
    )


def error_class(status: str) -> str:
    code = int(status) if status.isdigit() else 0
    if code >= 500:
        return "InternalServerError"
    return ERROR_CLASSES.get(code, "APIStatusError")


def _one_line(text: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f]+", "?", text)


@dataclass
class _Arg:
    name: str
    wire: str
    annotation: str
    required: bool
    location: str
    description: Localized[str]

    def signature(self) -> str:
        if self.required:
            return f"{self.name}: {self.annotation}"
        return f"{self.name}: {self.annotation} | NotGiven = NOT_GIVEN"


@dataclass
class _Op:
    op: Operation
    resource: tuple[str, ...]
    verb: str
    args: list[_Arg]
    body_arg: str
    kind: str
    returns: str
    parse: str
    page_model: str = ""
    item_model: str = ""
    cursor_param: str = ""
    returns_doc: Localized[str] = field(default_factory=Localized)


@dataclass
class _Node:
    name: str
    ops: list[_Op] = field(default_factory=list)
    children: dict[str, _Node] = field(default_factory=dict)


class Builder:
    """Structure once per target; ``client(locale)`` adds one locale's docstrings."""

    def __init__(self, api: Api, target: Target) -> None:
        self.api = api
        self.target = target
        self.types = TypeResolver(api)
        self.notes: list[str] = []
        self._locale = api.primary
        overrides = dict(target.names)
        self.root = _Node("")
        for op in api.operations:
            self._add(op, overrides)
        for name, schema in api.schemas:
            if self.types.is_model(schema):
                self.types.annotation(Schema(ref=name), pascal(name))

    # -- structure ------------------------------------------------------------------------
    def _add(self, op: Operation, overrides: dict[str, str]) -> None:
        success = self._success(op)
        collection = success is not None and self._is_page_shape(success)
        resource, verb = resource_and_verb(op.method, op.path, collection)
        key = f"{op.method.upper()} {op.path}"
        if key in overrides:
            *res, verb = overrides[key].split(".")
            resource = tuple(snake(r) for r in res)
            verb = snake(verb)
        node = self.root
        for part in resource:
            node = node.children.setdefault(part, _Node(part))
        taken = {o.verb for o in node.ops} | set(node.children)
        if verb in taken:
            new = unique(verb, taken)
            self.notes.append(
                f"{key}: name {'.'.join(resource + (verb,))} taken, using {new}"
            )
            verb = new
        built = self._operation(op, resource, verb)
        node.ops.append(built)
        if built.kind != "stream" and self._streams(op):
            # JSON or an event stream, chosen by a request field: a second method streams
            stream_verb = unique(
                f"{verb}_stream", {o.verb for o in node.ops} | set(node.children)
            )
            node.ops.append(
                _Op(
                    op,
                    resource,
                    stream_verb,
                    built.args,
                    built.body_arg,
                    "stream",
                    "dict[str, Any]",
                    "",
                    returns_doc=built.returns_doc,
                )
            )
        # a resource that later gains a child named like an existing method: rename the method
        parent = self.root
        for part in resource[:-1]:
            parent = parent.children[part]
        if resource and resource[-1] in {o.verb for o in parent.ops}:
            for other in parent.ops:
                if other.verb == resource[-1]:
                    new = unique(
                        other.verb, {o.verb for o in parent.ops} | set(parent.children)
                    )
                    self.notes.append(
                        f"{other.op.method.upper()} {other.op.path}: name {other.verb} taken by a resource, using {new}"
                    )
                    other.verb = new

    @staticmethod
    def _streams(op: Operation) -> bool:
        return any(
            m.content_type == "text/event-stream"
            for r in op.responses
            if r.status.startswith("2")
            for m in r.content
        )

    def _success(self, op: Operation) -> tuple[str, Schema | None, str] | None:
        for response in op.responses:
            if response.status.startswith("2"):
                if not response.content:
                    return ("none", None, response.status)
                media = response.content[0]
                json_media = next(
                    (m for m in response.content if "json" in m.content_type), None
                )
                if json_media is not None:
                    return ("json", json_media.schema, response.status)
                if media.content_type == "text/event-stream":
                    return ("stream", None, response.status)
                if media.content_type.startswith("text/"):
                    return ("text", None, response.status)
                return ("bytes", None, response.status)
        return None

    def _is_page_shape(self, success: tuple[str, Schema | None, str]) -> bool:
        kind, schema, _ = success
        if kind != "json" or schema is None:
            return False
        props = dict(self.types.flatten(schema)[0])
        return (
            "data" in props
            and self.types.component(props["data"]).keyword("type") == "array"
        )

    def _operation(self, op: Operation, resource: tuple[str, ...], verb: str) -> _Op:
        hint = pascal("_".join(resource + (verb,)))
        taken = {"self"}
        args: list[_Arg] = []

        def add(
            wire: str,
            schema: Schema | None,
            required: bool,
            location: str,
            desc: Localized[str],
        ) -> None:
            name = snake(wire, "arg")
            if name in taken:
                new = unique(name, taken)
                self.notes.append(
                    f"{op.method.upper()} {op.path}: argument {name} ({location}) taken, using {new}"
                )
                name = new
            taken.add(name)
            ann = self.types.annotation(schema, hint + pascal(wire), for_input=True)
            if location == "path":
                ann = "str" if ann in ("object", "Any") else ann
            args.append(
                _Arg(name, wire, ann, required or location == "path", location, desc)
            )

        for p in op.parameters:
            if p.location in ("path", "query", "header"):
                add(
                    p.name,
                    p.schema,
                    p.required,
                    p.location,
                    p.description
                    or (p.schema.description if p.schema else Localized()),
                )
        body_arg = ""
        if op.request_body and op.request_body.content:
            media = op.request_body.content[0]
            multipart = media.content_type in (
                "multipart/form-data",
                "application/x-www-form-urlencoded",
            )
            props, required = (
                self.types.flatten(media.schema) if media.schema else ([], set())
            )
            if props:
                for wire, schema in props:
                    is_file = self.types.component(schema).keyword("format") == "binary"
                    location = ("file" if is_file else "data") if multipart else "json"
                    add(
                        wire,
                        schema,
                        wire in required,
                        location,
                        schema.description or self.types.component(schema).description,
                    )
            elif media.schema is not None:
                add(
                    "body",
                    media.schema,
                    op.request_body.required,
                    "body",
                    op.request_body.description,
                )
                body_arg = args[-1].name
        return self._returns(op, resource, verb, hint, args, body_arg)

    def _returns(
        self,
        op: Operation,
        resource: tuple[str, ...],
        verb: str,
        hint: str,
        args: list[_Arg],
        body_arg: str,
    ) -> _Op:
        doc = next(
            (r.description for r in op.responses if r.status.startswith("2")),
            Localized(),
        )
        kind, returns, parse, page = self._result(op, hint, args)
        page_model, item_model, cursor_param = page or ("", "", "")
        return _Op(
            op,
            resource,
            verb,
            args,
            body_arg,
            kind,
            returns,
            parse,
            page_model,
            item_model,
            cursor_param,
            doc,
        )

    def _result(
        self, op: Operation, hint: str, args: list[_Arg]
    ) -> tuple[str, str, str, tuple[str, str, str] | None]:
        """(call kind, return annotation, parser, (page model, item model, cursor) or None)."""
        success = self._success(op)
        if success is None or success[0] == "none":
            return "plain", "None", "parse_none", None
        kind, schema, _ = success
        if kind == "stream":
            return "stream", "dict[str, Any]", "", None
        if kind in ("bytes", "text"):
            return "plain", "bytes" if kind == "bytes" else "str", f"parse_{kind}", None
        ann = self.types.annotation(schema, hint + "Response")
        if ann not in self.types.models:
            return "plain", ann, "parse_json", None
        page = self._page(schema, ann, args) if self._is_page_shape(success) else None
        return ("page" if page else "plain"), ann, f"parse_model({ann})", page

    def _page(
        self, schema: Schema | None, ann: str, args: list[_Arg]
    ) -> tuple[str, str, str] | None:
        """Cursor pagination: a last_id/first_id query parameter, data + has_more, item ids."""
        cursor = next(
            (a for a in args if a.wire in CURSOR_PARAMS and a.location == "query"), None
        )
        props = dict(self.types.flatten(schema)[0]) if schema else {}
        if cursor is None or "has_more" not in props:
            return None
        item = self.types.annotation(
            self.types.component(props["data"]).items, ann + "DataItem"
        )
        spec = self.types.models.get(item)
        if spec is None or not any(f.name == "id" for f in spec.fields):
            return None
        return ann, item, cursor.name

    # -- one locale ---------------------------------------------------------------------
    def client(self, locale: str) -> ClientDef:
        self._locale = locale
        api = self.api
        primary = api.primary

        def text(value: Localized[str]) -> str:
            picked = value.pick(locale, primary).value
            return picked or ""

        files = dict(api.sources)
        sources = sorted({f for fs in files.values() for f in fs})
        header = "\n".join(
            [
                "# Generated by polyglot-openapi-generator. Do not edit: regenerate instead.",
                f"# Locale: {locale}. Sources:",
            ]
            + [f"#   {_one_line(f)}" for f in sources]
        )
        modules = tuple(
            self._module(child, locale, text)
            for _, child in sorted(self.root.children.items())
        )
        if self.root.ops:
            self.notes.append("operations on / are not supported and were skipped")
        models = tuple(
            self._model(spec, text) for _, spec in sorted(self.types.models.items())
        )
        title = text(api.title) or self.target.package
        description = text(api.description)
        return ClientDef(
            package=self.target.package,
            locale=locale,
            header=header,
            title=title,
            module_docstring=ds.render(
                title, ds.paragraphs(description, limit=ds.LINE_LENGTH), 0
            ),
            client_docstring=ds.render(
                title, ds.paragraphs(description, limit=ds.LINE_LENGTH - 4), 4
            ),
            default_base_url=api.servers[0].url if api.servers else "",
            env_prefix=self.target.env_prefix,
            resources=modules,
            models=models,
            errors=ALL_ERRORS,
            naming_notes=tuple(self.notes),
        )

    def _model(self, spec: ModelSpec, text: TextFn) -> ModelDef:
        fields = []
        used: set[str] = set()
        shadowed = {f.name for f in spec.fields} & BUILTIN_TYPES
        for f in spec.fields:
            used |= identifiers(f.annotation)
            desc = text(f.schema.description) or text(
                self.types.component(f.schema).description
            )
            body = ds.layout(desc, ds.LINE_LENGTH - 4 - 3) if desc else []
            doc = (
                ds.render(
                    " ".join(body[:1]) if len(body) == 1 else body[0], body[1:], 4
                )
                if body
                else ""
            )
            fields.append(
                FieldDef(f.name, f.wire, qualify(f.annotation, shadowed), doc)
            )
        imports = tuple(
            sorted(
                (self.types.models[n].module, n)
                for n in used
                if n in self.types.models and n != spec.class_name
            )
        )
        desc = text(spec.description)
        return ModelDef(
            class_name=spec.class_name,
            module=spec.module,
            docstring=ds.render(
                desc or words(self._locale)["model_doc"].format(name=spec.class_name),
                [],
                4,
            ),
            fields=tuple(fields),
            imports=imports,
            typing_names=tuple(n for n in _TYPING if n in used),
            uses_builtins=any("builtins." in f.annotation for f in fields),
        )

    def _module(self, node: _Node, locale: str, text: TextFn) -> ModuleDef:
        resource = self._resource(node, (node.name,), text)
        used: set[str] = set()
        kinds: set[str] = set()

        def walk(res: ResourceDef) -> None:
            for m in res.methods:
                used.update(identifiers(m.signature), identifiers(m.return_annotation))
                kinds.add(m.kind)
            for child in res.children:
                walk(child)

        walk(resource)
        imports = tuple(
            sorted(
                (self.types.models[n].module, n) for n in used if n in self.types.models
            )
        )
        return ModuleDef(
            module=node.name,
            resource=resource,
            model_imports=imports,
            typing_names=tuple(
                n for n in _TYPING if n in used or (n == "Any" and "stream" in kinds)
            ),
            needs_page="page" in kinds,
            needs_stream="stream" in kinds,
            uses_builtins="builtins" in used,
        )

    def _resource(
        self, node: _Node, path: tuple[str, ...], text: TextFn
    ) -> ResourceDef:
        class_name = pascal("_".join(path))
        shadowed = ({o.verb for o in node.ops} | set(node.children)) & BUILTIN_TYPES
        methods = tuple(
            self._method(o, text, shadowed)
            for o in sorted(node.ops, key=lambda o: o.verb)
        )
        children = tuple(
            self._resource(child, path + (name,), text)
            for name, child in sorted(node.children.items())
        )
        doc = words(self._locale)["resource_doc"].format(path=".".join(path))
        raw = ds.render(words(self._locale)["raw_doc"], [], 8)
        raw_class = ds.render(words(self._locale)["raw_class_doc"], [], 4)
        return ResourceDef(
            class_name,
            node.name,
            methods,
            children,
            ds.render(doc, [], 4),
            raw,
            raw_class,
        )

    def _method(self, o: _Op, text: TextFn, shadowed: set[str]) -> MethodDef:
        by = {
            loc: tuple(
                ArgDef(
                    a.name,
                    a.wire,
                    a.signature(),
                    a.location,
                    a.annotation,
                    a.required,
                    text(a.description),
                )
                for a in o.args
                if a.location == loc
            )
            for loc in ("path", "query", "header", "json", "data", "file", "body")
        }
        positional = [
            f"{a.name}: {a.annotation}" for a in o.args if a.location == "path"
        ]
        keyword = [a.signature() for a in o.args if a.location != "path"]
        signature = ", ".join(positional + (["*"] + keyword if keyword else []))
        if o.kind == "page":
            ret = f"SyncCursorPage[{o.item_model}, {o.page_model}]"
            aret = f"AsyncCursorPage[{o.item_model}, {o.page_model}]"
        elif o.kind == "stream":
            ret, aret = "Stream[dict[str, Any]]", "AsyncStream[dict[str, Any]]"
        else:
            ret = aret = o.returns
        signature, ret, aret = (
            qualify(signature, shadowed),
            qualify(ret, shadowed),
            qualify(aret, shadowed),
        )
        return MethodDef(
            name=o.verb,
            http_method=o.op.method.upper(),
            path=o.op.path,
            signature=signature,
            path_args=by["path"],
            query_args=by["query"],
            header_args=by["header"],
            json_args=by["json"],
            data_args=by["data"],
            file_args=by["file"],
            body_arg=o.body_arg,
            kind=o.kind,
            return_annotation=ret,
            async_return_annotation=aret,
            parse=o.parse,
            page_model=o.page_model,
            item_model=o.item_model,
            cursor_param=o.cursor_param,
            docstring=self._method_doc(o, ret, text),
            resource_path=".".join(o.resource),
            summary=text(o.op.summary),
            description=text(o.op.description),
            returns_description=text(o.returns_doc),
            errors=tuple(
                ErrorDef(
                    error_class(e.status),
                    e.status,
                    e.code,
                    text(e.description),
                    e.message or "",
                )
                for e in o.op.errors
            ),
            request_example=self._example(
                o.op.request_body.content if o.op.request_body else (), text
            ),
            response_example=self._example(
                next(
                    (r.content for r in o.op.responses if r.status.startswith("2")), ()
                ),
                text,
            ),
        )

    def _example(self, content: tuple[MediaType, ...], text: TextFn) -> str:
        """JSON text of the first example (this locale's, else the primary's), or ""."""
        for media in content:
            picked = media.examples.pick(self._locale, self.api.primary).value
            if isinstance(picked, dict) and picked:
                value = next(iter(picked.values()))
                if not isinstance(value, str):
                    return json.dumps(value, ensure_ascii=False, indent=2)
        return ""

    def _method_doc(self, o: _Op, ret: str, text: TextFn) -> str:
        limit = ds.LINE_LENGTH - 8
        summary = text(o.op.summary) or f"{o.op.method.upper()} {o.op.path}"
        description = text(o.op.description)
        body = ds.paragraphs(
            description if description.strip() != summary.strip() else "", limit=limit
        )
        body += ds.section(
            "Args", [(a.name, text(a.description)) for a in o.args], limit
        )
        body += ds.section("Returns", [(ret, text(o.returns_doc))], limit)
        raises = [
            (error_class(e.status), f"`{e.code}`: {text(e.description)}")
            for e in o.op.errors
        ]
        body += ds.section("Raises", raises, limit)
        return ds.render(summary, body, 8)
