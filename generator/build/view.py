"""Render-ready values for one locale's client: names sanitized, annotations and imports
computed, docstrings laid out. Templates read these and nothing else.

Every value except ``ClientDef.docstrings`` (and the prose kept for the reference docs) is
the same in every locale of a target. A docstring is referenced by its index into
``ClientDef.docstrings``: the Python code renders once, with placeholders, for all locales.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from generator.build.auth import AuthDef
from generator.build.names import import_order, module_order

Doc = int  # an index into ClientDef.docstrings


# FieldDef and ArgDef are named tuples, not frozen dataclasses: a locale's view makes
# thousands of them (Twilio's: 1,521 and 1,672), and a frozen dataclass of 12 fields
# takes ten times as long to make (1.8 against 0.2 µs)
class FieldDef(NamedTuple):
    name: str
    wire: str
    annotation: str
    docstring: Doc  # the laid-out literal, "" when the field has no description
    required: bool  # no default: the key is required in the JSON object


@dataclass(frozen=True)
class ModelDef:
    class_name: str
    module: str
    docstring: Doc
    fields: tuple[FieldDef, ...]
    imports: tuple[tuple[str, str], ...]  # (module, class) of models referenced, sorted
    typing_names: tuple[str, ...]  # names imported from typing
    runtime_names: tuple[str, ...]  # names imported from the runtime's _models
    uses_builtins: bool = False  # an annotation says builtins.x (a field shadows x)
    renamed_fields: bool = False  # a field's name differs from its JSON key


@dataclass(frozen=True)
class ParamDef:
    """A request-side ``TypedDict``; each key's annotation is written as a string."""

    class_name: str
    module: str
    keys: tuple[
        tuple[str, str], ...
    ]  # (JSON key, annotation text; Required[...] if so)
    imports: tuple[tuple[str, str], ...]  # (module, class) of the types referenced
    typing_names: tuple[str, ...]  # names imported from typing


class ArgDef(NamedTuple):
    name: str
    wire: str
    annotation: str  # as written in the signature, default included (" = NOT_GIVEN")
    location: str  # path | query | header | cookie | json | data | file | body
    type: str = ""  # the type alone, e.g. "int"
    required: bool = False
    description: str = ""  # this locale's text (with fallback), raw Markdown, untrusted
    style: str = ""  # a parameter's (defaults applied); a form property's, if written
    explode: bool | None = None  # likewise
    content_type: str = ""  # a form property's encoding contentType; a body's type
    encoding: str = ""  # the literal the call passes the runtime; "" for its default


@dataclass(frozen=True)
class ErrorDef:
    class_name: str
    status: str
    code: str
    description: str  # this locale's text, untrusted
    message: str  # example message from the spec, untrusted


@dataclass(frozen=True)
class OverloadDef:
    """One ``@overload`` of a method whose switch argument picks stream or blocking."""

    signature: str
    return_annotation: str
    async_return_annotation: str


@dataclass(frozen=True)
class MethodDef:
    name: str
    http_method: str
    path: str
    signature: str  # the parameters after self, formatted
    path_args: tuple[ArgDef, ...]
    query_args: tuple[ArgDef, ...]
    header_args: tuple[ArgDef, ...]
    json_args: tuple[ArgDef, ...]
    data_args: tuple[ArgDef, ...]
    file_args: tuple[ArgDef, ...]
    body_arg: str  # name of a whole-body argument, or ""
    args: tuple[ArgDef, ...]  # every argument in signature order (path ones first)
    kind: str  # plain | page | stream
    return_annotation: str  # sync form
    async_return_annotation: str
    parse: str  # parser expression (plain and page), "" for streams
    typed_result: bool  # the parser returns Any: the result is annotated in the method
    page_model: str
    item_model: str
    cursor_param: str
    docstring: Doc
    cursor_from: str = ""  # first | last: the page item whose id is the next cursor
    # structured, this locale's text (untrusted Markdown), for reference docs
    resource_path: str = ""  # e.g. "conversations.variables"
    summary: str = ""
    description: str = ""
    returns_description: str = ""
    errors: tuple[ErrorDef, ...] = ()
    request_example: str = ""  # JSON text of the spec's first request example, or ""
    response_example: str = ""  # JSON text of the spec's first success response example
    multipart: bool = False  # the body is multipart/form-data (data and file args)
    body_content_type: str = ""  # the media type of a body_arg sent as is; "" for JSON
    cookie_args: tuple[ArgDef, ...] = ()
    security: str = ""  # the security= literal the call passes; "" for the API's own

    @property
    def async_def(self) -> str:
        """How the async method is declared: a list returns its paginator unawaited."""
        return "def" if self.kind == "page" else "async def"

    @property
    def async_await(self) -> str:
        return "" if self.kind == "page" else "await "

    @property
    def streamable(self) -> bool:
        """Offered by ``with_streaming_response`` (lists and event streams are not)."""
        return self.kind == "plain"
    overloads: tuple[OverloadDef, ...] = ()  # a stream switch: one per return type
    stream_condition: str = (
        ""  # e.g. `response_mode == "streaming"`: send it and stream
    )
    stream_parse: str = ""  # the event parser expression of a streaming call
    stream_accept: str = ""  # the Accept of a stream that is not text/event-stream
    stream_example: bool = False  # the docs' example iterates events
    switch_example: str = ""  # the keyword the docs' example passes to stream, or ""


