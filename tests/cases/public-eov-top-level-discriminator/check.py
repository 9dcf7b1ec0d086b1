"""express-openapi-validator's top-level discriminator example (3.0): a request body that is
an inline ``oneOf`` with a ``discriminator``, once without ``mapping`` (implicit: the schema
names) and once with a mapping holding two values per member (cat/kitty, dog/puppy); the
members' ``pet_type`` and ``breed`` are enums, every property required. The responses have
no body."""

import dataclasses
from typing import Any, get_args, get_type_hints


def check(T: Any, client: Any, server: Any) -> None:
    # the members: required keys, enums as Literal
    for cls, keys in (
        (T.CatObject, {"hunts", "age", "pet_type"}),
        (T.DogObject, {"bark", "breed", "pet_type"}),
    ):
        fields = dataclasses.fields(cls)
        assert {f.name for f in fields} == keys
        assert all(f.default is dataclasses.MISSING for f in fields), cls
    hints = get_type_hints(T.DogObject)
    assert get_args(hints["pet_type"]) == ("dog", "puppy", "DogObject")
    assert get_args(hints["breed"]) == ("Dingo", "Husky", "Retriever", "Shepherd")
    assert get_args(get_type_hints(T.CatObject)["pet_type"]) == (
        "cat",
        "kitty",
        "CatObject",
    )

    # with mapping: every mapped value, as a dict and as a model, sent as it is
    kitty = {"pet_type": "kitty", "hunts": True, "age": 3}
    assert client.pets.mapping(body=kitty) is None
    sent = server.requests[-1]
    assert (sent.method, sent.path) == ("POST", "/pets/mapping")
    assert sent.headers["content-type"] == "application/json"
    assert sent.json() == kitty

    puppy = T.DogObject(pet_type="puppy", bark=False, breed="Husky")
    assert client.pets.mapping(body=puppy) is None
    assert server.requests[-1].json() == {
        "pet_type": "puppy",
        "bark": False,
        "breed": "Husky",
    }

    # without mapping: the implicit value is the schema name
    dog = {"pet_type": "DogObject", "bark": True, "breed": "Dingo"}
    assert client.pets.nomapping(body=dog) is None
    assert server.requests[-1].path == "/pets/nomapping"
    assert server.requests[-1].json() == dog

    cat = T.CatObject(pet_type="CatObject", hunts=False, age=0)
    client.pets.nomapping(body=cat)
    assert server.requests[-1].json() == {
        "pet_type": "CatObject",
        "hunts": False,
        "age": 0,
    }

    # the models read back what they wrote (the discriminator value kept as sent)
    back = T.CatObject.from_dict(kitty)
    assert type(back) is T.CatObject and (back.pet_type, back.hunts, back.age) == (
        "kitty",
        True,
        3,
    )
    assert back.to_dict() == kitty
    assert len(server.requests) == 4
