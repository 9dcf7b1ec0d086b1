"""Hypothesis strategies: random valid OpenAPI 3.0 and 3.1 documents in one to three locales.

``specs()`` draws a ``Spec``: one document per locale, the same structure everywhere, only
the prose (titles, summaries, descriptions) translated. The structure is drawn once with
every piece of prose a ``Text``; ``Spec.document(locale)`` renders it for a locale.

What a document holds:

- component schemas named from ``COMPONENT_NAMES`` (PascalCase words, none a prefix of
  another, so that each component's model class is the component's own name and never
  collides with a class the generator names after a property);
- objects with property names in several scripts, Python keywords and builtins, names with
  dashes, spaces and leading digits, names of the runtime's own attributes; nested objects,
  arrays, maps (``additionalProperties`` with a schema, ``true`` or ``{}``), enums of odd
  strings, of ints, and untyped ones of several types, ``required`` lists, every spelling
  of nullable the version has (3.0 ``nullable: true``, also beside ``allOf: [$ref]``; 3.1
  ``type: [X, "null"]``, ``anyOf``/``oneOf`` with ``{type: "null"}``), unions
  (``oneOf``/``anyOf``) with and without a discriminator (explicit ``mapping``, partial,
  or none; mapping values as refs or bare names), ``allOf`` composition (components and
  inline), a parent with a discriminator extended by components (``allOf``), a component
  referring to itself, and (3.1) ``const`` and ``type`` lists of several types;
- a few paths with GET/POST operations: path and query parameters (names that clash with
  Python and with the method's own arguments), JSON request bodies and JSON responses
  referencing component schemas (the component, a list or a map of it), nested
  collections and actions under an item path.

A component refers only to components drawn before it, except to itself (always through
an optional property) and, through a parent with a discriminator, to the components
extending it (which refer only to components drawn before the parent): ``$ref`` chains
can be inlined with a finite depth (instances.py).

Validity is by construction; openapi-spec-validator (run by the generator on every
document) is the judge, and a generator exit status 2 on a drawn document is a failure.
No shape is excluded: the bugs found so far are fixed (test_known_bugs.py pins each).
"""

from __future__ import annotations

import functools
import json
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

REF = "#/components/schemas/"

COMPONENT_NAMES = (
    "Alpha",
    "Bravo",
    "Charlie",
    "Delta",
    "Echo",
    "Foxtrot",
    "Golf",
    "Hotel",
    "India",
    "Juliett",
    "Kilo",
    "Lima",
    "Mike",
    "November",
    "Oscar",
    "Papa",
    "Quebec",
    "Romeo",
    "Sierra",
    "Tango",
)

# Property names that are hard on a code generator.
SPECIAL_NAMES = (
    "class",
    "from",
    "import",
    "def",
    "lambda",
    "None",
    "True",
    "self",
    "cls",
    "list",
    "dict",
    "type",
    "str",
    "int",
    "float",
    "bool",
    "object",
    "id",
    "builtins",
    "typing",
    "dataclass",
    "field",
    "annotations",
    "Annotated",
    "BaseModel",
    "to_dict",
    "from_dict",
    "extra_fields",
    "_extra_fields",
    "missing_fields",
    "_fields_given",
    "__class__",
    "a-b",
    "a_b",
    "A B",
    "__init__",
    "user-name",
    "first name",
    "2fa",
    "123",
    "@type",
    "a.b",
    "-",
    "_",
    "camelCase",
    "HTTPStatus",
    "名前",
    "データ型",
    "名称",
    "имя",
    "класс",
    "Ωmega",
    "ñandú",
)

ASCII_NAME = string.ascii_letters + string.digits + "_- "
CJK = "名前数据类型用户会話変数値一覧日本語中文"
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщыэюя"

# Strings that are hard to render into Python source or Markdown.
ODD_STRINGS = (
    'a"b',
    "c\\d",
    "with space",
    "",
    "'",
    '"""',
    "'''",
    "\\",
    "\\n",
    "line\nbreak",
    "tab\there",
    "日本語",
    "None",
    "True",
    "1",
    "${x}",
    "{{ x }}",
    "{% raw %}",
    "a'b\"c",
    "# comment",
    "*/",
    "nul\x00",
    "line\u2028separator",
    "form\x0cfeed",
    "\x1b[31mred",
    "bidi\u202eoverride",
)

