"""The merged intermediate model: one structure, every piece of prose kept per locale.

Frozen values only; nothing here reads raw spec dicts. Identifiers and structure come from
the primary locale; prose (summaries, descriptions, titles, tag names, examples, error
descriptions) is a ``Localized`` value holding each locale's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, NamedTuple, TypeVar

T = TypeVar("T")


class Picked(NamedTuple, Generic[T]):
    """A localized value chosen for one locale, and where it came from."""

    value: T
    locale: str | None
    fell_back: bool


@dataclass(frozen=True)
class Localized(Generic[T]):
    """One piece of prose (or example value) per locale, in locale order."""

    values: tuple[tuple[str, T], ...] = ()

    def get(self, locale: str) -> T | None:
        """The value written for exactly this locale, or None."""
        for loc, value in self.values:
            if loc == locale:
                return value
        return None

    def value_for(self, locale: str, primary: str) -> T | None:
        """``pick(locale, primary).value``, without saying where it came from (each
        locale's view asks this of every text: ``get`` is not called, but inlined)."""
        for wanted in (locale, primary):
            for loc, value in self.values:
                if loc == wanted:
                    if value is not None:
                        return value
                    break
        return self.values[0][1] if self.values else None

    def pick(self, locale: str, primary: str) -> Picked[T | None]:
        """The locale's value, else the primary's, else the first locale's; says if it fell back."""
        own = self.get(locale)
        if own is not None:
            return Picked(own, locale, False)
        fallback = self.get(primary)
        if fallback is not None:
            return Picked(fallback, primary, True)
        if self.values:
            return Picked(self.values[0][1], self.values[0][0], True)
        return Picked(None, None, False)

    def __bool__(self) -> bool:
        return bool(self.values)


LocalizedText = Localized[str]
NO_TEXT: Localized[str] = Localized()


@dataclass(frozen=True)
class Discriminator:
    """``discriminator``: the property naming a union's member, and its explicit mapping."""

    property_name: str
    mapping: tuple[tuple[str, str], ...] = ()  # (value, component name), as written


@dataclass(frozen=True)
class Schema:
    """A schema node, structure from the primary locale, prose per locale.

    ``ref`` names a component schema (by the primary locale's name) instead of inlining it;
    a ``$ref`` with siblings keeps them (``nullable``, ...). The structural keywords the
    generator uses are typed fields; spellings that mean the same (``nullable: false``,
    ``required: []``) are normalised away.
    """

    ref: str | None = None
    types: tuple[
        str, ...
    ] = ()  # JSON types as written; ``type: [X, "null"]`` keeps both
    format: str | None = None
    enum: tuple[Any, ...] | None = None  # values in written order
    const: tuple[Any, ...] = ()  # the ``const`` value, when there is one
    nullable: bool = False  # OpenAPI 3.0 ``nullable: true``
    read_only: bool = False  # ``readOnly``: in responses only, never sent
    write_only: bool = False  # ``writeOnly``: sent only, never in responses
    required: tuple[str, ...] = ()  # sorted
    discriminator: Discriminator | None = None
    properties: tuple[tuple[str, Schema], ...] = ()
    items: Schema | None = None
    additional: Schema | bool | None = None
    all_of: tuple[Schema, ...] = ()
    any_of: tuple[Schema, ...] = ()
    one_of: tuple[Schema, ...] = ()
    description: Localized[str] = NO_TEXT
    title: Localized[str] = NO_TEXT
    example: Localized[Any] = field(default_factory=Localized)

    @property
    def type(self) -> str | None:
        """The first non-null JSON type, or None."""
        return next((t for t in self.types if t != "null"), None)


SIMPLE_LOCATIONS = ("path", "header")  # style simple by default; query, cookie: form


@dataclass(frozen=True)
class Parameter:
    """A parameter; ``style`` and ``explode`` as written, else OpenAPI's defaults: form
    for query and cookie, simple for path and header; explode true for form only."""

    name: str
    location: str
    required: bool
    schema: Schema | None
    description: Localized[str] = NO_TEXT
    example: Localized[Any] = field(default_factory=Localized)
    style: str = ""  # "" when built: the location's default
    explode: bool | None = None  # None when built: true for form, else false

    def __post_init__(self) -> None:
        if not self.style:
            default = "simple" if self.location in SIMPLE_LOCATIONS else "form"
            object.__setattr__(self, "style", default)
        if self.explode is None:
            object.__setattr__(self, "explode", self.style == "form")


@dataclass(frozen=True)
class PartEncoding:
    """One property's ``encoding`` in a form body, as written (None: not written)."""

    content_type: str | None = None
    style: str | None = None
    explode: bool | None = None


@dataclass(frozen=True)
class MediaType:
    content_type: str
    schema: Schema | None
    examples: Localized[Any] = field(default_factory=Localized)
    encoding: tuple[tuple[str, PartEncoding], ...] = ()  # (property, its encoding)
    item_schema: Schema | None = None  # OpenAPI 3.2: the schema of each streamed item


@dataclass(frozen=True)
class RequestBody:
    required: bool
    content: tuple[MediaType, ...]
    description: Localized[str] = NO_TEXT


@dataclass(frozen=True)
class Response:
    status: str
    content: tuple[MediaType, ...]
    description: Localized[str] = NO_TEXT


@dataclass(frozen=True)
class ErrorCase:
    """A documented error: status, code, each locale's description, the example message."""

    status: str
    code: str
    description: Localized[str]
    message: str | None


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    operation_id: Localized[str]
    tags: Localized[tuple[str, ...]]
    summary: Localized[str]
    description: Localized[str]
    parameters: tuple[Parameter, ...]
    request_body: RequestBody | None
    responses: tuple[Response, ...]
    errors: tuple[ErrorCase, ...]
    locales: tuple[str, ...]
    deprecated: bool = False
    # the operation's own ``security``; None: the API's
    security: Security | None = None


@dataclass(frozen=True)
class Server:
    url: str  # with its variables' defaults
    description: Localized[str] = NO_TEXT


# ``security``: alternatives (any one will do), each the names of the schemes it needs
# together (sorted); an empty alternative means no credentials.
Security = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class SecurityScheme:
    """One entry of ``components.securitySchemes``, as the client sends it.

    ``kind``: bearer | basic | http (another HTTP scheme, ``wire`` names it) | header |
    query | cookie (an apiKey, ``wire`` is its name) | oauth2 | openIdConnect (a bearer
    token) | mutualTLS (nothing the client sends).
    """

    name: str
    kind: str
    wire: str = ""
    description: Localized[str] = NO_TEXT


@dataclass(frozen=True)
class Tag:
    name: Localized[str]
    description: Localized[str] = NO_TEXT


@dataclass(frozen=True)
class Api:
    primary: str
    locales: tuple[str, ...]
    sources: tuple[tuple[str, tuple[str, ...]], ...]  # locale -> files, in locale order
    title: Localized[str]
    description: Localized[str]
    version: str
    servers: tuple[Server, ...]
    tags: tuple[Tag, ...]
    operations: tuple[Operation, ...]
    schemas: tuple[tuple[str, Schema], ...]
    security_schemes: tuple[SecurityScheme, ...] = ()  # sorted by name
    security: Security = ()  # the document's ``security``
