"""A 3.1 document with only ``webhooks`` (no ``paths``): the client has its models and no
resources, and the models read a webhook's payload."""

import typing
from typing import Any


def check(T: Any, client: Any, server: Any) -> None:
    assert T.__all__ == ["Pet"]
    hints = typing.get_type_hints(T.Pet)
    assert hints["id"] is int
    assert hints["name"] == str | None
    pet = T.Pet.from_dict({"id": 7, "name": None})
    assert (type(pet), pet.id, pet.name) == (T.Pet, 7, None)
    assert pet.to_dict() == {"id": 7, "name": None}
    resources = [
        name
        for name in dir(client)
        if not name.startswith("_")
        and hasattr(getattr(client, name), "with_raw_response")
    ]
    assert resources == []
    assert server.requests == []
