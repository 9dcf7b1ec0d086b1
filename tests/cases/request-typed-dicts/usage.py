"""Type-checked with the generated package (mypy --strict, warn_unused_ignores): each
``type: ignore[code]`` below must be needed, so the TypedDicts reject what the spec does not
describe, and accept what it does."""

from request_typed_dicts import Client
from request_typed_dicts.types import CustomerParam, LineParam

client = Client(base_url="http://127.0.0.1:1")

customer: CustomerParam = {"name": "Ann", "e-mail": "a@example.com", "class": "retail"}
line: LineParam = {"sku": "a", "qty": 1, "delivery": {"weight": 2.0}}

no_name: CustomerParam = {"e-mail": "a@example.com"}  # type: ignore[typeddict-item]
read_only: CustomerParam = {"name": "Ann", "id": "c1"}  # type: ignore[typeddict-unknown-key]
bad_enum: CustomerParam = {"name": "Ann", "class": "vip"}  # type: ignore[typeddict-item]
bad_qty: LineParam = {"sku": "a", "qty": "one"}  # type: ignore[typeddict-item]


def place() -> None:
    client.orders.create(customer=customer, lines=[line], extra={"free": "form"})
    client.orders.create(customer=customer, lines=[{"sku": "a"}])  # type: ignore[typeddict-item]
    client.orders.create(
        customer=customer, lines=[line], shipping={"zip": None}  # type: ignore[arg-type]
    )
