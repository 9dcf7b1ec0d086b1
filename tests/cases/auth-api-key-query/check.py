"""apiKey in the query: a pair of its own after the operation's parameters, encoded."""

from typing import Any

CLIENT_OPTIONS = {"api_key": "k&1 ="}


def check(T: Any, client: Any, server: Any) -> None:
    assert client.profile.retrieve().name == "Ann"
    assert server.requests[-1].query == (("api-key", "k&1 ="),)
    assert "authorization" not in server.requests[-1].headers

    assert client.search.retrieve(q="x y").name == "Bob"
    assert server.requests[-1].query == (("q", "x y"), ("api-key", "k&1 ="))
