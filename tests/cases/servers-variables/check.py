"""Servers: the first, with its variables' defaults, is the default base URL; every server
is an environment (``environment=``), named after its short description; ``base_url=``
and SERVERS_VARIABLES_BASE_URL override; ``base_url`` and ``environment`` exclude each
other."""

from typing import Any

import pytest

from tests.e2e.case_env import environ, package_of


def check(T: Any, client: Any, server: Any) -> None:
    cls, consts = type(client), package_of(client)._client
    assert consts.DEFAULT_BASE_URL == "https://eu.api.example.com/v2"
    assert consts.ENVIRONMENTS == {
        "production": "https://eu.api.example.com/v2",
        "sandbox": "https://sandbox.example.com/v2",
        "server_3": "http://localhost:8080",
    }
    with environ(SERVERS_VARIABLES_BASE_URL=None):
        assert str(cls().base_url) == "https://eu.api.example.com/v2"
        assert str(cls(environment="sandbox").base_url) == (
            "https://sandbox.example.com/v2"
        )
        with pytest.raises(ValueError, match="'staging'; known: 'production'"):
            cls(environment="staging")
        with pytest.raises(ValueError, match="not both"):
            cls(environment="sandbox", base_url="http://x")
    with environ(SERVERS_VARIABLES_BASE_URL=server.base_url):
        with cls() as from_env:
            assert from_env.profile.retrieve().name == "Ann"
        assert str(cls(environment="sandbox").base_url).startswith("https://sandbox")
    assert server.requests[-1].path == "/profile"
