"""oauth2 and openIdConnect: the access token passed as ``api_key`` is a bearer token."""

from typing import Any

CLIENT_OPTIONS = {"api_key": "access-token"}


def check(T: Any, client: Any, server: Any) -> None:
    client.profile.retrieve()
    assert server.requests[-1].headers["authorization"] == "Bearer access-token"
    client.claims.retrieve()
    assert server.requests[-1].headers["authorization"] == "Bearer access-token"
