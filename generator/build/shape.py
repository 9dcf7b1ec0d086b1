"""The client's shape, built once per target: resources, names, arguments, results, pages.

Nothing here depends on a locale: prose stays ``Localized`` and ``build.localize`` picks one
locale's text. Names are resolved here, once, and every renaming is a note.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.build import pytype as pt
from generator.build.auth import Auth, auth_of
from generator.build.conflicts import (
    Node,
    resolve_members,
    resource_class_names,
)
from generator.build.models import Model, Param, models_of, params_of
from generator.build.names import (
    is_item,
    module_order,
    param_name,
    pascal,
    snake,
    unique,
)
from generator.build.paging import cursor_from
from generator.build.placement import place
from generator.build.pytype import BUILTINS, PyType
from generator.build.responses import (
    other_json_successes,
    success_of,
    success_response,
)
from generator.build.streams import StreamFinder, StreamSpec
from generator.build.types import TypeResolver
from generator.config import Target
from generator.conventions import (
    CLIENT_MEMBERS,
    METHOD_BODY_NAMES,
    OPTION_NAMES,
    RESOURCE_MEMBERS,
)
from generator.merge.model import Api, Localized, Operation, PartEncoding, Schema

CURSOR_PARAMS = ("last_id", "first_id")
_FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


@dataclass(frozen=True)
class Arg:
    name: str
    wire: str
    type: PyType
    required: bool
    location: str  # path | query | header | cookie | json | data | file | body
    description: Localized[str]
    # how it is serialized: a parameter's style/explode, a form part's encoding
    style: str = ""
    explode: bool | None = None
    content_type: str = ""  # a form part's encoding contentType; a body's media type


@dataclass(frozen=True)
class Page:
    """Cursor pagination: the page model, its item model, the cursor argument."""

    model: PyType
    item: PyType
    cursor: str
    cursor_from: str  # first | last: the item of a page whose id is the next cursor


@dataclass(frozen=True)
class Method:
    name: str
    operation: Operation
    args: tuple[Arg, ...]
    body_arg: str  # name of a whole-body argument, or ""
    kind: str  # plain | page | stream
    returns: PyType
    parse: str  # none | bytes | text | json | model | typed | "" (streams)
    page: Page | None
    returns_doc: Localized[str]
    # streams when its switch argument asks (kind plain), or always (kind stream)
    stream: StreamSpec | None = None


@dataclass(frozen=True)
class Resource:
    path: tuple[str, ...]
    methods: tuple[Method, ...]  # sorted by name
    children: tuple[Resource, ...]  # sorted by attribute
    class_name: str  # unique among the package's classes (models included)

    @property
    def attr(self) -> str:
        return self.path[-1] if self.path else ""  # "" for the client itself


@dataclass(frozen=True)
class ClientShape:
    package: str
    env_prefix: str
    default_base_url: str
    primary: str
    title: Localized[str]
    description: Localized[str]
    version: str
    sources: tuple[str, ...]  # every input file, sorted
    resources: tuple[Resource, ...]  # top-level, one module each, in isort's order
    methods: tuple[Method, ...]  # operations on ``/``: methods of the client itself
    models: tuple[Model, ...]  # sorted by module, as isort sorts imports
    params: tuple[Param, ...]  # sorted by module, as isort sorts imports
    notes: tuple[str, ...]  # names changed to resolve collisions, operations skipped
    auth: Auth = Auth((), (), ())  # security schemes and requirements, servers
    docs_url: str = ""  # the target's docs_url


def build_shape(api: Api, target: Target) -> ClientShape:
    """The locale-independent shape of a target's client."""
    return _Builder(api, target).shape()


