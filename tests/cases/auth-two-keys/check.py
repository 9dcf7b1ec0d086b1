"""Two key schemes needed together: ``api_key`` for the first (AppKey) and an argument of
its own for the other (``user_token``, else AUTH_TWO_KEYS_USER_TOKEN); each header gets
its own value, a scheme used alone still takes ``api_key``."""

import asyncio
import inspect
from typing import Any

import pytest

from tests.e2e.case_env import environ, package_of

CLIENT_OPTIONS = {"api_key": "app-1", "user_token": "user-1"}


def check(T: Any, client: Any, server: Any) -> None:
    me = client.me.retrieve()
    assert type(me) is T.Me and me.name == "ann"
    headers = server.requests[-1].headers
    assert (headers["x-app-key"], headers["x-user-token"]) == ("app-1", "user-1")
    assert "authorization" not in headers

    client.admin.retrieve()  # Bearer alone: the api_key
    headers = server.requests[-1].headers
    assert headers["authorization"] == "Bearer app-1"
    assert "x-app-key" not in headers and "x-user-token" not in headers

    cls, pkg = type(client), package_of(client)
    assert "user_token" in inspect.signature(cls).parameters
    # the second key from the environment
    with environ(AUTH_TWO_KEYS_USER_TOKEN="env-user"):
        with cls(base_url=server.base_url, api_key="app-2") as other:
            other.me.retrieve()
    headers = server.requests[-1].headers
    assert (headers["x-app-key"], headers["x-user-token"]) == ("app-2", "env-user")
    # without it, the client is refused, and the message names what to pass
    with environ(AUTH_TWO_KEYS_USER_TOKEN=None):
        with pytest.raises(pkg.APIError) as info:
            cls(base_url=server.base_url, api_key="app-2")
    assert "`user_token`" in str(info.value)
    assert "AUTH_TWO_KEYS_USER_TOKEN" in str(info.value)
    # with_options renews either key; an unknown one is an error
    renewed = client.with_options(keys={"user_token": "user-2"})
    renewed.me.retrieve()
    assert server.requests[-1].headers["x-user-token"] == "user-2"
    assert server.requests[-1].headers["x-app-key"] == "app-1"
    with pytest.raises(TypeError, match="unknown keys: nope"):
        client.with_options(keys={"nope": "x"})

    async def run_async() -> None:
        async with pkg.AsyncClient(
            base_url=server.base_url, api_key="a", user_token="u"
        ) as aclient:
            await aclient.me.retrieve()
        headers = server.requests[-1].headers
        assert (headers["x-app-key"], headers["x-user-token"]) == ("a", "u")

    asyncio.run(run_async())
