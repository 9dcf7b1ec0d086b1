"""Schema -> Python type annotation, collecting the model classes the client needs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator import layout
from generator.clientmodel import ALL_ERRORS
from generator.model import Api, Localized, Schema
from generator.names import pascal, snake

# names a generated class must not take (public names of the package, typing, builtins)
_TAKEN = {
    *ALL_ERRORS,
    "Client",
    "AsyncClient",
    "BaseModel",
    "NotGiven",
    "Any",
    "Literal",
    "APIResponse",
    "SyncCursorPage",
    "AsyncCursorPage",
    "Stream",
    "AsyncStream",
    "FileTypes",
}
_MODEL_ATTRS = {"from_dict", "to_dict", "extra_fields"}
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass
class FieldSpec:
    name: str
    wire: str
    annotation: str
    schema: Schema


@dataclass
class ModelSpec:
    class_name: str
    module: str
    description: Localized[str]
    fields: list[FieldSpec] = field(default_factory=list)


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name_2``, ``name_3``... whichever is free; marks it taken."""
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}_{n}", n + 1
    taken.add(candidate)
    return candidate


class TypeResolver:
    def __init__(self, api: Api) -> None:
        self.components = dict(api.schemas)
        self.models: dict[str, ModelSpec] = {}
        self._by_component: dict[str, str] = {}
        self._class_names: set[str] = set(_TAKEN)
        self._modules: set[str] = {"__init__"}

    # -- helpers ------------------------------------------------------------------------
    def flatten(
        self, schema: Schema, seen: frozenset[str] = frozenset()
    ) -> tuple[list[tuple[str, Schema]], set[str]]:
        """Properties and required names of a schema, allOf members merged in order."""
        if schema.ref is not None:
            if schema.ref in seen or schema.ref not in self.components:
                return [], set()
            return self.flatten(self.components[schema.ref], seen | {schema.ref})
        props: dict[str, Schema] = {}
        required: set[str] = set(schema.keyword("required") or [])
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

    # -- annotations --------------------------------------------------------------------
    def annotation(
        self, schema: Schema | None, hint: str, for_input: bool = False
    ) -> str:
        if schema is None:
            return "object" if for_input else "Any"
        ann = self._annotation(schema, hint, for_input)
        if (
            schema.keyword("nullable")
            and ann not in ("Any", "object")
            and not ann.endswith("| None")
        ):
            ann += " | None"
        return ann

    def _annotation(self, schema: Schema, hint: str, for_input: bool) -> str:
        if schema.ref is not None:
            target = self.components.get(schema.ref)
            if target is None:
                return "Any"
            if self.is_model(target):
                return (
                    "dict[str, Any]"
                    if for_input
                    else self._model_for_component(schema.ref)
                )
            return self.annotation(target, pascal(schema.ref), for_input)
        if schema.one_of or schema.any_of:
            members = []
            for i, member in enumerate(schema.one_of or schema.any_of):
                ann = self.annotation(member, f"{hint}Variant{i + 1}", for_input)
                for part in ann.split(" | "):
                    if part not in members:
                        members.append(part)
            if "Any" in members or "object" in members:
                return "Any" if not for_input else "object"
            return " | ".join(members)
        if self.flatten(schema)[0]:
            return "dict[str, Any]" if for_input else self.model_for(schema, hint)
        kind = schema.keyword("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), None)
        enum = schema.keyword("enum")
        if (
            isinstance(enum, list)
            and enum
            and all(isinstance(v, (str, int, bool)) or v is None for v in enum)
        ):
            literal = ", ".join(layout.literal(v) for v in enum if v is not None)
            ann = f"Literal[{literal}]" if literal else "None"
            return ann + (" | None" if None in enum and literal else "")
        if kind == "string":
            if schema.keyword("format") == "binary":
                return "FileTypes" if for_input else "bytes"
            return "str"
        if kind == "integer":
            return "int"
        if kind == "number":
            return "float"
        if kind == "boolean":
            return "bool"
        if kind == "array":
            item = self.annotation(schema.items, hint + "Item", for_input)
            return f"list[{item}]"
        if kind == "object" or schema.additional is not None:
            if isinstance(schema.additional, Schema):
                return f"dict[str, {self.annotation(schema.additional, hint + 'Value', for_input)}]"
            return "dict[str, Any]"
        return "object" if for_input else "Any"

    def _model_for_component(self, name: str) -> str:
        if name not in self._by_component:
            self.model_for(self.components[name], pascal(name), component=name)
        return self._by_component[name]

    def model_for(self, schema: Schema, hint: str, component: str | None = None) -> str:
        """Create a model class for an object schema (once per component); its class name.

        A component is registered before its fields are resolved, so recursion terminates.
        """
        class_name = unique(pascal(hint), self._class_names)
        if component is not None:
            self._by_component[component] = class_name
        spec = ModelSpec(
            class_name,
            unique(snake(class_name, "model"), self._modules),
            schema.description,
        )
        self.models[class_name] = spec
        props, _ = self.flatten(schema)
        taken = set(_MODEL_ATTRS)
        for wire, prop in props:
            name = unique(snake(wire), taken)
            ann = self.annotation(prop, class_name + pascal(wire), False)
            if ann not in ("Any", "object") and not ann.endswith("| None"):
                ann += " | None"
            spec.fields.append(FieldSpec(name, wire, ann, prop))
        return class_name


def identifiers(annotation: str) -> set[str]:
    """Every identifier in an annotation (to compute imports)."""
    return set(_IDENT.findall(annotation))
