"""The model classes and request ``TypedDict``s of a client, frozen from the resolver."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.build import docstrings as ds
from generator.build import pytype as pt
from generator.build.names import import_order, module_order
from generator.build.pytype import BUILTINS, PyType
from generator.build.types import TypeResolver
from generator.build.view import Doc, FieldDef, ModelDef, ParamDef
from generator.conventions import LINE_LENGTH
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


@dataclass(frozen=True)
class ModelFrame:
    """What a model's view is in every locale (model_frame): its fields' annotations
    and what its module imports."""

    annotations: tuple[str, ...]
    imports: tuple[tuple[str, str], ...]
    typing_names: tuple[str, ...]
    runtime_names: tuple[str, ...]
    uses_builtins: bool


def model_frame(model: Model) -> ModelFrame:
    shadowed = frozenset({f.name for f in model.fields} & BUILTINS)
    types = [f.type for f in model.fields]
    imports = tuple(i for i in pt.model_imports(types) if i[1] != model.class_name)
    checking = ("TYPE_CHECKING",) if imports else ()
    return ModelFrame(
        tuple(f.type.annotation(shadowed) for f in model.fields),
        imports,
        checking + pt.typing_names(types),
        ("BaseModel", *pt.runtime_names(types)),
        pt.uses_builtins(types, shadowed),
    )


def model_def(
    model: Model,
    text: Callable[[Localized[str]], str],
    doc: Callable[[str], Doc],
    fallback: str,
    frame: ModelFrame | None = None,
) -> ModelDef:
    """One locale's view of a model: its docstrings in that locale (``fallback`` is the
    class docstring of a model the spec does not describe); ``frame``, its model_frame
    if already made."""
    frame = frame or model_frame(model)
    fields = []
    for f, annotation in zip(model.fields, frame.annotations):
        desc = ""
        for described in f.descriptions:  # the first that says something
            if desc := text(described):
                break
        body = ds.layout(desc, LINE_LENGTH - 4 - 3) if desc else []
        literal = ""
        if body:
            summary = " ".join(body[:1]) if len(body) == 1 else body[0]
            literal = ds.render(summary, body[1:], 4)
        fields.append(FieldDef(f.name, f.wire, annotation, doc(literal), f.required))
    desc = text(model.description)
    summary = desc or fallback.format(name=model.class_name)
    return ModelDef(
        class_name=model.class_name,
        module=model.module,
        docstring=doc(ds.render(summary, [], 4)),
        fields=tuple(fields),
        imports=frame.imports,
        typing_names=frame.typing_names,
        runtime_names=frame.runtime_names,
        uses_builtins=frame.uses_builtins,
        renamed_fields=any(f.name != f.wire for f in model.fields),
    )
