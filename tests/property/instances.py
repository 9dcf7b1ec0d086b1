"""Instances of a document's schemas, and what the generated models must make of them.

``json_schema(schema, components, version)`` turns an OpenAPI schema into plain JSON Schema:
``$ref`` inlined (drawn documents reference only earlier components, so this terminates),
3.0 ``nullable`` spelled as a null alternative, OpenAPI-only keywords and prose dropped,
arrays and maps kept small.

``instances(json_schema)`` draws instances of it. hypothesis-jsonschema's ``from_schema``
would be the natural choice, but version 0.23.1 cannot draw objects under hypothesis
6.170 (``AttributeError: 'many' object has no attribute 'more'`` in its
``from_object_schema``: it uses a private hypothesis API that changed), so this is a small
strategy for the subset of JSON Schema the drawn documents use, and every instance it
draws is checked against the schema with jsonschema's Draft 2020-12 validator.

``check_decoded(decoded, raw, schema, ...)`` walks a decoded value beside the JSON it came
from and the schema that JSON is an instance of, and asserts what the generated models
promise: a component object is an instance of that component's class, an inline object of
some model class, a discriminated union's value of the class its discriminator value names;
every model's fields are the schema's properties (by wire name), none missing, the unknown
keys in ``extra_fields``; lists and maps item by item; every field's value fits the field's
annotation; scalars unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import string
import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any

from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from tests.property.strategies import CJK, REF, flatten, is_object_model

_DROPPED = frozenset(
    {"description", "title", "discriminator", "example", "nullable", "format"}
)
_KEPT_FORMATS = frozenset({"date-time"})


def json_schema(
    schema: Any, components: dict[str, Any], version: str, name: str | None = None
) -> Any:
    """Plain JSON Schema for the OpenAPI ``schema`` (of the component ``name``, if it is
    one), refs into ``components`` inlined.

    A recursive reference is inlined once and then becomes ``false`` (drawn documents make
    such properties optional, so instances just stop there). A reference to a parent with
    a discriminator that components extend (``allOf``) is what OpenAPI means by it: an
    instance of one of those components, or of the parent itself, with the discriminator
    value naming it (outside ``allOf``, where the parent is just its own properties).
    """
    converter = _Converter(components, version)
    converted = converter.convert(schema, (name,) if name else ())
    return converter.tagged(converted, name) if name else converted


def own_tags(name: str, components: dict[str, Any]) -> tuple[str, list[str]] | None:
    """(property, values) of a component extending a parent with a discriminator: the
    values naming it. Its instances carry one (the generated class types the property as
    a ``Literal`` of them)."""
    schema = components.get(name)
    for member in schema.get("allOf", ()) if isinstance(schema, dict) else ():
        parent = str(member.get("$ref", "")).removeprefix(REF)
        values = family(parent, components) if parent in components else {}
        named = [value for value, target in values.items() if target == name]
        if named:
            return components[parent]["discriminator"]["propertyName"], named
    return None


def children(name: str, components: dict[str, Any]) -> list[str]:
    """The components extending ``name`` (``allOf`` with a ``$ref`` to it), by name."""
    return sorted(
        child
        for child, schema in components.items()
        if isinstance(schema, dict)
        and any(m.get("$ref") == REF + name for m in schema.get("allOf", ()))
    )


def family(name: str, components: dict[str, Any]) -> dict[str, str]:
    """Discriminator value -> component, for a polymorphic parent (else empty): each
    extending component by its mapping value or its name, the parent by its name."""
    parent = components[name]
    discriminator = parent.get("discriminator") if isinstance(parent, dict) else None
    extending = children(name, components)
    if discriminator is None or not extending:
        return {}
    mapping = {
        value: target.removeprefix(REF)
        for value, target in (discriminator.get("mapping") or {}).items()
    }
    claimed = set(mapping.values())
    values = {value: target for value, target in mapping.items() if target in extending}
    for member in [*extending, name]:
        if member not in claimed:
            values.setdefault(member, member)
    return values


class _Converter:
    def __init__(self, components: dict[str, Any], version: str) -> None:
        self.components = components
        self.version = version

    def tagged(self, converted: Any, name: str) -> Any:
        """``converted`` (component ``name``) with a discriminator value naming it, when it
        extends a polymorphic parent."""
        tags = own_tags(name, self.components)
        if tags is None or not isinstance(converted, dict):
            return converted
        prop, values = tags
        return {
            "anyOf": [
                {
                    "allOf": [
                        converted,
                        {"properties": {prop: {"const": v}}, "required": [prop]},
                    ]
                }
                for v in values
            ]
        }

    def convert(
        self, schema: Any, stack: tuple[str, ...], in_allof: bool = False
    ) -> Any:
        if not isinstance(schema, dict):
            return schema
        if "$ref" in schema:
            name = schema["$ref"][len(REF) :]
            if stack.count(name) >= 2:
                return False
            target = self.components[name]
            values = {} if in_allof else family(name, self.components)
            if not values:
                converted = self.convert(target, (*stack, name))
                return converted if in_allof else self.tagged(converted, name)
            prop = target["discriminator"]["propertyName"]
            return {
                "anyOf": [
                    {
                        "allOf": [
                            self.convert(
                                self.components[member], (*stack, member), True
                            ),
                            {
                                "properties": {prop: {"const": value}},
                                "required": [prop],
                            },
                        ]
                    }
                    for value, member in values.items()
                ]
            }
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if key in _DROPPED:
                continue
            if key == "properties":
                out[key] = {
                    prop: self.convert(sub, stack) for prop, sub in value.items()
                }
            elif key in ("items", "additionalProperties"):
                out[key] = self.convert(value, stack)
            elif key == "allOf":
                alone = len(value) == 1 and not schema.get("properties")
                out[key] = [self.convert(sub, stack, not alone) for sub in value]
            elif key in ("anyOf", "oneOf"):
                out[key] = [self.convert(sub, stack) for sub in value]
            else:
                out[key] = value
        if schema.get("format") in _KEPT_FORMATS:
            out["format"] = schema["format"]
        if _has_type(schema, "array"):
            out["maxItems"] = 3
        if isinstance(schema.get("additionalProperties"), dict) and not schema.get(
            "properties"
        ):
            out["maxProperties"] = 3
        if self.version.startswith("3.0") and schema.get("nullable") is True:
            return {"anyOf": [out, {"type": "null"}]}
        return out


def _has_type(schema: dict[str, Any], kind: str) -> bool:
    declared = schema.get("type")
    return declared == kind or (isinstance(declared, list) and kind in declared)


# -- drawing instances -------------------------------------------------------------------

_KEYS = st.text(alphabet=string.ascii_letters + "_-" + CJK, min_size=1, max_size=6)
_STRINGS = st.text(alphabet=string.ascii_letters + " '\"\\\n" + CJK, max_size=8)
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-1000, 1000), _STRINGS, st.floats(-1e6, 1e6)
)
_ANY = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=2)
    | st.dictionaries(_KEYS, inner, max_size=2),
    max_leaves=4,
)
_STRATEGIES: dict[str, st.SearchStrategy[Any]] = {}


def instances(schema: Any) -> st.SearchStrategy[Any]:
    """Instances of a plain JSON Schema (as ``json_schema`` makes them), validated."""
    key = json.dumps(schema, sort_keys=True)
    if key not in _STRATEGIES:
        validator = Draft202012Validator(schema)

        def valid(instance: Any) -> Any:
            errors = [e.message for e in validator.iter_errors(instance)]
            assert (
                not errors
            ), f"the test drew an invalid instance {instance!r}: {errors}"
            return instance

        _STRATEGIES[key] = _draw(schema).map(valid)
    return _STRATEGIES[key]


def _draw(schema: Any) -> st.SearchStrategy[Any]:
    if schema is True or schema == {}:
        return _ANY
    if schema is False:
        return st.nothing()
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "anyOf" in schema or "oneOf" in schema:
        members = schema.get("anyOf") or schema["oneOf"]
        return st.one_of([_draw(m) for m in members])
    if "allOf" in schema:
        if len(schema["allOf"]) == 1 and not schema.get("properties"):
            return _draw(schema["allOf"][0])
        return _object(_merged(schema))
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([_draw({**schema, "type": k}) for k in kind])
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(-(2**53), 2**53)
    if kind == "number":
        return st.one_of(
            st.integers(-(2**31), 2**31),
            st.floats(allow_nan=False, allow_infinity=False),
        )
    if kind == "string":
        if schema.get("format") == "date-time":
            return st.datetimes(timezones=st.just(_UTC)).map(lambda d: d.isoformat())
        return _STRINGS
    if kind == "array":
        items = schema.get("items", True)
        if items is False:  # a recursion cut off
            return st.just([])
        return st.lists(_draw(items), max_size=schema["maxItems"])
    if kind == "object":
        return _object(schema)
    raise AssertionError(f"no strategy for {schema!r}")


def _merged(schema: dict[str, Any]) -> dict[str, Any]:
    """An ``allOf`` of object schemas as one object schema."""
    props: dict[str, Any] = {}
    required: list[str] = []
    for member in [*schema["allOf"], {k: v for k, v in schema.items() if k != "allOf"}]:
        part = _merged(member) if "allOf" in member else member
        props.update(part.get("properties", {}))
        required += [r for r in part.get("required", ()) if r not in required]
    return {"type": "object", "properties": props, "required": required}


def _object(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    props = {
        name: sub
        for name, sub in schema.get("properties", {}).items()
        if sub is not False
    }
    required = [name for name in props if name in schema.get("required", ())]
    optional = {name: _draw(s) for name, s in props.items() if name not in required}
    additional = schema.get("additionalProperties", True)
    known = st.fixed_dictionaries(
        {name: _draw(props[name]) for name in required}, optional=optional
    )
    if additional is False:
        return known
    values = _ANY if additional is True else _draw(additional)
    limit = schema.get("maxProperties", 2)
    declared = schema.get("properties", {})
    extra = st.dictionaries(
        _KEYS.filter(lambda k: k not in declared), values, max_size=min(limit, 2)
    )
    return st.builds(lambda a, b: {**b, **a}, known, extra)


_UTC = datetime.timezone.utc


# -- what the models must make of an instance -------------------------------------------


def _ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref[len(REF) :] if isinstance(ref, str) else None


def _referenced_class_name(schema: dict[str, Any]) -> str | None:
    """The component whose own class an object schema decodes into, if it names one:
    ``$ref`` to it, or ``allOf: [$ref]`` alone (beside prose, ``type`` or ``nullable``).
    """
    name = _ref_name(schema)
    if name is not None:
        return name
    members = schema.get("allOf", ())
    if len(members) == 1 and not schema.get("properties"):
        return _ref_name(members[0])
    return None


@dataclasses.dataclass
class Checker:
    """Checks decoded values against a generated package's models."""

    components: dict[str, Any]
    types_module: types.ModuleType  # <package>.types
    base_model: type  # <package>._models.BaseModel

    def model_class(self, component: str) -> type:
        cls = getattr(self.types_module, component)
        assert isinstance(cls, type) and issubclass(cls, self.base_model), cls
        return cls

    def check(self, decoded: Any, raw: Any, schema: Any, where: str) -> None:
        if not isinstance(schema, dict):
            assert decoded == raw, where
            return
        if raw is None:
            assert decoded is None, f"{where}: null decoded as {decoded!r}"
            return
        name = _ref_name(schema)
        if name is not None:
            target = self.components[name]
            if not is_object_model(target, self.components):
                self.check(decoded, raw, target, where)
                return
            values = family(name, self.components)
            if values:  # polymorphic: the class the discriminator value names
                prop = target["discriminator"]["propertyName"]
                member = values[raw[prop]]
                cls = self.model_class(member)
                assert type(decoded) is cls, (
                    f"{where}: {prop!r} = {raw[prop]!r} names {member} (a {name}), "
                    f"decoded as {type(decoded).__name__}"
                )
                self.check_model(decoded, raw, self.components[member], where, cls)
                return
            self.check_model(decoded, raw, target, where, self.model_class(name))
            return
        if "oneOf" in schema or "anyOf" in schema:
            self.check_union(decoded, raw, schema, where)
            return
        if is_object_model(schema, self.components):
            named = _referenced_class_name(schema)
            if named is not None:  # allOf: [$ref] alone is the referenced type
                self.check(decoded, raw, {"$ref": REF + named}, where)
            else:
                self.check_model(decoded, raw, schema, where, None)
            return
        if "items" in schema and isinstance(raw, list):
            assert isinstance(decoded, list) and len(decoded) == len(raw), where
            for i, (d, r) in enumerate(zip(decoded, raw)):
                self.check(d, r, schema["items"], f"{where}[{i}]")
            return
        additional = schema.get("additionalProperties")
        if isinstance(additional, dict) and isinstance(raw, dict):
            assert isinstance(decoded, dict) and decoded.keys() == raw.keys(), where
            for key, value in raw.items():
                self.check(decoded[key], value, additional, f"{where}[{key!r}]")
            return
        assert decoded == raw and type(decoded) is type(
            raw
        ), f"{where}: {raw!r} decoded as {decoded!r}"

    def check_union(
        self, decoded: Any, raw: Any, schema: dict[str, Any], where: str
    ) -> None:
        members = [
            m for m in schema.get("oneOf") or schema["anyOf"] if m != {"type": "null"}
        ]
        discriminator = schema.get("discriminator")
        if discriminator is not None and isinstance(raw, dict):
            value = raw[discriminator["propertyName"]]
            target = (discriminator.get("mapping") or {}).get(value, value)
            name = target.removeprefix(REF)
            cls = self.model_class(name)
            assert type(decoded) is cls, (
                f"{where}: discriminator {discriminator['propertyName']!r} = {value!r}"
                f" names {name}, decoded as {type(decoded).__name__}"
            )
            self.check_model(decoded, raw, self.components[name], where, cls)
            return
        if len(members) == 1:
            self.check(decoded, raw, members[0], where)
            return
        if isinstance(decoded, self.base_model):
            # a structural union: the chosen member must be one of its models (or, for
            # a polymorphic parent, of the components extending it)
            for member in members:
                name = _ref_name(member)
                if name is None:
                    continue
                for candidate in [name, *family(name, self.components).values()]:
                    if type(decoded) is getattr(self.types_module, candidate, None):
                        self.check_model(
                            decoded, raw, self.components[candidate], where, None
                        )
                        return
            raise AssertionError(
                f"{where}: decoded as {type(decoded).__name__}, not a member of "
                f"{members}"
            )
        assert decoded == raw, f"{where}: {raw!r} decoded as {decoded!r}"

    def check_model(
        self,
        decoded: Any,
        raw: Any,
        schema: dict[str, Any],
        where: str,
        cls: type | None,
    ) -> None:
        if cls is not None:
            assert type(decoded) is cls, (
                f"{where}: expected {cls.__name__}, got {type(decoded).__name__}: "
                f"{decoded!r}"
            )
        assert isinstance(
            decoded, self.base_model
        ), f"{where}: an object decoded as {decoded!r}"
        props, _ = flatten(schema, self.components)
        fields = {
            f.metadata.get("wire", f.name): f for f in dataclasses.fields(decoded)
        }
        assert set(fields) == set(props), (
            f"{where}: {type(decoded).__name__} has fields for {sorted(fields)}, "
            f"the schema's properties are {sorted(props)}"
        )
        assert (
            decoded.missing_fields == []
        ), f"{where}: missing_fields is {decoded.missing_fields!r}"
        assert decoded.extra_fields == {k: v for k, v in raw.items() if k not in props}
        hints = typing.get_type_hints(
            type(decoded), localns=_Types(self.types_module), include_extras=True
        )
        for wire, prop in props.items():
            if wire not in raw:
                continue
            value = getattr(decoded, fields[wire].name)
            inner = f"{where}.{fields[wire].name}"
            self.check(value, raw[wire], prop, inner)
            hint = hints[fields[wire].name]
            assert fits(value, hint, self.base_model), (
                f"{inner}: {value!r} (from {raw[wire]!r}) does not fit the annotation "
                f"{hint!r}"
            )


class _Types(Mapping[str, Any]):
    """Model names resolved through the package's ``types`` (its exports are lazy)."""

    def __init__(self, module: types.ModuleType) -> None:
        self.module = module

    def __getitem__(self, name: str) -> Any:
        try:
            return getattr(self.module, name)
        except AttributeError:
            raise KeyError(name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def fits(value: Any, hint: Any, base_model: type) -> bool:
    """Whether a decoded value is of the type a field's annotation says."""
    if hint is Any or hint is object:
        return True
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        return fits(value, typing.get_args(hint)[0], base_model)
    if origin is typing.Union or origin is types.UnionType:
        return any(fits(value, arg, base_model) for arg in typing.get_args(hint))
    if hint is None or hint is type(None):
        return value is None
    if origin is typing.Literal:
        return any(
            value == arg and type(value) is type(arg) for arg in typing.get_args(hint)
        )
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(fits(v, item, base_model) for v in value)
    if origin is dict:
        _, item = typing.get_args(hint)
        return isinstance(value, dict) and all(
            isinstance(k, str) and fits(v, item, base_model) for k, v in value.items()
        )
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(hint, type):
        return isinstance(value, hint)
    raise AssertionError(f"unexpected annotation {hint!r}")
