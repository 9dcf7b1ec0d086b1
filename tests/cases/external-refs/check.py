"""References to other files: a path item in paths/, whole-file schemas in schemas/ that
refer to each other (Pet -> Owner -> Pet, a cycle across files), a component of another
file (common.yaml#/components/schemas/Error) and a parameter component of another file.
Each becomes one model or parameter, as if the document had been written in one file."""

import inspect
import typing
from typing import Any


def _method(resource: Any, *names: str) -> Any:
    """The first of ``names`` the resource has (the verb rules may name a GET list)."""
    return next(getattr(resource, n) for n in names if hasattr(resource, n))


def check(T: Any, client: Any, server: Any) -> None:
    assert sorted(T.__all__) == ["Error", "Owner", "Pet"]
    models = {name: getattr(T, name) for name in T.__all__}
    hints = typing.get_type_hints(T.Owner, localns=models)
    assert hints["pets"] == list[T.Pet] | None
    assert hints["error"] == T.Error | None
    assert typing.get_type_hints(T.Pet, localns=models)["owner"] == T.Owner | None

    pets = _method(client.pets, "list", "retrieve")()
    assert [type(p) for p in pets] == [T.Pet]
    assert pets[0].name == "Rex"
    assert type(pets[0].owner) is T.Owner and pets[0].owner.name == "Ann"
    assert pets[0].owner.pets == []

    params = inspect.signature(type(client.owners).retrieve).parameters
    assert list(params)[:2] == ["self", "id"] and "extra_headers" in params
    owner = client.owners.retrieve("o-1")
    assert server.requests[-1].path == "/owners/o-1"
    assert type(owner) is T.Owner
    assert [type(p) for p in owner.pets] == [T.Pet]
    assert type(owner.error) is T.Error and owner.error.message == "none"
    assert owner.to_dict() == server.answer_for("GET", "/owners/{id}")
