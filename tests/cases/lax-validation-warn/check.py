"""A slightly invalid real-world document (``exclusiveMinimum: true`` in 3.1, a duplicate
``required`` entry, ``default: null`` on a string, a string default on an integer) with
``--validation warn`` (args.txt): the validator's problems are warnings and the client is
generated; the refused run is the case lax-validation-refused."""

import inspect
import typing
from typing import Any


def check(T: Any, client: Any, server: Any) -> None:
    hints = typing.get_type_hints(T.Item)
    assert hints["n"] is int
    assert hints["label"] == str | None

    params = inspect.signature(type(client.items).retrieve).parameters
    assert list(params)[:2] == ["self", "limit"] and "timeout" in params

    item = client.items.retrieve(limit=5)
    assert server.requests[-1].query == (("limit", "5"),)
    assert type(item) is T.Item
    assert (item.n, item.label) == (3, "x")
    assert item.to_dict() == server.answer_for("GET", "/items")
