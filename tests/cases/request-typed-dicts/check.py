"""Request arguments whose schema is an object are typed by it (a ``TypedDict`` per schema,
keyed by the JSON names, without the keys the server sets); what is passed is sent as is.
"""

import typing
from typing import Any


def check(T: Any, client: Any, server: Any) -> None:
    hints = typing.get_type_hints(T.CustomerParam, include_extras=True)
    assert set(hints) == {"name", "e-mail", "class"}  # readOnly id left out
    assert typing.get_origin(hints["name"]) is typing.Required

    customer = {"name": "Ann", "e-mail": "ann@example.com", "class": "retail"}
    lines = [
        {"sku": "a", "qty": 1, "delivery": {"url": "https://x.example/a"}},
        {
            "sku": "b",
            "qty": 2,
            "delivery": {"weight": 1.5, "parent": {"sku": "a", "qty": 1}},
        },
    ]
    order = client.orders.create(
        customer=customer,
        lines=lines,
        shipping={"street": "Main St 1", "zip": None},
        labels={"gift": "yes"},
        extra={"note": "ring twice", "anything": [1, 2]},
    )
    assert server.requests[-1].json() == {
        "customer": customer,
        "lines": lines,
        "shipping": {"street": "Main St 1", "zip": None},
        "labels": {"gift": "yes"},
        "extra": {"note": "ring twice", "anything": [1, 2]},
    }
    assert type(order) is T.Order and type(order.customer) is T.Customer
    assert order.customer.id == "c1"

    # a nested object in a multipart body, encoded as its part's contentType says
    client.orders.attachments.create(
        "o1", file=b"%PDF-1.4", meta={"title": "Invoice", "tags": ["q3"]}
    )
    sent = server.requests[-1]
    assert sent.path == "/orders/o1/attachments"
    assert b'{"title": "Invoice", "tags": ["q3"]}' in sent.body or (
        b'{"title":"Invoice","tags":["q3"]}' in sent.body
    ), sent.body
