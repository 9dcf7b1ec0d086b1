"""allOf composition (required keys of every part), a parent whose discriminator names the
components that extend it (no loop), recursive schemas, and a whole-body array of models.
"""

import dataclasses
from typing import Any


def check(T: Any, client: Any, server: Any) -> None:
    required = {
        f.name for f in dataclasses.fields(T.Bird) if f.default is dataclasses.MISSING
    }
    assert required == {"animal_type", "name", "wingspan"}

    animals = client.animals.list()  # GET on a collection returning an array
    assert [type(a).__name__ for a in animals] == ["Bird", "Fish", "Animal"]
    bird, fish, blob = animals
    assert bird.wingspan == 0.2 and fish.fins == 3 and blob.name == "Blob"
    assert type(fish.parent) is T.Fish and fish.parent.name == "Marlin"
    assert [a.to_dict() for a in animals] == server.answer_for("GET", "/animals")

    tree = client.trees.retrieve("t1")
    assert type(tree.children[0].children[0]) is T.Tree
    assert tree.children[0].children[0].label == "a1"
    assert tree.to_dict() == server.answer_for("GET", "/trees/{tree_id}")
