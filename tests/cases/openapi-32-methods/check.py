"""OpenAPI 3.2's methods: ``query`` (a body on a safe method) and ``additionalOperations``
(PURGE) become methods that send exactly that verb; a ``$ref`` inside an ``x-`` extension
(to a file that does not even exist) is the vendor's and left alone."""

import asyncio
from typing import Any

from tests.e2e.case_env import package_of


def check(T: Any, client: Any, server: Any) -> None:
    assert [i.id for i in client.items.list()] == ["i1"]
    found = client.items.query(text="red")
    assert [type(i) for i in found] == [T.Item] and found[0].id == "i2"
    sent = server.requests[-1]
    assert (sent.method, sent.path, sent.json()) == ("QUERY", "/items", {"text": "red"})

    purged = client.cache.purge("k1")
    assert type(purged) is T.Purged and (purged.key, purged.dropped) == ("k1", True)
    assert (server.requests[-1].method, server.requests[-1].path) == (
        "PURGE",
        "/cache/k1",
    )

    async def run_async() -> None:
        async with package_of(client).AsyncClient(base_url=server.base_url) as aclient:
            assert (await aclient.cache.purge("k2")).key == "k1"
        assert server.requests[-1].path == "/cache/k2"

    asyncio.run(run_async())