@dataclass(frozen=True)
class ResourceDef:
    class_name: str  # e.g. ConversationsVariables
    attr: str  # attribute name on the parent
    methods: tuple[MethodDef, ...]
    children: tuple[ResourceDef, ...]
    docstring: Doc  # of the class
    property_docstring: Doc  # of the parent's property that returns it
    raw_docstring: Doc  # of the with_raw_response property
    raw_class_docstring: Doc  # of the ...WithRawResponse classes
    streaming_docstring: Doc  # of the with_streaming_response property
    streaming_class_docstring: Doc  # of the ...WithStreamingResponse classes

    @property
    def streamable_members(self) -> bool:
        """The ...WithStreamingResponse class has a member (a method or a child)."""
        return bool(self.children) or any(m.streamable for m in self.methods)


@dataclass(frozen=True)
class ModuleDef:
    """One resources/<name>.py module: a top-level resource and its nested ones."""

    module: str
    resource: ResourceDef
    model_imports: tuple[tuple[str, str], ...]
    typing_names: tuple[str, ...]
    parsers: tuple[str, ...]  # the runtime parsers its methods use, sorted
    runtime_names: tuple[
        str, ...
    ]  # names its annotations use from the runtime's _models
    type_helpers: tuple[str, ...]  # names its methods use from the runtime's _types
    needs_page: bool
    uses_builtins: bool = False  # an annotation says builtins.x (a method shadows x)
    aliases: tuple[str, ...] = ()  # module-level code: streams' event aliases, laid out
    needs_streamed: bool = False  # a method is offered by with_streaming_response
    stream_names: tuple[
        str, ...
    ] = ()  # names its methods use from the runtime's _streaming

    @property
    def class_names(self) -> tuple[str, ...]:
        """The module's sync and async resource classes, in import order."""
        name = self.resource.class_name
        return tuple(sorted((name, f"Async{name}"), key=import_order))


@dataclass(frozen=True)
class ClientDef:
    package: str
    locale: str
    header: Doc  # comment block at the top of every file
    title: str
    module_docstring: Doc
    client_docstring: Doc
    default_base_url: str
    env_prefix: str
    resources: tuple[ModuleDef, ...]
    models: tuple[ModelDef, ...]
    params: tuple[ParamDef, ...]
    errors: tuple[str, ...]  # the runtime's error classes, in hierarchy order
    docstrings: tuple[str, ...]  # this locale's text of every Doc, in render order
    auth: AuthDef = AuthDef((), "{}", "()", False, False, False, ())
    docs_url: str = ""  # root-relative links in the spec's prose point into this site
    distribution: str = ""  # the distribution name of this locale's package
    root: ModuleDef | None = None  # operations on ``/``: methods of the client itself

    @property
    def exports(self) -> tuple[ModelDef | ParamDef, ...]:
        """What ``types`` exports: the models and the request ``TypedDict``s, by module
        as isort sorts imports (``level4`` before ``level100``)."""
        items: tuple[ModelDef | ParamDef, ...] = (*self.models, *self.params)
        return tuple(sorted(items, key=lambda d: module_order(d.module)))

    @property
    def client_typing_names(self) -> tuple[str, ...]:
        """What _client.py imports from typing."""
        found = {"TYPE_CHECKING", *(self.root.typing_names if self.root else ())}
        if self.auth.environments:
            found.add("Literal")
        return tuple(sorted(found, key=import_order))

    @property
    def client_base_imports(self) -> tuple[str, ...]:
        """What _client.py imports from the runtime's _base_client."""
        found = {"AsyncAPIClient", "SyncAPIClient"}
        found |= set(self.root.parsers if self.root else ())
        return tuple(sorted(found, key=import_order))

    @property
    def error_imports(self) -> tuple[str, ...]:
        """The error classes in import order."""
        return tuple(sorted(self.errors, key=import_order))
