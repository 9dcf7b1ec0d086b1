"""http bearer: ``Authorization: Bearer <api_key>``; the key comes from ``api_key=`` or
``AUTH_BEARER_API_KEY`` (the prefix is the package name); without one the client refuses
to be built, naming both."""

from typing import Any

import pytest

from tests.e2e.case_env import environ, package_of


def check(T: Any, client: Any, server: Any) -> None:
    assert type(client.profile.retrieve()) is T.Account
    assert server.requests[-1].headers["authorization"] == "Bearer k"

    cls, pkg = type(client), package_of(client)
    with environ(AUTH_BEARER_API_KEY="from-env", DIFY_API_KEY="wrong"):
        with cls(base_url=server.base_url) as from_env:
            from_env.profile.retrieve()
    assert server.requests[-1].headers["authorization"] == "Bearer from-env"

    with environ(AUTH_BEARER_API_KEY=None, DIFY_API_KEY="wrong"):
        with pytest.raises(pkg.APIError) as info:
            cls(base_url=server.base_url)
    assert "`api_key`" in str(info.value)
    assert "AUTH_BEARER_API_KEY" in str(info.value)
    assert pkg._client.ENV_PREFIX == "AUTH_BEARER_"