PROSE = (
    "A thing.",
    'Quotes: "double", \'single\' and """triple""".',
    "Backslash \\ and a trailing backslash \\",
    "Line one.\nLine two.\n\n- a list item",
    "Markdown **bold**, `code`, <b>html</b>, [link](http://example.com).",
    "Jinja {{ braces }} and {% tags %}.",
    "日本語の説明です。",
    "中文描述。",
    "Описание на русском.",
    "Tab\tand carriage\rreturn.",
    'Ends with quote"',
    "Control \x00 NUL, \x1b escape, \x0c form feed, \u2028 line separator.",
    "Bidi \u202e override and zero\u200bwidth.",
    "A long sentence that goes on and on, well past the line length of the generated"
    " code, so that it has to be wrapped across several lines of a docstring somehow.",
    "とても長い日本語の説明文です。" * 8,
)

LOCALES = ("ja", "zh", "ru", "de", "zh-Hans", "pt-BR")

# Literal path segments (resource names) and path parameter names.
SEGMENTS = (
    "items",
    "users",
    "chat-messages",
    "class",
    "from",
    "list",
    "audio-to-text",
    "chat_messages",
    "Chat Messages",
    "v2",
    "データ",
    "статьи",
)
PATH_PARAMS = ("id", "item_id", "itemId", "item-id", "class", "from", "user")
# Query parameter names that may clash with the names of a resource method's own
# arguments and locals.
QUERY_NAMES = (
    "self",
    "timeout",
    "json",
    "params",
    "path",
    "headers",
    "body",
    "extra_headers",
    "extra_query",
    "NOT_GIVEN",
    "NotGiven",
    "response",
    "parse",
    "page",
    "limit",
    "cursor",
)


@dataclass(frozen=True)
class Text:
    """Prose: translated per locale when the documents are rendered."""

    text: str


@dataclass(frozen=True)
class Spec:
    """Documents of one API in several locales (the first is the primary, ``en``)."""

    version: str
    locales: tuple[str, ...]
    structure: dict[str, Any] = field(repr=False)
    translation: str  # how non-primary prose is spelled: "prefix" or "replace"

    def __repr__(self) -> str:
        return (
            f"Spec(version={self.version!r}, locales={self.locales!r}, "
            f"translation={self.translation!r}, document="
            f"{json.dumps(self.document(), ensure_ascii=False)})"
        )

    def document(self, locale: str = "en") -> dict[str, Any]:
        return _render(self.structure, locale, self.translation)

    def documents(self) -> dict[str, dict[str, Any]]:
        return {loc: self.document(loc) for loc in self.locales}

    @functools.cached_property
    def components(self) -> dict[str, Any]:
        """The primary document's component schemas (do not modify)."""
        schemas: dict[str, Any] = self.document()["components"]["schemas"]
        return schemas

    @functools.cached_property
    def models(self) -> tuple[str, ...]:
        """Components that are object schemas the generator makes a model class of."""
        return tuple(
            name
            for name, schema in self.components.items()
            if is_object_model(schema, self.components)
        )

    def write(self, folder: Path, documents: dict[str, Any] | None = None) -> Path:
        """``folder/<locale>/openapi.json`` for every locale; returns ``folder``."""
        for loc, doc in (documents or self.documents()).items():
            (folder / loc).mkdir(parents=True, exist_ok=True)
            (folder / loc / "openapi.json").write_text(
                json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8"
            )
        return folder


def is_object_model(schema: Any, components: dict[str, Any]) -> bool:
    """Whether a component schema is an object with properties (directly or via allOf)."""
    if not isinstance(schema, dict) or "oneOf" in schema or "anyOf" in schema:
        return False
    if "$ref" in schema:
        return is_object_model(components[schema["$ref"][len(REF) :]], components)
    if schema.get("properties"):
        return True
    return any(is_object_model(m, components) for m in schema.get("allOf", ()))


