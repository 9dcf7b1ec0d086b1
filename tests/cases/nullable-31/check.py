"""OpenAPI 3.1 nullability in every spelling becomes ``X | None``, in models and in
request arguments alike; ``const`` is a one-value Literal."""

import inspect
import typing
from typing import Any, Literal


def check(T: Any, client: Any, server: Any) -> None:
    hints = typing.get_type_hints(T.Reading)
    assert hints["value"] == float | None
    assert hints["unit"] == str | None
    assert hints["level"] == Literal["low", "high"] | None
    assert hints["source"] == Literal["sensor"]
    assert hints["note"] == str | None
    assert hints["flag"] == bool | None

    params = inspect.signature(type(client.readings).create).parameters
    for name in ("value", "unit", "level"):
        assert "None" in str(params[name].annotation), (name, params[name].annotation)

    stored = client.readings.create(value=None, unit=None, level=None, source="sensor")
    assert server.requests[-1].json() == {
        "value": None,
        "unit": None,
        "level": None,
        "source": "sensor",
    }
    assert type(stored) is T.Reading
    assert (stored.value, stored.unit, stored.level, stored.flag) == (None,) * 4
    assert stored.to_dict() == server.answer_for("POST", "/readings")

    client.readings.create(
        value=2.5, unit="C", level="high", source="sensor", flag=True
    )
    assert server.requests[-1].json() == {
        "value": 2.5,
        "unit": "C",
        "level": "high",
        "source": "sensor",
        "flag": True,
    }
