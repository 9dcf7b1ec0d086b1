"""One locale's view of a client: a pure function of the frozen shape and the locale.

Everything but the text (docstrings, the header, the prose kept for the reference docs) is
computed from structure only, so the code is identical across the locales of a target.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from generator.build import docstrings as ds
from generator.build import pytype as pt
from generator.build.auth import auth_def
from generator.build.links import resolve_links
from generator.build.method_frame import PARSERS, method_frame
from generator.build.method_types import (
    all_methods,
    class_names,
    shadowed_builtins,
    types_of,
    uses_builtins,
)
from generator.build.models import Model, model_def, model_frame, param_def
from generator.build.names import import_order
from generator.build.responses import success_response
from generator.build.shape import ClientShape, Method, Resource
from generator.build.stream_view import stream_returns
from generator.build.streams import UNKNOWN
from generator.build.view import (
    ClientDef,
    Doc,
    ErrorDef,
    MethodDef,
    ModelDef,
    ModuleDef,
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
from generator.literals import pretty_json
from generator.merge.model import Localized, MediaType

T = TypeVar("T")

# What no locale changes, kept for the last shape localized: {key: (object, value)},
# the object kept so that its id is not reused. The primary locale fills it; the others,
# rendered in processes forked after it, find it filled.
_KEPT: tuple[ClientShape, dict[tuple[object, ...], tuple[object, Any]]] | None = None


def localize(shape: ClientShape, locale: str) -> ClientDef:
    """The render-ready client of one locale."""
    return _Localizer(shape, locale).client()


def _memo_of(shape: ClientShape) -> dict[tuple[object, ...], tuple[object, Any]]:
    global _KEPT
    if _KEPT is None or _KEPT[0] is not shape:
        _KEPT = (shape, {})
    return _KEPT[1]


def _one_line(text: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f]+", "?", text)


class _Localizer:
    def __init__(self, shape: ClientShape, locale: str) -> None:
        self.shape = shape
        self.locale = locale
        self.words = words(locale)
        self.docs: list[str] = []
        self.top_level = frozenset(r.attr for r in shape.resources)
        self.memo = _memo_of(shape)

    def text(self, value: Localized[str]) -> str:
        """The locale's prose; its root-relative links point at the docs site."""
        text = value.value_for(self.locale, self.shape.primary) or ""
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
        frame = self._kept(("model", id(model)), model, lambda: model_frame(model))
        return model_def(model, self.text, self.doc, self.words["model_doc"], frame)

    def _kept(self, key: tuple[object, ...], of: object, make: Callable[[], T]) -> T:
        """What ``make`` gives for ``of`` (no locale changes it), made once per shape."""
        kept = self.memo.get(key)
        if kept is None or kept[0] is not of:
            kept = self.memo[key] = (of, make())
        return kept[1]

    # -- resources ---------------------------------------------------------------------
    def _module(self, resource: Resource) -> ModuleDef:
        frame = self._kept(
            ("module", id(resource)), resource, lambda: _module_frame(resource)
        )
        self.aliases: list[str] = []
        self.taken = set(frame.taken)
        resource_def = self._resource(resource)
        aliased = ("TypeAlias",) if self.aliases else ()
        return ModuleDef(
            module=resource.attr,
            resource=resource_def,
            model_imports=frame.model_imports,
            typing_names=tuple(sorted({*frame.typing, *aliased}, key=import_order)),
            aliases=tuple(self.aliases),
            parsers=frame.parsers,
            runtime_names=frame.runtime_names,
            type_helpers=frame.type_helpers,
            needs_page=frame.needs_page,
            uses_builtins=uses_builtins(resource, self._others(resource)),
            needs_streamed=frame.needs_streamed,
            stream_names=frame.stream_names,
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
        frame = self._kept(
            ("method", id(m), shadowed),
            m,
            lambda: method_frame(
                m, resource.path, shadowed, self.taken, self.shape.auth
            ),
        )
        if frame.alias:  # the events named once, at the top of the module
            self.aliases.append(frame.alias)
        op = m.operation
        response = success_response(op)
        return frame.method_def(
            [self.text(a.description) for a in m.args],
            self.doc(self._method_doc(m, frame.returns)),
            tuple(
                ErrorDef(
                    error_class(e.status),
                    e.status,
                    e.code,
                    self.text(e.description),
                    e.message or "",
                )
                for e in op.errors
            ),
            (self.text(op.summary), self.text(op.description), self.text(m.returns_doc)),
            (
                self._example(op.request_body.content if op.request_body else ()),
                self._example(response.content if response else ()),
            ),
        )

    def _example(self, content: tuple[MediaType, ...]) -> str:
        """JSON text of the first example (this locale's, else the primary's), or ""."""
        for media in content:
            picked = media.examples.pick(self.locale, self.shape.primary).value
            if isinstance(picked, dict) and picked:
                value = next(iter(picked.values()))
                if not isinstance(value, str):
                    # a twin's example is the primary's own value: laid out once
                    return self._kept(
                        ("json", id(value)), value, lambda: pretty_json(value)
                    )
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


@dataclass(frozen=True)
class _ModuleFrame:
    """What a resource's module imports, the same in every locale (the typing names but
    TypeAlias, which its methods' events add); ``taken``: the names its events' aliases
    must not take."""

    taken: frozenset[str]
    model_imports: tuple[tuple[str, str], ...]
    typing: frozenset[str]
    parsers: tuple[str, ...]
    runtime_names: tuple[str, ...]
    type_helpers: tuple[str, ...]
    needs_page: bool
    needs_streamed: bool
    stream_names: tuple[str, ...]


def _module_frame(resource: Resource) -> _ModuleFrame:
    methods = list(all_methods(resource))
    types = [t for m in methods for t in types_of(m)]
    kinds = {m.kind for m in methods} | {"stream" for m in methods if m.stream}
    parsers = {PARSERS[m.parse] for m in methods if m.kind != "stream"}
    args = [a for m in methods for a in m.args]
    # every method takes the per-call options (timeout defaults to NOT_GIVEN)
    helpers = {"NOT_GIVEN", "NotGiven", *OPTION_TYPES}
    if any(a.location in ("header", "file") for a in args):
        helpers.add("strip_not_given")
    walked = [t for type_ in types for t in type_.walk()]
    if any(t == pt.FILE for t in walked):
        helpers.add("FileTypes")
    overloads = (
        ("overload",) if any(m.stream and m.stream.switch for m in methods) else ()
    )
    streaming = {"AsyncStream", "Stream", "event_parser"} if "stream" in kinds else set()
    if any(t == UNKNOWN for t in walked):
        streaming.add("UnknownEvent")
    imports = pt.model_imports(types)
    return _ModuleFrame(
        taken=frozenset({i[1] for i in imports} | set(class_names(resource))),
        model_imports=imports,
        typing=frozenset({*pt.typing_names(types), *overloads}),
        parsers=tuple(sorted(parsers)),
        runtime_names=pt.runtime_names(types),
        type_helpers=tuple(sorted(helpers, key=import_order)),
        needs_page="page" in kinds,
        needs_streamed="plain" in kinds,
        stream_names=tuple(sorted(streaming, key=import_order)),
    )
