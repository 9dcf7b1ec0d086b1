"""The model classes and request ``TypedDict``s of a client, frozen from the resolver."""

from __future__ import annotations

from dataclasses import dataclass

from generator.build import pytype as pt
from generator.build.names import import_order
from generator.build.pytype import PyType
from generator.build.types import TypeResolver
from generator.build.view import ParamDef
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
    """Every model class, sorted by class name."""
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
        for _, spec in sorted(types.models.items())
    )


def params_of(types: TypeResolver) -> tuple[Param, ...]:
    """Every request ``TypedDict``, sorted by class name."""
    return tuple(
        Param(
            spec.class_name,
            spec.module,
            tuple(Field(f.name, f.wire, f.type, (), f.required) for f in spec.fields),
        )
        for _, spec in sorted(types.params.items())
    )


def param_def(param: Param) -> ParamDef:
    """The render-ready view of a request ``TypedDict`` (the same in every locale)."""
    keys = tuple(
        (f.wire, f"Required[{f.type.annotation()}]" if f.required else f.type.annotation())
        for f in param.fields
    )
    types = [f.type for f in param.fields]
    imports = tuple(i for i in pt.model_imports(types) if i[1] != param.class_name)
    required = ("Required",) if any(f.required for f in param.fields) else ()
    typing = set(pt.typing_names(types)) | set(required) | {"TypedDict"}
    if imports:
        typing.add("TYPE_CHECKING")
    return ParamDef(
        param.class_name,
        param.module,
        keys,
        imports,
        tuple(sorted(typing, key=import_order)),
    )
