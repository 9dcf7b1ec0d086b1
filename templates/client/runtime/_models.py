"""Base class of the generated dataclass models: lenient from_dict / to_dict.

Decoding never loses data and never invents it:

- a value that does not fit its annotation is kept as it is, unknown keys are kept
  in ``extra_fields``, and ``to_dict()`` gives back the JSON object that was read;
- a union decodes into the member its discriminator names (``Discriminated``),
  else into the member that fits best: required keys present, ``Literal`` values
  matching, then the most known and the fewest unknown keys;
- a required key missing from the data leaves its field unset: reading it raises
  ``AttributeError`` naming the field, ``missing_fields`` lists such fields, and
  code that never reads them is unaffected.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple, TypeVar

__all__ = ["BaseModel", "Discriminated", "convert"]

_M = TypeVar("_M", bound="BaseModel")


class Discriminated:
    """Metadata of a union annotation: the property naming its member, the classes."""

    __slots__ = ("property", "classes")

    def __init__(self, property: str, classes: Mapping[str, str]) -> None:
        self.property = property
        self.classes = dict(classes)  # discriminator value -> model class name

    def __hash__(self) -> int:
        return hash((self.property, tuple(sorted(self.classes.items()))))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Discriminated):
            return NotImplemented
        return (self.property, self.classes) == (other.property, other.classes)

    def __repr__(self) -> str:
        return f"Discriminated({self.property!r}, {self.classes!r})"


class _Field(NamedTuple):
    name: str
    wire: str
    hint: Any
    required: bool
    field: dataclasses.Field[Any]


_FIELDS: dict[type, list[_Field]] = {}


class _LazyModels(Mapping[str, Any]):
    """Resolves a forward reference to a model through the package's ``types``."""

    def __getitem__(self, name: str) -> Any:
        try:
            return getattr(importlib.import_module(f"{__package__}.types"), name)
        except (AttributeError, ImportError):
            raise KeyError(name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def _model_class(name: str) -> Any:
    try:
        return _LazyModels()[name]
    except KeyError:
        return None


def _fields_of(cls: type) -> list[_Field]:
    cached = _FIELDS.get(cls)
    if cached is not None:
        return cached
    try:
        hints = typing.get_type_hints(cls, localns=_LazyModels(), include_extras=True)
    except Exception:  # an unresolvable annotation: keep the raw values
        hints = {}
    result = [
        _Field(
            f.name,
            f.metadata.get("wire", f.name),
            hints.get(f.name, Any),
            f.default is dataclasses.MISSING
            and f.default_factory is dataclasses.MISSING,
            f,
        )
        for f in dataclasses.fields(cls)
        if f.init
    ]
    _FIELDS[cls] = result
    return result


def _is_model(tp: Any) -> bool:
    return _is_class(tp) and issubclass(tp, BaseModel)


def _is_class(tp: Any) -> bool:
    return isinstance(tp, type) and typing.get_origin(tp) is None


def _is_union(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    return origin is typing.Union or origin is types.UnionType


def _model_fit(value: Mapping[str, Any], cls: Any) -> tuple[int, int] | None:
    """How well a JSON object fits a model: None if it cannot be one, else a score."""
    fields = _fields_of(cls)
    known = 0
    for f in fields:
        if f.wire not in value:
            if f.required:
                return None
            continue
        known += 1
        hint = _strip(f.hint)
        if typing.get_origin(hint) is typing.Literal or (
            _is_union(hint)
            and any(
                typing.get_origin(a) is typing.Literal for a in typing.get_args(hint)
            )
        ):
            if not _fits(value[f.wire], hint):
                return None
    unknown = len(value) - known
    return known, -unknown


def _strip(tp: Any) -> Any:
    """The type inside ``Annotated[...]``."""
    return typing.get_args(tp)[0] if typing.get_origin(tp) is typing.Annotated else tp


def _fits(value: Any, tp: Any) -> bool:
    """Whether ``value`` matches ``tp`` exactly enough to choose it in a union."""
    tp = _strip(tp)
    origin = typing.get_origin(tp)
    if tp is Any or tp is object:
        return True
    if tp is None or tp is type(None):
        return value is None
    if _is_union(tp):
        return any(_fits(value, arg) for arg in typing.get_args(tp))
    if origin is typing.Literal:
        return any(
            value == arg and type(value) is type(arg) for arg in typing.get_args(tp)
        )
    if origin is list:
        return isinstance(value, list)
    if origin is dict:
        return isinstance(value, Mapping)
    if _is_model(tp):
        return isinstance(value, Mapping) and _model_fit(value, tp) is not None
    if tp is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return _is_class(tp) and isinstance(value, tp)


@functools.lru_cache(maxsize=None)
def _plain(tp: Any) -> bool:
    """Whether ``convert`` keeps every value as is (no model, list or dict in it)."""
    if typing.get_origin(tp) is typing.Annotated:
        return False
    if _is_union(tp):
        return all(_plain(arg) for arg in typing.get_args(tp))
    origin = typing.get_origin(tp)
    return origin is not list and origin is not dict and not _is_model(tp)


def _members(tp: Any) -> tuple[Any, ...]:
    """A union's members, ``Annotated`` members' own unions flattened in."""
    out: list[Any] = []
    for arg in typing.get_args(tp) if _is_union(tp) else (tp,):
        inner = _strip(arg)
        out.extend(typing.get_args(inner) if _is_union(inner) else (arg,))
    return tuple(out)


def _discriminated(value: Any, tp: Any) -> Any:
    """The model class a discriminator value names, or None."""
    if not isinstance(value, Mapping):
        return None
    for arg in typing.get_args(tp) if _is_union(tp) else (tp,):
        if typing.get_origin(arg) is not typing.Annotated:
            continue
        for meta in arg.__metadata__:
            if isinstance(meta, Discriminated):
                name = meta.classes.get(str(value.get(meta.property)))
                found = _model_class(name) if name is not None else None
                if found is not None:
                    return found
    return None


def _choose(value: Any, tp: Any) -> Any:
    """The member of a union ``value`` decodes into (``tp`` if not a union)."""
    chosen = _discriminated(value, tp)
    if chosen is not None:
        return chosen
    members = _members(tp)
    if isinstance(value, Mapping):
        scored = [
            (score, -i, m)
            for i, m in enumerate(members)
            if _is_model(m) and (score := _model_fit(value, m)) is not None
        ]
        if scored:
            return max(scored, key=lambda s: (s[0], s[1]))[2]
    for member in members:
        if not _is_model(member) and _fits(value, member):
            return member
    if isinstance(value, Mapping):
        # no member fits: the model sharing most keys (its missing fields stay unset)
        models = [m for m in members if _is_model(m)]
        overlap = [
            (sum(f.wire in value for f in _fields_of(m)), -i, m)
            for i, m in enumerate(models)
        ]
        if overlap and (len(models) == 1 or max(overlap)[0] > 0):
            return max(overlap, key=lambda s: (s[0], s[1]))[2]
    return None


def convert(value: Any, tp: Any) -> Any:
    """``value`` (JSON) decoded into ``tp`` where it fits, else ``value`` unchanged."""
    if _plain(tp):
        return value
    if typing.get_origin(tp) is typing.Annotated or _is_union(tp):
        member = _choose(value, tp)
        return value if member is None else convert(value, member)
    origin = typing.get_origin(tp)
    if origin is list and isinstance(value, list):
        (item,) = typing.get_args(tp) or (Any,)
        return [convert(v, item) for v in value]
    if origin is dict and isinstance(value, Mapping):
        item = (typing.get_args(tp) or (Any, Any))[1]
        return {k: convert(v, item) for k, v in value.items()}
    if _is_model(tp) and isinstance(value, Mapping):
        return tp.from_dict(value)
    return value


def _dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_dump(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _dump(v) for k, v in value.items()}
    return value


def _is_default(f: dataclasses.Field[Any], value: Any) -> bool:
    if f.default is not dataclasses.MISSING:
        return bool(value is f.default or value == f.default)
    if f.default_factory is not dataclasses.MISSING:
        return bool(value == f.default_factory())
    return False


_UNSET = object()


class BaseModel:
    """Mixin of the generated ``@dataclass(kw_only=True, repr=False, eq=False)`` models.

    ``from_dict`` never raises for data that does not fit the annotations (see the
    module's docstring); ``to_dict`` gives the JSON object back.
    """

    @classmethod
    def from_dict(cls: type[_M], data: Mapping[str, Any]) -> _M:
        if not isinstance(data, Mapping):
            raise TypeError(f"{cls.__name__}.from_dict expects a mapping, got {data!r}")
        fields = _fields_of(cls)
        model = cls.__new__(cls)
        state = model.__dict__
        given: set[str] = set()
        for f in fields:
            if f.wire in data:
                state[f.name] = convert(data[f.wire], f.hint)
                given.add(f.name)
            elif not f.required:
                state[f.name] = f.field.default
        known = {f.wire for f in fields}
        state["_fields_given"] = given
        state["_extra_fields"] = {k: v for k, v in data.items() if k not in known}
        return model

    def __getattr__(self, name: str) -> Any:
        # only reached for an attribute that is not set: a required field missing
        for f in _fields_of(type(self)):
            if f.name == name:
                raise AttributeError(
                    f"{type(self).__name__}.{name} is required but the data had no "
                    f"{f.wire!r} key"
                )
        raise AttributeError(
            f"{type(self).__name__!r} object has no attribute {name!r}"
        )

    @property
    def missing_fields(self) -> list[str]:
        """Required fields whose key was missing from the data read by ``from_dict``."""
        return [f.name for f in _fields_of(type(self)) if f.name not in self.__dict__]

    @property
    def extra_fields(self) -> dict[str, Any]:
        """Keys of the source data that are not fields of the model."""
        extra: dict[str, Any] = self.__dict__.setdefault("_extra_fields", {})
        return extra

    def _values(self) -> list[tuple[_Field, Any]]:
        return [(f, self.__dict__.get(f.name, _UNSET)) for f in _fields_of(type(self))]

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{f.name}={'<missing>' if v is _UNSET else repr(v)}"
            for f, v in self._values()
        )
        return f"{type(self).__name__}({shown})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, BaseModel)
        return [v for _, v in self._values()] == [v for _, v in other._values()]

    __hash__ = None  # type: ignore[assignment]

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the model, with wire names.

        Emits the keys present in the source data and the fields holding a
        non-None value (for a model read by ``from_dict``: a value other than
        the default), so that ``Model.from_dict(d).to_dict() == d``.
        """
        given: set[str] | None = self.__dict__.get("_fields_given")
        out: dict[str, Any] = {}
        for f, value in self._values():
            if value is _UNSET:
                continue
            if given is None or f.name in given:
                keep = given is not None or value is not None or f.required
            else:
                keep = value is not None and not _is_default(f.field, value)
            if keep:
                out[f.wire] = _dump(value)
        for key, value in self.extra_fields.items():
            out.setdefault(key, _dump(value))
        return out
