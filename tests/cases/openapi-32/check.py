"""An OpenAPI 3.2 document is validated as 3.2 and generates like a 3.1 one."""

import typing
from typing import Any


def check(T: Any, client: Any, server: Any) -> None:
    assert typing.get_type_hints(T.Pet)["name"] == str | None
    pet = client.pets.retrieve(1)
    assert server.requests[-1].path == "/pets/1"
    assert (type(pet), pet.id, pet.name) == (T.Pet, 1, "Rex")
    assert pet.to_dict() == server.answer_for("GET", "/pets/{id}")
