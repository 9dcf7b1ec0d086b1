"""Base class of the generated dataclass models: lenient from_dict / to_dict."""

from __future__ import annotations

import dataclasses
import functools
import importlib
import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple, TypeVar

__all__ = ["BaseModel"]

_M = TypeVar("_M", bound="BaseModel")


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


def _fields_of(cls: type) -> list[_Field]:
    cached = _FIELDS.get(cls)
    if cached is not None:
        return cached
    try:
        hints = typing.get_type_hints(cls, localns=_LazyModels())
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


def _fits(value: Any, tp: Any) -> bool:
    """Whether ``value`` matches ``tp`` exactly enough to choose it in a union."""
    origin = typing.get_origin(tp)
    if tp is Any or tp is object:
        return True
    if tp is None or tp is type(None):
        return value is None
    if origin is typing.Literal:
        return value in typing.get_args(tp)
    if origin is list:
        return isinstance(value, list)
    if origin is dict:
        return isinstance(value, Mapping)
    if _is_model(tp):
        return isinstance(value, Mapping) and all(
            f.wire in value for f in _fields_of(tp) if f.required
        )
    if tp is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return _is_class(tp) and isinstance(value, tp)


@functools.lru_cache(maxsize=None)
def _plain(tp: Any) -> bool:
    """Whether ``_convert`` keeps every value as is (no model, list or dict in it)."""
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return all(_plain(arg) for arg in typing.get_args(tp))
    return origin is not list and origin is not dict and not _is_model(tp)


def _convert(value: Any, tp: Any) -> Any:
    """``value`` converted to ``tp`` where it fits, else ``value`` unchanged."""
    if _plain(tp):
        return value
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        args = typing.get_args(tp)
        for arg in args:
            if _fits(value, arg):
                return _convert(value, arg)
        if isinstance(value, Mapping):  # a model with missing required keys
            for arg in args:
                if _is_model(arg):
                    return arg.from_dict(value)
        return value
    if origin is list and isinstance(value, list):
        (item,) = typing.get_args(tp) or (Any,)
        return [_convert(v, item) for v in value]
    if origin is dict and isinstance(value, Mapping):
        item = (typing.get_args(tp) or (Any, Any))[1]
        return {k: _convert(v, item) for k, v in value.items()}
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


class BaseModel:
    """Mixin of the generated ``@dataclass(kw_only=True)`` models.

    ``from_dict`` never raises for data that does not fit the annotations: such
    values are kept as they are, unknown keys are kept in ``extra_fields`` and a
    missing required key is set to ``None``.
    """

    @classmethod
    def from_dict(cls: type[_M], data: Mapping[str, Any]) -> _M:
        if not isinstance(data, Mapping):
            raise TypeError(f"{cls.__name__}.from_dict expects a mapping, got {data!r}")
        fields = _fields_of(cls)
        kwargs: dict[str, Any] = {}
        given: set[str] = set()
        for f in fields:
            if f.wire in data:
                kwargs[f.name] = _convert(data[f.wire], f.hint)
                given.add(f.name)
            elif f.required:
                kwargs[f.name] = None
        model = cls(**kwargs)
        known = {f.wire for f in fields}
        model.__dict__["_fields_given"] = given
        model.__dict__["_extra_fields"] = {
            k: v for k, v in data.items() if k not in known
        }
        return model

    @property
    def extra_fields(self) -> dict[str, Any]:
        """Keys of the source data that are not fields of the model."""
        extra: dict[str, Any] = self.__dict__.setdefault("_extra_fields", {})
        return extra

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the model, with wire names.

        Emits the keys present in the source data and the fields holding a
        non-None value (for a model read by ``from_dict``: a value other than
        the default), so that ``Model.from_dict(d).to_dict() == d``.
        """
        given: set[str] | None = self.__dict__.get("_fields_given")
        out: dict[str, Any] = {}
        for f in _fields_of(type(self)):
            value = getattr(self, f.name)
            if given is None or f.name in given:
                keep = given is not None or value is not None
            else:
                keep = value is not None and not _is_default(f.field, value)
            if keep:
                out[f.wire] = _dump(value)
        for key, value in self.extra_fields.items():
            out.setdefault(key, _dump(value))
        return out
