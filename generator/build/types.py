"""Schema -> Python type, collecting the model classes the client needs."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.build import pytype as pt
from generator.build.names import pascal, snake, unique, unique_folded
from generator.build.pytype import PyType
from generator.build.shorten import shorten
from generator.conventions import MODEL_ATTRIBUTES, RUNTIME_NAMES
from generator.literals import literal
from generator.merge.model import Api, Localized, Schema


@dataclass
class FieldSpec:
    name: str
    wire: str
    type: PyType
    schema: Schema
    required: bool  # the key is required (its value may still be null when nullable)


@dataclass
class ParamSpec:
    """A request-side ``TypedDict`` for an object schema: JSON keys as they are sent."""

    class_name: str
    module: str
    description: Localized[str]
    fields: list[FieldSpec] = field(default_factory=list)
    open: bool = False  # additionalProperties allows keys the schema does not name


@dataclass
class ModelSpec:
    class_name: str
    module: str
    description: Localized[str]
    fields: list[FieldSpec] = field(default_factory=list)


_DEEPEST = 100  # nested type_of calls before a component's fields wait (stack depth)


class TypeResolver:
    """Types of schemas; a model class is created the first time an object schema is typed."""

    def __init__(self, api: Api) -> None:
        self.components = dict(api.schemas)
        self.models: dict[str, ModelSpec] = {}
        self.params: dict[str, ParamSpec] = {}
        self._params_by_key: dict[str | int, str] = {}  # component name / id(inline)
        self._by_component: dict[str, str] = {}
        self._by_inline: dict[int, str] = {}  # id of an inline object schema -> class
        # casefolded: two models never differ only in case
        self._class_names: set[str] = set()
        self.notes: list[str] = []  # components whose class name had to change
        self._modules: set[str] = {"__init__"}
        self.tags = _tags(self.components)
        # what the component schemas are called: a request's TypedDict never takes it
        self._component_names = frozenset(shorten(pascal(c)) for c in self.components)
        # components met this deep in a chain of references (a -> b -> c ... across
        # thousands of files) get their fields once the outermost type is done
        self._depth = 0
        self._pending: list[tuple[ModelSpec, str, Schema, str | None]] = []

    # -- schema helpers -----------------------------------------------------------------
    def flatten(
        self, schema: Schema, seen: frozenset[str] = frozenset()
    ) -> tuple[list[tuple[str, Schema]], set[str]]:
        """Properties and required names of a schema, allOf members merged in order."""
        if schema.ref is not None:
            if schema.ref in seen or schema.ref not in self.components:
                return [], set()
            return self.flatten(self.components[schema.ref], seen | {schema.ref})
        props: dict[str, Schema] = {}
        required: set[str] = set(schema.required)
        for member in schema.all_of:
            member_props, member_required = self.flatten(member, seen)
            props.update(member_props)
            required |= member_required
        props.update(schema.properties)
        return list(props.items()), required

    def is_model(self, schema: Schema) -> bool:
        if schema.ref is not None:
            target = self.components.get(schema.ref)
            return target is not None and self.is_model(target)
        return bool(self.flatten(schema)[0]) and not schema.one_of and not schema.any_of

    def component(self, schema: Schema) -> Schema:
        """The schema a ref points at (the schema itself if not a ref)."""
        seen = set()
        while (
            schema.ref is not None
            and schema.ref in self.components
            and schema.ref not in seen
        ):
            seen.add(schema.ref)
            schema = self.components[schema.ref]
        return schema

    def access(self, schema: Schema) -> tuple[bool, bool]:
        """(readOnly, writeOnly) of a schema, through ``$ref`` and ``allOf: [$ref]``."""
        read = write = False
        seen: set[int] = set()
        node: Schema | None = schema
        while node is not None and id(node) not in seen:
            seen.add(id(node))
            read, write = read or node.read_only, write or node.write_only
            if node.ref is not None:
                node = self.components.get(node.ref)
            elif len(node.all_of) == 1 and not node.properties:
                node = node.all_of[0]
            else:
                node = None
        return read, write

    def components_by_class(self) -> dict[str, str]:
        """class name -> the component it was made for (components typed so far)."""
        return {cls: name for name, cls in self._by_component.items()}

    def model_type(self, class_name: str) -> PyType:
        return pt.model(class_name, self.models[class_name].module)

    # -- types --------------------------------------------------------------------------
    def type_of(
        self, schema: Schema | None, hint: str, for_input: bool = False
    ) -> PyType:
        """The Python type of a schema; ``hint`` names a model created for it."""
        if schema is None:
            return pt.OBJECT if for_input else pt.ANY
        self._depth += 1
        try:
            found = self._type(schema, hint, for_input)
        finally:
            self._depth -= 1
        while self._depth == 0 and self._pending:
            self._fill(*self._pending.pop(0))
        nullable = schema.nullable or "null" in schema.types
        return pt.optional(found) if nullable else found

    def _open(self, for_input: bool) -> PyType:
        return pt.OBJECT if for_input else pt.ANY

    def _type(self, schema: Schema, hint: str, for_input: bool) -> PyType:
        if schema.ref is not None:
            target = self.components.get(schema.ref)
            if target is None:
                return pt.ANY
            if self.is_model(target):
                if for_input:
                    return self._param(schema.ref, target, pascal(schema.ref))
                own = self.model_type(self._model_for_component(schema.ref))
                if target.discriminator is not None:
                    return self._polymorphic(schema.ref, target, own)
                return own
            return self.type_of(target, pascal(schema.ref), for_input)
        if schema.one_of or schema.any_of:
            schemas = schema.one_of or schema.any_of
            members = [
                self.type_of(member, f"{hint}Variant{i + 1}", for_input)
                for i, member in enumerate(schemas)
            ]
            found = pt.union(members)
            if any(m.is_open for m in found.members):
                return self._open(for_input)
            if schema.discriminator is not None and not for_input:
                return self._discriminated(schema, schemas, members, found)
            return found
        if schema.types == ("null",):
            return pt.NONE
        if len(schema.all_of) == 1 and not schema.properties:
            # ``allOf: [$ref]`` beside prose or ``nullable``: the referenced type itself
            return self.type_of(schema.all_of[0], hint, for_input)
        if self.flatten(schema)[0]:
            if for_input:
                return self._param(id(schema), schema, hint)
            # the same inline schema met again (it recurses): the class made for it
            known = self._by_inline.get(id(schema)) or self.model_for(schema, hint)
            return self.model_type(known)
        if schema.const:
            value = schema.const[0]
            if value is None:
                return pt.NONE
            if isinstance(value, (str, int, bool)):
                return pt.literal([literal(value)])
        enum = schema.enum
        if enum and all(isinstance(v, (str, int, bool)) or v is None for v in enum):
            values = [literal(v) for v in enum if v is not None]
            if not values:
                return pt.NONE
            found = pt.literal(values)
            return pt.union((found, pt.NONE)) if None in enum else found
        kinds = [t for t in schema.types if t != "null"]
        if (
            len(kinds) > 1
        ):  # ``type: [string, integer]``: a union of each type's reading
            return pt.union(self._kind(schema, kind, hint, for_input) for kind in kinds)
        return self._kind(schema, schema.type, hint, for_input)

    def _kind(
        self, schema: Schema, kind: str | None, hint: str, for_input: bool
    ) -> PyType:
        """The type of a schema read as JSON type ``kind``."""
        if kind == "string":
            if schema.format == "binary":
                return pt.FILE if for_input else pt.BYTES
            return pt.STR
        if kind in _SCALARS:
            return _SCALARS[kind]
        if kind == "array":
            return pt.list_of(self.type_of(schema.items, hint + "Item", for_input))
        if kind == "object" or schema.additional is not None:
            if isinstance(schema.additional, Schema):
                value = self.type_of(schema.additional, hint + "Value", for_input)
                return pt.dict_of(value)
            return pt.dict_of(pt.ANY)
        return self._open(for_input)

    def _model_for_component(self, name: str) -> str:
        if name not in self._by_component:
            schema = self.components[name]
            if self._depth > _DEEPEST:
                self._pending.append(
                    (*self._register(schema, pascal(name), name), schema, name)
                )
            else:
                self.model_for(schema, pascal(name), component=name)
        return self._by_component[name]

    def model_for(self, schema: Schema, hint: str, component: str | None = None) -> str:
        """Create a model class for an object schema (once per component); its class name.

        A component is registered before its fields are resolved, so recursion terminates.
        """
        spec, full = self._register(schema, hint, component)
        self._fill(spec, full, schema, component)
        return spec.class_name

    def _register(
        self, schema: Schema, hint: str, component: str | None
    ) -> tuple[ModelSpec, str]:
        """The model's class and module names, taken; (its spec, the full name)."""
        full = pascal(hint)  # nested models are named after it, before shortening
        class_name = unique_folded(shorten(full), self._class_names, RUNTIME_NAMES)
        if component is not None:
            self._by_component[component] = class_name
            if class_name != shorten(full):
                self.notes.append(
                    f"schema {component}: class {pascal(hint)} taken, using {class_name}"
                )
        else:
            self._by_inline[id(schema)] = class_name
        spec = ModelSpec(
            class_name,
            unique(snake(class_name, "model"), self._modules),
            schema.description,
        )
        self.models[class_name] = spec
        return spec, full

    def _fill(
        self, spec: ModelSpec, full: str, schema: Schema, component: str | None = None
    ) -> None:
        """The model's fields."""
        props, required = self.flatten(schema)
        taken = set(MODEL_ATTRIBUTES)
        for wire, prop in props:
            if self.access(prop)[1]:
                continue  # never in a response: kept in extra_fields if it is
            name = unique(snake(wire), taken)
            found = self.type_of(prop, full + pascal(wire), False)
            is_required = wire in required
            tag = self.tags.get(component or "")
            if tag is not None and tag[0] == wire:  # the discriminator names this class
                own = [v for v in self.component(prop).enum or () if v in tag[1]]
                values = own or tag[1]  # in the property's enum order, if it has one
                found = pt.literal(literal(v) for v in values)
            if not is_required:
                found = pt.optional(found)
            spec.fields.append(FieldSpec(name, wire, found, prop, is_required))

    def _param(self, key: str | int, schema: Schema, hint: str) -> PyType:
        """The ``TypedDict`` a request takes for an object schema (made once per schema).

        Keys the server sets (``readOnly``) are left out; required keys are ``Required``.
        With ``additionalProperties`` allowed, a plain dict is accepted too.
        """
        name = self._params_by_key.get(key)
        if name is None:
            # one namespace with the models (types/__init__.py exports both)
            name = unique_folded(
                pascal(hint) + "Param",
                self._class_names,
                RUNTIME_NAMES | self._component_names,
            )
            self._params_by_key[key] = name
            spec = ParamSpec(
                name,
                unique(snake(name, "param"), self._modules),
                schema.description,
                open=schema.additional is True or isinstance(schema.additional, Schema),
            )
            self.params[name] = spec
            props, required = self.flatten(schema)
            for wire, prop in props:
                if self.access(prop)[0]:
                    continue
                found = self.type_of(prop, name + pascal(wire), True)
                spec.fields.append(FieldSpec(wire, wire, found, prop, wire in required))
        own = pt.model(name, self.params[name].module)
        return pt.union((own, pt.dict_of(pt.ANY))) if self.params[name].open else own

    def _polymorphic(self, name: str, parent: Schema, own: PyType) -> PyType:
        """A model with a discriminator that other components extend (``allOf`` it):
        the union of those components (the parent itself last), discriminated."""
        children = [
            child
            for child, schema in sorted(self.components.items())
            if any(member.ref == name for member in schema.all_of)
            and self.is_model(schema)
        ]
        if not children:
            return own
        schemas = tuple(Schema(ref=child) for child in children) + (Schema(ref=name),)
        members = [
            self.model_type(self._model_for_component(child)) for child in children
        ] + [own]
        return self._discriminated(parent, schemas, members, pt.union(members))

    def _discriminated(
        self,
        schema: Schema,
        schemas: tuple[Schema, ...],
        members: list[PyType],
        found: PyType,
    ) -> PyType:
        """The union annotated with the member class each discriminator value names."""
        assert schema.discriminator is not None
        explicit = schema.discriminator.mapping
        claimed = {value for value, _ in explicit}
        classes: dict[str, str] = {}
        for member, member_type in zip(schemas, members):
            if member.ref is None or not member_type.model:
                continue
            for value, target in explicit:
                if target == member.ref:
                    classes.setdefault(value, member_type.name)
            if member.ref not in claimed:  # the implicit mapping: the schema's name
                classes.setdefault(member.ref, member_type.name)
        if not classes:
            return found
        return pt.discriminated(found, schema.discriminator.property_name, classes)


def _tags(components: dict[str, Schema]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """component -> (property, values): the discriminator values that name a component
    extending (``allOf``) a parent with a discriminator, as decoding reads them: its
    explicit mapping values, and its name unless that is an explicit value. (A member of a
    ``oneOf`` keeps its own property type: the component may be used on its own too.)"""
    found: dict[str, tuple[str, list[str]]] = {}
    for name, schema in sorted(components.items()):
        disc = schema.discriminator
        if disc is None:
            continue
        children = [
            child
            for child, other in sorted(components.items())
            if child != name and any(m.ref == name for m in other.all_of)
        ]
        explicit = [(v, t) for v, t in disc.mapping if t in children]
        claimed = {value for value, _ in disc.mapping}
        implicit = [(child, child) for child in children if child not in claimed]
        for value, target in explicit + implicit:
            prop, values = found.setdefault(target, (disc.property_name, []))
            if prop == disc.property_name and value not in values:
                values.append(value)
    return {k: (prop, tuple(values)) for k, (prop, values) in found.items()}


_SCALARS = {"integer": pt.INT, "number": pt.FLOAT, "boolean": pt.BOOL}