def flatten(
    schema: dict[str, Any], components: dict[str, Any]
) -> tuple[dict[str, Any], set[str]]:
    """The properties (wire name -> schema) and required names of an object schema."""
    if "$ref" in schema:
        return flatten(components[schema["$ref"][len(REF) :]], components)
    props: dict[str, Any] = {}
    required = set(schema.get("required", ()))
    for member in schema.get("allOf", ()):
        member_props, member_required = flatten(member, components)
        props.update(member_props)
        required |= member_required
    props.update(schema.get("properties", {}))
    return props, required


def _translate(text: str, locale: str, mode: str) -> str:
    if locale == "en":
        pass
    elif mode == "prefix":
        text = f"[{locale}] {text}"
    else:  # a stable "translation" in another script, different per text and locale
        text = f"{locale}訳 {_hash(text) % 10_000}: {text[::-1]}"
    return text


def _hash(text: str) -> int:
    value = 0
    for ch in text:
        value = (value * 31 + ord(ch)) % (2**61 - 1)
    return value


def _render(node: Any, locale: str, mode: str) -> Any:
    if isinstance(node, Text):
        return _translate(node.text, locale, mode)
    if isinstance(node, dict):
        return {k: _render(v, locale, mode) for k, v in node.items()}
    if isinstance(node, list):
        return [_render(v, locale, mode) for v in node]
    return node


# -- pieces ---------------------------------------------------------------------------

prose = st.builds(
    Text,
    st.one_of(
        st.sampled_from(PROSE),
        st.text(
            alphabet=string.ascii_letters + " \\\"'\n" + CJK, min_size=1, max_size=30
        ),
    ),
)

property_names = st.one_of(
    st.sampled_from(SPECIAL_NAMES),
    st.text(alphabet=ASCII_NAME, min_size=1, max_size=8),
    st.text(alphabet=CJK, min_size=1, max_size=4),
    st.text(alphabet=CYRILLIC, min_size=1, max_size=6),
)

odd_strings = st.one_of(
    st.sampled_from(ODD_STRINGS),
    st.text(alphabet=string.ascii_letters + " '\"\\" + CJK, max_size=6),
)


def _maybe_describe(draw: st.DrawFn, schema: dict[str, Any]) -> dict[str, Any]:
    if draw(st.integers(0, 3)) == 0:
        schema["description"] = draw(prose)
    return schema


@dataclass
class _Context:
    version: str
    components: dict[str, Any] = field(default_factory=dict)
    models: list[str] = field(default_factory=list)  # object components
    others: list[str] = field(default_factory=list)  # enum and union components
    next_name: int = 0

    @property
    def v31(self) -> bool:
        return self.version.startswith("3.1")

    def name(self) -> str | None:
        if self.next_name >= len(COMPONENT_NAMES):
            return None
        self.next_name += 1
        return COMPONENT_NAMES[self.next_name - 1]


def _scalar(draw: st.DrawFn) -> dict[str, Any]:
    return dict(
        draw(
            st.sampled_from(
                (
                    {"type": "string"},
                    {"type": "string", "format": "date-time"},
                    {"type": "integer"},
                    {"type": "integer", "format": "int64"},
                    {"type": "number"},
                    {"type": "number", "format": "float"},
                    {"type": "boolean"},
                )
            )
        )
    )


def _enum(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.integers(0, 4)) == 0:  # untyped, of several JSON types
        mixed = st.one_of(odd_strings, st.integers(-3, 3), st.booleans())
        values = draw(
            st.lists(mixed, min_size=2, max_size=4, unique_by=lambda v: (type(v), v))
        )
        return {"enum": values}
    if draw(st.booleans()):
        values: list[Any] = draw(
            st.lists(odd_strings, min_size=1, max_size=4, unique=True)
        )
        return {"type": "string", "enum": values}
    ints = st.integers(-(2**40), 2**40)
    return {
        "type": "integer",
        "enum": draw(st.lists(ints, min_size=1, max_size=4, unique=True)),
    }


