"""No security in the spec: the client takes no credentials, needs none, sends none
(not even when a Dify or the package's key is in the environment)."""

import inspect
from typing import Any

from tests.e2e.case_env import environ, package_of


def check(T: Any, client: Any, server: Any) -> None:
    cls = type(client)
    params = inspect.signature(cls).parameters
    assert not {"api_key", "username", "password"} & set(params)
    with environ(AUTH_NONE_API_KEY="x", DIFY_API_KEY="x"):
        with cls(base_url=server.base_url) as bare:
            assert bare.profile.retrieve().name == "Ann"
    headers = server.requests[-1].headers
    assert "authorization" not in headers and "cookie" not in headers
    assert package_of(client)._client.SECURITY_SCHEMES == {}
