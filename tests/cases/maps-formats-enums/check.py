"""Typed maps, extra keys kept, formats as documented (date-time, uuid and byte stay
``str``; binary bodies are ``bytes``), enums of non-identifier values as Literal, ``{}``
as Any."""

import typing
from typing import Any, Literal


def _hints(T: Any, cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, localns={n: getattr(T, n) for n in T.__all__})


def check(T: Any, client: Any, server: Any) -> None:
    hints = _hints(T, T.Item)
    assert hints["grade"] == (
        Literal["a b", "x-y", "1st", 'quo"te', "back\\slash"] | None
    )
    assert hints["seen"] == str | None and hints["blob"] == str | None
    stock_hints = _hints(T, T.Stock)
    assert stock_hints["items"] == dict[str, T.Item] | None
    assert stock_hints["counts"] == dict[str, int] | None
    assert stock_hints["anything"] is Any
    assert stock_hints["level"] == Literal[1, 2, 3] | None

    stock = client.stock.retrieve(grade='quo"te')
    assert server.requests[-1].query == (("grade", 'quo"te'),)
    assert {k: type(v).__name__ for k, v in stock.items.items()} == {
        "sku-1": "Item",
        "sku-2": "Item",
    }
    assert stock.items["sku-1"].seen == "2024-05-01T10:00:00Z"
    assert (
        stock.items["sku-2"].blob == "aGk=" and stock.items["sku-2"].grade == 'quo"te'
    )
    assert stock.counts == {"a": 1, "b": 2} and stock.tags == {
        "colour": "red",
        "size": 3,
    }
    assert stock.anything == [1, "two", {"three": 3}] and stock.level == 2
    assert stock.extra_fields == {"site": "north"}  # not a declared property: kept
    assert stock.to_dict() == server.answer_for("GET", "/stock")

    server.respond("GET", "/stock/export", 200, "x")
    exported = client.stock.export()
    assert exported == b'"x"' and isinstance(exported, bytes)
