"""An operation's own ``security``: ``[]`` sends nothing, another scheme sends only its
credential, ``[{}, ...]`` sends the key when there is one and needs none."""

import asyncio
from typing import Any

import pytest

from tests.e2e.case_env import environ, package_of


def check(T: Any, client: Any, server: Any) -> None:
    client.profile.retrieve()
    assert server.requests[-1].headers["authorization"] == "Bearer k"

    assert client.health.retrieve().name == "up"
    headers = server.requests[-1].headers
    assert "authorization" not in headers and "x-admin-key" not in headers
    assert "cookie" not in headers and server.requests[-1].query == ()

    assert client.admin.retrieve().name == "root"
    headers = server.requests[-1].headers
    assert headers["x-admin-key"] == "k" and "authorization" not in headers

    client.greeting.retrieve()
    assert server.requests[-1].headers["authorization"] == "Bearer k"
    # the default security needs the key: a client without one is refused, even though
    # some operations need none (the check is at construction, like the key's absence)
    with environ(AUTH_PER_OPERATION_API_KEY=None):
        with pytest.raises(package_of(client).APIError, match="Missing credentials"):
            type(client)(base_url=server.base_url)
    # a client given the key from the environment still sends nothing to /health
    with environ(AUTH_PER_OPERATION_API_KEY="env-key"):
        with type(client)(base_url=server.base_url) as other:
            other.health.retrieve()
    assert "authorization" not in server.requests[-1].headers

    async def run_async() -> None:
        aclient = package_of(client).AsyncClient(base_url=server.base_url, api_key="a")
        async with aclient:
            await aclient.health.retrieve()
            assert "authorization" not in server.requests[-1].headers
            await aclient.admin.retrieve()
            assert server.requests[-1].headers["x-admin-key"] == "a"

    asyncio.run(run_async())
