"""The model classes and request ``TypedDict``s of a client, frozen from the resolver."""

from __future__ import annotations

from dataclasses import dataclass

from generator.build.names import module_order
from generator.build.pytype import PyType
from generator.build.types import TypeResolver
from generator.merge.model import Localized


@dataclass(frozen=True)
class Field:
    name: str
    wire: str
    type: PyType
    descriptions: tuple[Localized[str], ...]  # the first with text for a locale wins
    required: bool


@dataclass(frozen=True)
class Model:
    class_name: str
    module: str
    description: Localized[str]
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Param:
    """A request-side ``TypedDict``: ``fields`` are named by their JSON keys."""

    class_name: str
    module: str
    fields: tuple[Field, ...]


def models_of(types: TypeResolver) -> tuple[Model, ...]:
    """Every model class, sorted by module as isort sorts imports (level4 before level100)."""
    return tuple(
        Model(
            spec.class_name,
            spec.module,
            spec.description,
            tuple(
                Field(
                    f.name,
                    f.wire,
                    f.type,
                    (f.schema.description, types.component(f.schema).description),
                    f.required,
                )
                for f in spec.fields
            ),
        )
        for spec in sorted(types.models.values(), key=lambda m: module_order(m.module))
    )


def params_of(types: TypeResolver) -> tuple[Param, ...]:
    """Every request ``TypedDict``, sorted by module as isort sorts imports."""
    return tuple(
        Param(
            spec.class_name,
            spec.module,
            tuple(Field(f.name, f.wire, f.type, (), f.required) for f in spec.fields),
        )
        for spec in sorted(types.params.values(), key=lambda m: module_order(m.module))
    )
