"""apiKey in a header: sent under the scheme's name, and no Authorization header."""

from typing import Any


def check(T: Any, client: Any, server: Any) -> None:
    assert client.profile.retrieve().name == "Ann"
    headers = server.requests[-1].headers
    assert headers["x-api-key"] == "k"
    assert "authorization" not in headers