class _Builder:
    def __init__(self, api: Api, target: Target) -> None:
        self.api = api
        self.target = target
        self.types = TypeResolver(api)
        self.notes: list[str] = []
        self.root: Node[Method] = Node()
        self.class_names: dict[tuple[str, ...], str] = {}
        self.streams = StreamFinder(api, self.types, target.streams)

    def shape(self) -> ClientShape:
        # item paths first: GET /pets/{id} is retrieve whatever GET /pets is called
        for op, resource, verb in sorted(
            place(self.api, self.target, self._collection, self.notes),
            key=lambda p: not is_item(p[0].path),
        ):
            self._add(op, resource, verb)
        for name, schema in self.api.schemas:
            if self.types.is_model(schema):
                self.types.type_of(Schema(ref=name), pascal(name))
        self.notes += self.types.notes
        self.notes += self.streams.notes
        # the conflict-checking pass: nothing renders before every name is settled
        resolve_members(self.root, CLIENT_MEMBERS, RESOURCE_MEMBERS, "", self.notes)
        self.class_names = resource_class_names(
            (path for path, _ in self.root.walk()), self.types.models, self.notes
        )
        api = self.api
        return ClientShape(
            package=self.target.package,
            env_prefix=self.target.env_prefix,
            default_base_url=api.servers[0].url if api.servers else "",
            auth=auth_of(api),
            docs_url=self.target.docs_url,
            primary=api.primary,
            title=api.title,
            description=api.description,
            version=api.version,
            sources=tuple(sorted({f for _, files in api.sources for f in files})),
            resources=tuple(
                self._freeze(child, (name,))
                for name, child in sorted(
                    self.root.children.items(), key=lambda kv: module_order(kv[0])
                )
            ),
            methods=tuple(sorted(self.root.methods, key=lambda m: m.name)),
            models=models_of(self.types),
            params=params_of(self.types),
            notes=tuple(self.notes),
        )

    # -- where an operation lives and what it is called ---------------------------------
    def _add(self, op: Operation, resource: tuple[str, ...], verb: str) -> None:
        key = f"{op.method.upper()} {op.path}"
        node = self.root
        for part in resource:
            node = node.children.setdefault(part, Node())
        if verb in node.method_names():
            # the operationId's name if it is free (updatePetWithForm), else verb_2
            primary = self.api.primary
            raw = op.operation_id.pick(primary, primary).value
            operation_id = snake(raw, "call") if raw else ""
            taken = node.method_names()
            free = operation_id and operation_id not in taken
            new = operation_id if free else unique(verb, taken)
            self.notes.append(
                f"{key}: name {'.'.join(resource + (verb,))} taken, using {new}"
            )
            verb = new
        built = self._method(op, resource, verb)
        node.methods.append(built)

    def _freeze(self, node: Node[Method], path: tuple[str, ...]) -> Resource:
        return Resource(
            path,
            tuple(sorted(node.methods, key=lambda m: m.name)),
            tuple(
                self._freeze(child, path + (attr,))
                for attr, child in sorted(node.children.items())
            ),
            self.class_names[path],
        )

    def _collection(self, op: Operation) -> bool:
        """The response is an array or a page (``data`` holds an array)."""
        success = success_of(op)
        if success is None:
            return False
        kind, schema = success
        if kind == "json" and schema is not None:
            if self.types.component(schema).type == "array":
                return True
        return self._is_page_shape(success)

    def _is_page_shape(self, success: tuple[str, Schema | None]) -> bool:
        kind, schema = success
        if kind != "json" or schema is None:
            return False
        props = dict(self.types.flatten(schema)[0])
        return "data" in props and self.types.component(props["data"]).type == "array"

    # -- arguments and results ----------------------------------------------------------
    def _method(self, op: Operation, resource: tuple[str, ...], verb: str) -> Method:
        hint = pascal("_".join(resource + (verb,)))
        taken = {"self", *OPTION_NAMES}
        args: list[Arg] = []

        def add(
            wire: str,
            schema: Schema | None,
            required: bool,
            location: str,
            desc: Localized[str],
            serial: tuple[str, bool | None, str] = ("", None, ""),
        ) -> None:
            name = param_name(wire)
            # a builtin would be shadowed in the method's annotations, a name its body
            # reads would be shadowed in the body
            if name in BUILTINS or name in METHOD_BODY_NAMES:
                name += "_"
            if name in taken:
                new = unique(name, taken)
                self.notes.append(
                    f"{op.method.upper()} {op.path}: argument {name} ({location}) "
                    f"taken, using {new}"
                )
                name = new
            taken.add(name)
            found = self.types.type_of(schema, hint + pascal(wire), for_input=True)
            if location == "path" and found.is_open:
                found = pt.STR
            found = pt.BYTES if location == "body" and found == pt.FILE else found
            required = required or location == "path"
            args.append(Arg(name, wire, found, required, location, desc, *serial))

        for p in op.parameters:
            if p.location in ("path", "query", "header", "cookie"):
                schema_desc = p.schema.description if p.schema else None
                desc = p.description or schema_desc or Localized()
                serial = (p.style, p.explode, "")
                add(p.name, p.schema, p.required, p.location, desc, serial)
        body_arg = ""
        if op.request_body and op.request_body.content:
            media = op.request_body.content[0]
            form = media.content_type in _FORM_TYPES
            multipart = media.content_type == _FORM_TYPES[0]
            encoding = dict(media.encoding) if form else {}
            props, required = (
                self.types.flatten(media.schema) if media.schema else ([], set())
            )
            for wire, schema in props:
                component = self.types.component(schema)
                if self.types.access(schema)[0]:
                    continue  # the server sets it: never an argument
                item = self.types.component(component.items or Schema())
                is_file = "binary" in (component.format, item.format)
                location = "data" if form else "json"
                location = "file" if multipart and is_file else location
                desc = schema.description or component.description
                enc = encoding.get(wire) or PartEncoding()
                serial = (enc.style or "", enc.explode, enc.content_type or "")
                add(wire, schema, wire in required, location, desc, serial)
            if not props and media.schema is not None:
                body, raw = op.request_body, ("", None, media.content_type)
                add("body", media.schema, body.required, "body", body.description, raw)
                body_arg = args[-1].name
        kind, returns, parse, page = self._result(op, hint, args)
        response = success_response(op)
        returns_doc = response.description if response else Localized()
        found = [(a.name, a.wire, a.type, a.location) for a in args]
        stream = self.streams.find(op, found, hint)
        if stream is not None and not stream.switch:
            kind, returns, parse, page = "stream", stream.events, "", None
        return Method(
            verb,
            op,
            tuple(args),
            body_arg,
            kind,
            returns,
            parse,
            page,
            returns_doc,
            stream,
        )

    def _result(
        self, op: Operation, hint: str, args: list[Arg]
    ) -> tuple[str, PyType, str, Page | None]:
        """(call kind, return type, parser, page or None)."""
        success = success_of(op)
        if success is None or success[0] == "none":
            return "plain", pt.NONE, "none", None
        kind, schema = success
        if kind == "stream":
            return "stream", pt.dict_of(pt.ANY), "", None
        if kind in ("bytes", "text"):
            return "plain", pt.BYTES if kind == "bytes" else pt.STR, kind, None
        returns = self.types.type_of(schema, hint + "Response")
        others = [
            self.types.type_of(other, f"{hint}Response{status}")
            for status, other in other_json_successes(op)
        ]
        if others:  # 200 and 201 with different bodies: either may come
            returns = pt.union([returns, *others])
        if not returns.model:
            # a union, list or map of models decodes into them, anything else stays JSON
            typed = any(inner.model for inner in returns.walk())
            return "plain", returns, "typed" if typed else "json", None
        page = self._page(op, schema, returns, args) if self._is_page_shape(success) else None
        return ("page" if page else "plain"), returns, "model", page

    def _page(
        self, op: Operation, schema: Schema | None, returns: PyType, args: list[Arg]
    ) -> Page | None:
        """Cursor pagination: a last_id/first_id query parameter, data + has_more, item ids."""
        cursor = next(
            (a for a in args if a.wire in CURSOR_PARAMS and a.location == "query"), None
        )
        props = dict(self.types.flatten(schema)[0]) if schema else {}
        if cursor is None or "has_more" not in props:
            return None
        item = self.types.type_of(
            self.types.component(props["data"]).items, returns.name + "DataItem"
        )
        spec = self.types.models.get(item.name) if item.model else None
        if spec is None or not any(f.name == "id" for f in spec.fields):
            return None
        override = dict(self.target.cursor_from).get(f"{op.method.upper()} {op.path}")
        side = cursor_from(cursor.wire, cursor.description, self.api.primary, override)
        return Page(returns, item, cursor.name, side)
