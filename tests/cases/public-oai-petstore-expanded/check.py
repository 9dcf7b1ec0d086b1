"""The OAI's petstore-expanded (3.0): ``Pet`` is ``allOf: [NewPet, {required: [id]}]``, a
whole-body array of ``Pet``, a form-exploded array query parameter, a 204 delete and a
``default`` error response. The document has no examples: the answers are written here.
"""

import dataclasses
from typing import Any


def check(T: Any, client: Any, server: Any) -> None:
    # allOf: the parts' properties and the required keys of every part
    fields = {f.name: f for f in dataclasses.fields(T.Pet)}
    assert set(fields) == {"name", "tag", "id"}
    required = {n for n, f in fields.items() if f.default is dataclasses.MISSING}
    assert required == {"name", "id"}

    pets = [{"id": 1, "name": "Rex", "tag": "dog"}, {"id": 2, "name": "Tom"}]
    server.respond("GET", "/pets", 200, pets)
    found = client.pets.list(tags=["dog", "cat"], limit=2)
    assert type(found) is list and [type(p) for p in found] == [T.Pet, T.Pet]
    assert (found[0].id, found[0].name, found[0].tag) == (1, "Rex", "dog")
    assert (found[1].id, found[1].name, found[1].tag) == (2, "Tom", None)
    assert [p.to_dict() for p in found] == pets
    sent = server.requests[-1]
    assert (sent.method, sent.path) == ("GET", "/pets")
    assert sent.query == (("tags", "dog"), ("tags", "cat"), ("limit", "2"))

    # no parameter given: no query at all
    server.respond("GET", "/pets", 200, [])
    assert client.pets.list() == []
    assert server.requests[-1].query == ()

    server.respond("POST", "/pets", 200, {"id": 3, "name": "Kit", "tag": "cat"})
    created = client.pets.create(name="Kit", tag="cat")
    assert type(created) is T.Pet and (created.id, created.name) == (3, "Kit")
    assert server.requests[-1].json() == {"name": "Kit", "tag": "cat"}
    client.pets.create(name="Bo")  # an optional property not given is not sent
    assert server.requests[-1].json() == {"name": "Bo"}

    server.respond("GET", "/pets/{id}", 200, {"id": 7, "name": "Bo"})
    one = client.pets.retrieve(7)
    assert type(one) is T.Pet and (one.id, one.name, one.tag) == (7, "Bo", None)
    assert server.requests[-1].path == "/pets/7"

    assert client.pets.delete(7) is None
    assert (server.requests[-1].method, server.requests[-1].path) == (
        "DELETE",
        "/pets/7",
    )
    assert server.requests[-1].body == b""

    # the `default` response: an error status raises, with the body kept
    error = {"code": 404, "message": "no pet 8"}
    server.respond("GET", "/pets/{id}", 404, error)
    try:
        client.pets.retrieve(8)
    except Exception as exc:
        assert type(exc).__name__ == "NotFoundError", exc
        assert exc.status_code == 404 and exc.body == error
    else:
        raise AssertionError("a 404 did not raise")
