"""Redoc's demo petstore (3.0): ``Pet`` carries a discriminator (explicit mapping
cat/dog/bee) and ``Cat``/``Dog``/``HoneyBee`` extend it with ``allOf``, so every ``Pet``
(whole body, array items, the recursive ``friend``) decodes into the member ``petType``
names; ``User.pet`` is a ``oneOf`` of that hierarchy and ``Tag`` without a discriminator;
``User.phone`` is ``nullable``; ``$ref``s wrapped in ``allOf`` with a description; enums,
a form-urlencoded body, a whole-body map, a required array query parameter, a path-level
required cookie parameter and an ``application/octet-stream`` upload. Most operations have
no example: the answers are written here."""

import dataclasses
import inspect
from typing import Any

CAT = {"petType": "cat", "name": "Tom", "photoUrls": [], "huntingSkill": "lazy"}
BEE = {"petType": "bee", "name": "Maya", "photoUrls": ["b.png"], "honeyPerDay": 3.14}
DOG = {
    "id": 1,
    "petType": "dog",
    "name": "Rex",
    "photoUrls": ["r.png"],
    "packSize": 3,
    "category": {"id": 2, "name": "Dogs", "sub": {"prop1": "big"}},
    "tags": [{"id": 7, "name": "good"}],
    "friend": CAT,
}


