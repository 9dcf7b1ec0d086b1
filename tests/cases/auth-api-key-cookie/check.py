"""apiKey in a cookie: the Cookie header carries it, before the operation's own cookies."""

from typing import Any


def check(T: Any, client: Any, server: Any) -> None:
    client.profile.retrieve()
    assert server.requests[-1].headers["cookie"] == "SESSION=k"
    assert "authorization" not in server.requests[-1].headers

    client.prefs.retrieve(theme="dark")
    assert server.requests[-1].cookies == {"SESSION": "k", "theme": "dark"}
