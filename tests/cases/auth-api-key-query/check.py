"""apiKey in the query: a pair of its own after the operation's parameters, encoded."""

import asyncio
from typing import Any

from tests.e2e.case_env import package_of

CLIENT_OPTIONS = {"api_key": "k&1 ="}


def check(T: Any, client: Any, server: Any) -> None:
    assert client.profile.retrieve().name == "Ann"
    assert server.requests[-1].query == (("api-key", "k&1 ="),)
    assert "authorization" not in server.requests[-1].headers

    assert client.search.retrieve(q="x y").name == "Bob"
    assert server.requests[-1].query == (("q", "x y"), ("api-key", "k&1 ="))

    async def run_async() -> None:
        aclient = package_of(client).AsyncClient(
            base_url=server.base_url, api_key="a/b", max_retries=0
        )
        async with aclient:
            await aclient.search.retrieve(q="z")

    asyncio.run(run_async())
    assert server.requests[-1].query == (("q", "z"), ("api-key", "a/b"))