def check(T: Any, client: Any, server: Any) -> None:
    # allOf inheritance: a child has its parent's fields and its own required one
    required = {
        f.name for f in dataclasses.fields(T.Dog) if f.default is dataclasses.MISSING
    }
    assert required == {"name", "photo_urls", "pack_size"}
    assert {f.name for f in dataclasses.fields(T.Pet)} < {
        f.name for f in dataclasses.fields(T.Cat)
    }

    # the discriminator picks the member, explicit mapping or implicit schema name
    for body, cls in (
        (DOG, T.Dog),
        (CAT, T.Cat),
        (BEE, T.HoneyBee),
        ({"petType": "Dog", "name": "D", "photoUrls": [], "packSize": 1}, T.Dog),
        (
            {"petType": "HoneyBee", "name": "H", "photoUrls": [], "honeyPerDay": 1},
            T.HoneyBee,
        ),
        ({"name": "Plain", "photoUrls": []}, T.Pet),
    ):
        server.respond("GET", "/pet/{petId}", 200, body)
        pet = client.pet.retrieve(1)
        assert type(pet) is cls, (body, pet)
        assert pet.to_dict() == body
    assert server.requests[-1].path == "/pet/1"

    server.respond("GET", "/pet/{petId}", 200, DOG)
    rex = client.pet.retrieve(1)
    assert (rex.id, rex.name, rex.pack_size, rex.pet_type) == (1, "Rex", 3, "dog")
    assert type(rex.category) is T.Category and type(rex.category.sub) is T.CategorySub
    assert rex.category.sub.prop1 == "big"
    assert [type(t) for t in rex.tags] == [T.Tag] and rex.tags[0].name == "good"
    assert type(rex.friend) is T.Cat and rex.friend.hunting_skill == "lazy"
    assert rex.friend.friend is None and rex.status is None

    # arrays of the union
    server.respond("GET", "/pet/findByStatus", 200, [CAT, DOG, BEE])
    found = client.pet.find_by_status(status=["available", "sold"])
    assert [type(p) for p in found] == [T.Cat, T.Dog, T.HoneyBee]
    assert found[2].honey_per_day == 3.14
    assert [p.to_dict() for p in found] == [CAT, DOG, BEE]
    sent = server.requests[-1]
    assert sent.path == "/pet/findByStatus"
    assert sent.query == (("status", "available"), ("status", "sold"))
    server.respond("GET", "/pet/findByTags", 200, [BEE])
    by_tags = client.pet.find_by_tags(tags=["x"])
    assert [type(p) for p in by_tags] == [T.HoneyBee]
    assert server.requests[-1].path == "/pet/findByTags"
    assert server.requests[-1].query == (("tags", "x"),)

    # oneOf [Pet hierarchy, Tag] without a discriminator; a nullable field
    for pet_body, cls in ((BEE, T.HoneyBee), ({"id": 3, "name": "t"}, T.Tag)):
        user_body = {"username": "john78", "phone": None, "pet": pet_body}
        server.respond("GET", "/user/{username}", 200, user_body)
        user = client.user.retrieve("john78")
        assert type(user) is T.User and type(user.pet) is cls, user
        assert user.phone is None and user.to_dict() == user_body
    assert server.requests[-1].path == "/user/john78"

    # request bodies: camelCase wire names, a nullable value sent as null
    assert client.user.create(username="john78", phone=None, user_status=1) is None
    assert server.requests[-1].json() == {
        "username": "john78",
        "phone": None,
        "userStatus": 1,
    }
    client.user.update("john78", username_2="john79", pet={"name": "t"})  # id: readOnly
    sent = server.requests[-1]
    assert (sent.method, sent.path) == ("PUT", "/user/john78")
    assert sent.json() == {"username": "john79", "pet": {"name": "t"}}
    users = [{"username": "a1b2"}, {"username": "c3d4", "phone": "+1-202-555-0192"}]
    assert client.user.create_with_array(body=users) is None
    assert server.requests[-1].json() == users
    assert client.user.create_with_list(body=users[:1]) is None
    assert server.requests[-1].path == "/user/createWithList"
    assert client.user.delete("john78") is None
    assert client.user.logout() is None

    # (answered as GET /user/{username}: see above)
    server.respond("GET", "/user/login", 200, "OK")
    assert client.user.login(username="john78", password="drowssaP123") == "OK"
    assert server.requests[-1].path == "/user/login"
    assert server.requests[-1].query == (
        ("username", "john78"),
        ("password", "drowssaP123"),
    )

    assert client.pet.update(5, name="Rex", status="sold") is None
    sent = server.requests[-1]
    assert sent.headers["content-type"] == "application/x-www-form-urlencoded"
    assert sent.body == b"name=Rex&status=sold"
    assert client.pet.delete(5, api_key="Bearer <TOKEN>") is None
    assert server.requests[-1].headers["api_key"] == "Bearer <TOKEN>"

    server.respond("GET", "/store/inventory", 200, {"available": 2, "sold": 5})
    assert client.store.inventory() == {"available": 2, "sold": 5}
    order = {"id": 4, "petId": 1, "quantity": 1, "status": "placed", "complete": False}
    server.respond("POST", "/store/order", 200, order)
    placed = client.store.order.create(
        quantity=1, status="placed"
    )  # (petId is readOnly too)
    assert type(placed) is T.Order and placed.to_dict() == order
    assert server.requests[-1].json() == {"quantity": 1, "status": "placed"}
    server.respond("GET", "/store/order/{orderId}", 200, order)
    assert client.store.order.retrieve(4).pet_id == 1
    assert client.store.order.delete("4") is None
    assert server.requests[-1].path == "/store/order/4"

    # the path-level required cookie parameter: an argument of each /pet operation,
    # sent in a Cookie header; the request body's allOf [{description, title}, Pet]
    assert (
        client.pet.create(
            cookie_param=42, name="Rex", photo_urls=["r.png"], pet_type="dog"
        )
        is None
    )
    sent = server.requests[-1]
    assert sent.json() == {"name": "Rex", "photoUrls": ["r.png"], "petType": "dog"}
    assert sent.headers["cookie"] == "cookieParam=42"
    assert client.pet.update_pet(cookie_param=0, name="Tom", photo_urls=[]) is None
    sent = server.requests[-1]
    assert (sent.method, sent.headers["cookie"]) == ("PUT", "cookieParam=0")
    assert sent.json() == {"name": "Tom", "photoUrls": []}

    # known to fail today; collected so that each one shows
    failures = []
    # readOnly properties (Order.id and Order.complete) are not request arguments
    offered = set(inspect.signature(client.store.order.create).parameters)
    if offered & {"id", "complete"}:
        failures.append(
            f"readOnly properties offered by store.order.create: {sorted(offered)}"
        )
    # an application/octet-stream body is sent as the bytes themselves
    server.respond(
        "POST", "/pet/{petId}/uploadImage", 200, {"code": 0, "message": "ok"}
    )
    try:
        client.pet.upload_image(5, body=b"\x89PNG")
    except Exception as exc:
        failures.append(f"upload_image(body=bytes) raised {type(exc).__name__}: {exc}")
    else:
        sent = server.requests[-1]
        if (sent.body, sent.headers.get("content-type")) != (
            b"\x89PNG",
            "application/octet-stream",
        ):
            failures.append(f"upload_image sent {sent.body!r} as {sent.headers}")
    assert not failures, failures
