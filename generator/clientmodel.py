"""Render-ready values for one locale's client: names sanitized, types computed, docstrings
laid out. Templates read these and nothing else."""

from __future__ import annotations

from dataclasses import dataclass

# The error classes of the runtime (``_exceptions.py``), by the status they stand for.
ERROR_CLASSES = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    409: "ConflictError",
    422: "UnprocessableEntityError",
    429: "RateLimitError",
}
ALL_ERRORS = (
    "APIError",
    "APIConnectionError",
    "APITimeoutError",
    "APIStatusError",
    *ERROR_CLASSES.values(),
    "InternalServerError",
)


@dataclass(frozen=True)
class FieldDef:
    name: str
    wire: str
    annotation: str
    docstring: str  # complete literal, or "" for none


@dataclass(frozen=True)
class ModelDef:
    class_name: str
    module: str
    docstring: str
    fields: tuple[FieldDef, ...]
    imports: tuple[tuple[str, str], ...]  # (module, class) of models referenced, sorted
    typing_names: tuple[str, ...]  # names imported from typing
    uses_builtins: bool = False  # an annotation says builtins.x (a field shadows x)


@dataclass(frozen=True)
class ArgDef:
    name: str
    wire: str
    annotation: str  # as written in the signature, default included (" = NOT_GIVEN")
    location: str  # path | query | header | json | data | file | body
    type: str = ""  # the type alone, e.g. "int"
    required: bool = False
    description: str = ""  # this locale's text (with fallback), raw Markdown, untrusted


@dataclass(frozen=True)
class ErrorDef:
    class_name: str
    status: str
    code: str
    description: str  # this locale's text, untrusted
    message: str  # example message from the spec, untrusted


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
    kind: str  # plain | page | stream
    return_annotation: str  # sync form
    async_return_annotation: str
    parse: str  # parser expression (plain) or event parser (stream)
    page_model: str
    item_model: str
    cursor_param: str
    docstring: str
    # structured, this locale's text (untrusted Markdown), for reference docs
    resource_path: str = ""  # e.g. "conversations.variables"
    summary: str = ""
    description: str = ""
    returns_description: str = ""
    errors: tuple[ErrorDef, ...] = ()
    request_example: str = ""  # JSON text of the spec's first request example, or ""
    response_example: str = ""  # JSON text of the spec's first success response example


@dataclass(frozen=True)
class ResourceDef:
    class_name: str  # e.g. ConversationsVariables
    attr: str  # attribute name on the parent
    methods: tuple[MethodDef, ...]
    children: tuple[ResourceDef, ...]
    docstring: str
    raw_docstring: str = ""  # of the with_raw_response property
    raw_class_docstring: str = ""  # of the ...WithRawResponse classes


@dataclass(frozen=True)
class ModuleDef:
    """One resources/<name>.py module: a top-level resource and its nested ones."""

    module: str
    resource: ResourceDef
    model_imports: tuple[tuple[str, str], ...]
    typing_names: tuple[str, ...]
    needs_page: bool
    needs_stream: bool
    uses_builtins: bool = False  # an annotation says builtins.x (a method shadows x)


@dataclass(frozen=True)
class ClientDef:
    package: str
    locale: str
    header: str  # comment block at the top of every file
    title: str
    module_docstring: str
    client_docstring: str
    default_base_url: str
    env_prefix: str
    resources: tuple[ModuleDef, ...]
    models: tuple[ModelDef, ...]
    errors: tuple[str, ...]
    naming_notes: tuple[str, ...]  # collisions resolved, reported by the CLI