def _const(draw: st.DrawFn) -> dict[str, Any]:
    value = draw(st.one_of(odd_strings, st.integers(-5, 5), st.booleans()))
    schema: dict[str, Any] = {"const": value}
    if draw(st.booleans()):
        schema["type"] = {str: "string", int: "integer", bool: "boolean"}[type(value)]
    return schema


def _nullable(draw: st.DrawFn, ctx: _Context, schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` that also admits null, in a spelling the version has."""
    kind = schema.get("type")
    if isinstance(kind, list) and "null" in kind:
        return schema  # already (a second null member would break oneOf)
    if not ctx.v31:
        if isinstance(kind, str):
            out = {**schema, "nullable": True}
            if "enum" in out:
                out["enum"] = [*out["enum"], None]
            return out
        if "$ref" in schema and schema["$ref"][len(REF) :] in ctx.models:
            # the 3.0 idiom for a nullable reference to an object
            return {"type": "object", "nullable": True, "allOf": [schema]}
        return schema  # 3.0 has no null for untyped schemas
    spellings = ["anyOf", "oneOf"]
    if isinstance(kind, str):
        spellings.append("type")
    how = draw(st.sampled_from(spellings))
    if how == "type":
        out = {**schema, "type": [kind, "null"]}
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        if "const" in out:
            return {"anyOf": [schema, {"type": "null"}]}
        return out
    members = [schema, {"type": "null"}]
    if draw(st.booleans()):
        members.reverse()
    return {how: members}


def _object(
    draw: st.DrawFn,
    ctx: _Context,
    depth: int,
    inline: bool,
    exclude: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """An object schema; its property names are none of ``exclude``."""
    allowed = property_names.filter(lambda n: n not in exclude)
    names = draw(st.lists(allowed, min_size=1, max_size=4, unique=True))
    properties = {name: _property(draw, ctx, depth - 1) for name in names}
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    required = [n for n in names if draw(st.booleans())]
    if required:
        schema["required"] = required
    if inline and draw(st.integers(0, 4)) == 0:
        schema["additionalProperties"] = False
    return _maybe_describe(draw, schema)


def _members_for_discriminator(
    draw: st.DrawFn, ctx: _Context, depth: int
) -> dict[str, Any] | None:
    """A discriminated union over new member components, or None if names ran out."""
    prop = draw(
        st.sampled_from(("kind", "type", "@type", "objectType", "種類", "class"))
    )
    explicit = draw(st.sampled_from(("none", "all", "some")))
    count = draw(st.integers(2, 3))
    members = []
    mapping: dict[str, str] = {}
    values = draw(
        st.lists(
            st.one_of(st.sampled_from(("a", "b-c", "with space", "日本")), odd_strings),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    for i in range(count):
        name = ctx.name()
        if name is None:
            return None
        mapped = explicit == "all" or (explicit == "some" and i % 2 == 0)
        value = values[i] if mapped else name
        if mapped and value in COMPONENT_NAMES:
            value = value + "!"  # never a schema name the implicit mapping reads
        if mapped:
            target = draw(st.sampled_from((REF + name, name)))
            mapping[value] = target
        tag: dict[str, Any] = {"type": "string", "enum": [value]}
        if ctx.v31 and draw(st.booleans()):
            tag = (
                {"const": value}
                if draw(st.booleans())
                else {"type": "string", "const": value}
            )
        member = _object(draw, ctx, depth, inline=False, exclude=frozenset([prop]))
        member["properties"] = {prop: tag, **member["properties"]}
        member["required"] = [
            prop,
            *[r for r in member.get("required", []) if r != prop],
        ]
        ctx.components[name] = member
        ctx.models.append(name)
        members.append({"$ref": REF + name})
    discriminator: dict[str, Any] = {"propertyName": prop}
    if mapping:
        discriminator["mapping"] = mapping
    return {
        draw(st.sampled_from(("oneOf", "anyOf"))): members,
        "discriminator": discriminator,
    }


def _union(draw: st.DrawFn, ctx: _Context, depth: int) -> dict[str, Any]:
    """A union without discriminator: anyOf over anything, oneOf over disjoint types."""
    if ctx.models and draw(st.booleans()):
        refs = draw(
            st.lists(st.sampled_from(ctx.models), min_size=1, max_size=3, unique=True)
        )
        members = [{"$ref": REF + r} for r in refs]
        if len(members) == 1 or draw(st.booleans()):
            members.append(_scalar(draw))
        return {"anyOf": members}
    disjoint = (
        {"type": "string"},
        {"type": "integer"},
        {"type": "boolean"},
        {"type": "array", "items": {"type": "string"}},
    )
    members = draw(
        st.lists(
            st.sampled_from(disjoint), min_size=2, max_size=3, unique_by=json.dumps
        )
    )
    return {"oneOf": [dict(m) for m in members]}


_MULTITYPES = (
    ("string", "integer"),
    ("integer", "string"),
    ("integer", "boolean"),
    ("string", "number"),
    ("string", "integer", "null"),
)


def _property(draw: st.DrawFn, ctx: _Context, depth: int) -> dict[str, Any]:
    kinds = ["scalar", "scalar", "enum", "array", "map"]
    if depth > 0:
        kinds += ["object", "union", "discriminated"]
    if ctx.models or ctx.others:
        kinds += ["ref", "ref"]
    if ctx.v31:
        kinds += ["const", "multitype"]
    if depth > 0 and ctx.models:
        kinds += ["allOf"]
    kind = draw(st.sampled_from(kinds))
    schema: dict[str, Any]
    if kind == "scalar":
        schema = _scalar(draw)
    elif kind == "enum":
        schema = _enum(draw)
    elif kind == "const":
        schema = _const(draw)
    elif kind == "multitype":
        pair = draw(st.sampled_from(_MULTITYPES))
        schema = {"type": list(pair)}
    elif kind == "allOf":
        base = draw(st.sampled_from(ctx.models))
        taken = frozenset(flatten({"$ref": REF + base}, ctx.components)[0])
        schema = {
            "allOf": [
                {"$ref": REF + base},
                _object(draw, ctx, depth - 1, inline=False, exclude=taken),
            ]
        }
    elif kind == "array":
        schema = {"type": "array", "items": _property(draw, ctx, depth - 1)}
    elif kind == "map":
        if draw(st.integers(0, 4)) == 0:
            values: Any = draw(st.sampled_from((True, {})))
        else:
            values = _property(draw, ctx, depth - 1)
        schema = {"type": "object", "additionalProperties": values}
    elif kind == "object":
        schema = _object(draw, ctx, depth, inline=True)
    elif kind == "union":
        schema = _union(draw, ctx, depth)
    elif kind == "discriminated":
        found = _members_for_discriminator(draw, ctx, depth - 1)
        schema = found if found is not None else _scalar(draw)
    else:
        schema = {"$ref": REF + draw(st.sampled_from(ctx.models + ctx.others))}
    if "$ref" not in schema:
        schema = _maybe_describe(draw, schema)
    if draw(st.integers(0, 3)) == 0:
        schema = _nullable(draw, ctx, schema)
    return schema


def _component(draw: st.DrawFn, ctx: _Context) -> None:
    kinds = ["object", "object"]
    if ctx.models:
        kinds += ["allOf"]
    kinds += ["enum", "union", "polymorphic"]
    kind = draw(st.sampled_from(kinds))
    if kind == "polymorphic":
        _polymorphic(draw, ctx)
        return
    if kind == "union":
        schema = _members_for_discriminator(draw, ctx, 1)
        if schema is None:
            return
    name = ctx.name()
    if name is None:
        return
    if kind == "object":
        schema = _object(draw, ctx, draw(st.integers(1, 3)), inline=False)
        if draw(st.integers(0, 2)) == 0:
            _add_recursion(draw, ctx, name, schema)
        ctx.components[name] = schema
        ctx.models.append(name)
    elif kind == "allOf":
        # members never declare the same property twice: a property in two members
        # would have to satisfy both schemas, which the drawn schemas seldom allow
        # (and only _polymorphic extends a parent with a discriminator)
        plain = [m for m in ctx.models if "discriminator" not in ctx.components[m]]
        bases = draw(
            st.lists(st.sampled_from(plain), min_size=1, max_size=2, unique=True)
        )
        parts: list[dict[str, Any]] = []
        taken: set[str] = set()
        for base in bases:
            names = set(flatten({"$ref": REF + base}, ctx.components)[0])
            if not names & taken:
                parts.append({"$ref": REF + base})
                taken |= names
        if draw(st.booleans()) or len(parts) == 1:
            parts.append(_object(draw, ctx, 1, inline=False, exclude=frozenset(taken)))
        ctx.components[name] = _maybe_describe(draw, {"allOf": parts})
        ctx.models.append(name)
    elif kind == "enum":
        ctx.components[name] = _maybe_describe(draw, _enum(draw))
        ctx.others.append(name)
    else:
        ctx.components[name] = schema
        ctx.others.append(name)


def _add_recursion(
    draw: st.DrawFn, ctx: _Context, name: str, schema: dict[str, Any]
) -> None:
    """An optional property of ``schema`` (the component ``name``) that refers back."""
    prop = draw(property_names.filter(lambda n: n not in schema["properties"]))
    ref = {"$ref": REF + name}
    shapes: list[dict[str, Any]] = [ref, {"type": "array", "items": ref}]
    if ctx.v31:
        shapes.append({"anyOf": [ref, {"type": "null"}]})
    else:
        shapes.append({"type": "object", "nullable": True, "allOf": [ref]})
    schema["properties"][prop] = draw(st.sampled_from(shapes))
    if prop in schema.get("required", ()):
        schema["required"].remove(prop)


def _polymorphic(draw: st.DrawFn, ctx: _Context) -> None:
    """A parent with a discriminator and the components extending it (allOf)."""
    parent = ctx.name()
    children = [ctx.name(), ctx.name()]
    if parent is None or None in children:
        return
    prop = draw(st.sampled_from(("petType", "kind", "@type", "種類")))
    schema = _object(draw, ctx, 1, inline=False, exclude=frozenset([prop]))
    schema["properties"] = {prop: {"type": "string"}, **schema["properties"]}
    schema["required"] = [prop, *schema.get("required", [])]
    discriminator: dict[str, Any] = {"propertyName": prop}
    if draw(st.booleans()):
        discriminator["mapping"] = {
            f"{child.lower()}-value": draw(st.sampled_from((REF + child, child)))
            for child in children
            if child is not None and draw(st.booleans())
        }
    schema["discriminator"] = discriminator
    # The extending components refer only to components drawn before the parent, and
    # only they extend it: a reference to the parent stands for any of them, so anything
    # they referred to that refers to the parent would be a cycle.
    taken = frozenset(flatten(schema, ctx.components)[0])
    exts = [_object(draw, ctx, 1, inline=False, exclude=taken) for _ in children]
    ctx.components[parent] = schema
    ctx.models.append(parent)
    for child, ext in zip(children, exts):
        assert child is not None
        ctx.components[child] = {"allOf": [{"$ref": REF + parent}, ext]}
        ctx.models.append(child)


def _json(schema: dict[str, Any], description: Text) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }


def _parameters(draw: st.DrawFn, ctx: _Context, path_param: str | None) -> list[Any]:
    params: list[dict[str, Any]] = []
    if path_param is not None:
        params.append(
            {
                "name": path_param,
                "in": "path",
                "required": True,
                "schema": draw(
                    st.sampled_from(({"type": "string"}, {"type": "integer"}))
                ),
            }
        )
    names = draw(
        st.lists(
            st.one_of(
                st.sampled_from(PATH_PARAMS),
                st.sampled_from(QUERY_NAMES),
                property_names,
            ),
            max_size=4,
            unique=True,
        )
    )
    for name in names:
        schema = draw(
            st.one_of(
                st.builds(
                    dict,
                    st.sampled_from(
                        ({"type": "string"}, {"type": "integer"}, {"type": "boolean"})
                    ),
                ),
                st.just({"type": "array", "items": {"type": "string"}}),
                st.builds(
                    lambda values: {"type": "string", "enum": values},
                    st.lists(odd_strings, min_size=1, max_size=3, unique=True),
                ),
            )
        )
        param: dict[str, Any] = {"name": name, "in": "query", "schema": schema}
        if draw(st.booleans()):
            param["required"] = True
        if draw(st.booleans()):
            param["description"] = draw(prose)
        params.append(param)
    return params


def _response_schema(draw: st.DrawFn, ctx: _Context) -> dict[str, Any]:
    ref = {"$ref": REF + draw(st.sampled_from(ctx.models + ctx.others))}
    return draw(
        st.sampled_from(
            (
                ref,
                ref,
                {"type": "array", "items": ref},
                {"type": "object", "additionalProperties": ref},
                {"type": "string"},
            )
        )
    )


def _operation(
    draw: st.DrawFn, ctx: _Context, method: str, path_param: str | None, op_id: str
) -> dict[str, Any]:
    op: dict[str, Any] = {"summary": draw(prose)}
    if draw(st.booleans()):
        op["operationId"] = op_id
    if draw(st.booleans()):
        op["description"] = draw(prose)
    params = _parameters(draw, ctx, path_param)
    if params:
        op["parameters"] = params
    if method == "post":
        body: dict[str, Any] = {
            "content": {
                "application/json": {
                    "schema": {"$ref": REF + draw(st.sampled_from(ctx.models))}
                }
            }
        }
        if draw(st.booleans()):
            body["required"] = True
        op["requestBody"] = body
    if draw(st.integers(0, 4)) == 0:
        op["responses"] = {"204": {"description": draw(prose)}}
    else:
        status = "201" if method == "post" and draw(st.booleans()) else "200"
        op["responses"] = {status: _json(_response_schema(draw, ctx), draw(prose))}
    if draw(st.booleans()):
        op["responses"]["404"] = {"description": draw(prose)}
    return op


@st.composite
def specs(
    draw: st.DrawFn,
    max_locales: int = 3,
    min_components: int = 0,
) -> Spec:
    """A ``Spec`` in one to ``max_locales`` locales, with at least ``min_components``
    component schemas besides the first."""
    version = draw(st.sampled_from(("3.0.3", "3.1.0")))
    ctx = _Context(version)
    ctx.components[ctx.name() or "Alpha"] = _object(
        draw, ctx, draw(st.integers(1, 3)), inline=False
    )
    ctx.models.append("Alpha")
    for _ in range(draw(st.integers(min_components, max(4, min_components)))):
        _component(draw, ctx)
    paths: dict[str, Any] = {}
    segments = draw(
        st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=3, unique=True)
    )
    for i, segment in enumerate(segments):
        collection: dict[str, Any] = {}
        for method in draw(
            st.lists(st.sampled_from(("get", "post")), min_size=1, unique=True)
        ):
            collection[method] = _operation(
                draw, ctx, method, None, f"{method}Collection{i}"
            )
        paths["/" + segment] = collection
        if draw(st.booleans()):
            param = draw(st.sampled_from(PATH_PARAMS))
            item = f"/{segment}/{{{param}}}"
            paths[item] = {"get": _operation(draw, ctx, "get", param, f"getItem{i}")}
            if draw(st.integers(0, 2)) == 0:  # a nested collection or action
                sub = draw(st.sampled_from(("children", "stop", "variables", "名前")))
                paths[f"{item}/{sub}"] = {
                    method: _operation(draw, ctx, method, param, f"{method}Sub{i}")
                    for method in draw(
                        st.lists(
                            st.sampled_from(("get", "post")), min_size=1, unique=True
                        )
                    )
                }
    info: dict[str, Any] = {"title": draw(prose), "version": "1.0.0"}
    if draw(st.booleans()):
        info["description"] = draw(prose)
    structure: dict[str, Any] = {"openapi": version, "info": info}
    if draw(st.booleans()):
        structure["servers"] = [{"url": "https://api.example.com/v1"}]
    structure["paths"] = paths
    structure["components"] = {"schemas": ctx.components}
    count = draw(st.integers(0, max_locales - 1))
    others = draw(
        st.lists(st.sampled_from(LOCALES), min_size=count, max_size=count, unique=True)
    )
    translation = draw(st.sampled_from(("prefix", "replace")))
    return Spec(version, ("en", *others), structure, translation)
