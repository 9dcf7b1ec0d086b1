"""A discriminated oneOf (explicit mapping for cat/dog, implicit "Lizard") decodes into the
member the discriminator names, wherever the union appears; an unknown value keeps the data.
"""

from typing import Any


def check(T: Any, client: Any, server: Any) -> None:
    pet = client.pets.retrieve("p1")
    # the member the discriminator names, not the first member that fits
    assert type(pet) is T.Dog, pet
    assert (pet.kind, pet.name, pet.bark) == ("dog", "Rex", "woof")

    shelter = client.shelters.retrieve("s1")
    assert type(shelter.favourite) is T.Cat and shelter.favourite.meow == "loud"
    assert [type(p).__name__ for p in shelter.pets] == ["Dog", "Cat", "Lizard"]
    assert shelter.pets[2].scales == 300
    assert {k: type(v).__name__ for k, v in shelter.by_name.items()} == {
        "rex": "Dog",
        "liz": "Lizard",
    }
    assert shelter.to_dict() == server.answer_for("GET", "/shelters/{shelter_id}")

    # a value the spec does not know: decoded by fit, every key still there
    parrot = {"kind": "parrot", "name": "Polly", "talks": True}
    server.respond("GET", "/pets/{pet_id}", 200, parrot)
    unknown = client.pets.retrieve("p2")
    assert type(unknown) in (T.Cat, T.Dog, T.Lizard)
    assert unknown.kind == "parrot" and unknown.to_dict() == parrot
    assert server.requests[0].path == "/pets/p1"
