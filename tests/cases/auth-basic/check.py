"""http basic: ``Authorization: Basic base64(user:password)`` from ``username=`` and
``password=`` or AUTH_BASIC_USERNAME / AUTH_BASIC_PASSWORD; the client has no api_key.
"""

import base64
import inspect
from typing import Any

import pytest

from tests.e2e.case_env import environ, package_of

CLIENT_OPTIONS = {"username": "ann", "password": "pa:ss"}


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def check(T: Any, client: Any, server: Any) -> None:
    client.profile.retrieve()
    assert server.requests[-1].headers["authorization"] == _basic("ann", "pa:ss")

    cls, pkg = type(client), package_of(client)
    assert "api_key" not in inspect.signature(cls).parameters
    env = {"AUTH_BASIC_USERNAME": "bob", "AUTH_BASIC_PASSWORD": "secret"}
    with environ(**env), cls(base_url=server.base_url) as from_env:
        from_env.profile.retrieve()
    assert server.requests[-1].headers["authorization"] == _basic("bob", "secret")

    with environ(AUTH_BASIC_USERNAME=None, AUTH_BASIC_PASSWORD=None):
        with pytest.raises(pkg.APIError) as info:
            cls(base_url=server.base_url, username="only-me")
    message = str(info.value)
    assert "`username` and `password`" in message and "AUTH_BASIC_PASSWORD" in message
