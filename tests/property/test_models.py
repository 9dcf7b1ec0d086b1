"""Property 3: instances of every component object schema decode into the right classes
and encode back to the same JSON.

For each drawn document, the generated package (of a drawn locale) is imported and, for every
component the generator makes a model class of, random instances are drawn of the
component's schema (``$ref``s inlined; drawn by instances.py, checked by jsonschema). For each instance ``x``:

- ``Model.from_dict(x).to_dict() == x``;
- the decoded tree has the classes the schema names (instances.Checker): nested component
  objects are their component's class, inline objects model instances, a discriminated
  union's value the class its discriminator value names, every field's value fits the
  field's annotation, unknown keys are in ``extra_fields``, nothing is missing;
- with one required key removed, decoding still works: ``missing_fields`` names that field,
  reading it raises ``AttributeError``, and ``to_dict()`` gives the smaller object back.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.packages import PackageImports
from tests.property import harness
from tests.property.conftest import examples
from tests.property.instances import Checker, instances, json_schema
from tests.property.strategies import Spec, flatten, specs
from tests.property.test_generate import assert_generated

INSTANCES_PER_MODEL = 3


@contextlib.contextmanager
def imported(run: harness.Run, locale: str, spec: Spec) -> Iterator[Checker]:
    """A Checker over the package of ``locale`` in ``run``, imported for the block."""
    with PackageImports() as imports:
        models = imports(run.distribution(locale), "client._models")
        types_module = importlib.import_module("client.types")
        yield Checker(spec.components, types_module, models.BaseModel)


def assert_round_trip(checker: Checker, name: str, raw: dict[str, Any]) -> Any:
    """``raw`` decodes into the component ``name``'s class as the schema says, and
    encodes back to itself; the decoded model."""
    cls = checker.model_class(name)
    decoded = cls.from_dict(raw)
    assert decoded.to_dict() == raw
    checker.check_model(decoded, raw, checker.components[name], name, cls)
    return decoded


@settings(max_examples=examples("models"))
@given(spec=specs(), data=st.data())
def test_instances_decode_into_their_classes_and_round_trip(
    spec: Spec, data: st.DataObject
) -> None:
    run = harness.generate(spec)
    assert_generated(run, spec)
    locale = data.draw(st.sampled_from(spec.locales), label="locale")
    components = spec.components
    with imported(run, locale, spec) as checker:
        for name in spec.models:
            strategy = instances(
                json_schema(components[name], components, spec.version, name)
            )
            _, required = flatten(components[name], components)
            for _ in range(INSTANCES_PER_MODEL):
                raw = data.draw(strategy, label=name)
                assert_round_trip(checker, name, raw)
                present = sorted(required & set(raw))
                _check_missing_key(checker.model_class(name), raw, present, data)


def _check_missing_key(
    cls: Any, raw: dict[str, Any], present: list[str], data: st.DataObject
) -> None:
    if not present:
        return
    key = data.draw(st.sampled_from(present), label="removed required key")
    smaller = {k: v for k, v in raw.items() if k != key}
    decoded = cls.from_dict(smaller)
    (field,) = [
        f for f in dataclasses.fields(cls) if f.metadata.get("wire", f.name) == key
    ]
    assert decoded.missing_fields == [field.name]
    with pytest.raises(AttributeError, match=field.name):
        getattr(decoded, field.name)
    assert decoded.to_dict() == smaller
