"""An OpenAI-style ``stream`` boolean: ``stream=True`` sends ``"stream": true`` and yields the
event-stream schema's model; without it, the blocking JSON model comes back."""

from typing import Any


def check(T: Any, client: Any, server: Any) -> None:
    done = client.chat.completions.create(model="m1", prompt="Hi")
    assert type(done) is T.Completion and done.text == "Hello there"
    assert server.requests[-1].json() == {"model": "m1", "prompt": "Hi"}
    assert server.requests[-1].headers["accept"] == "application/json"

    server.respond_events(
        "POST",
        "/chat/completions",
        'data: {"id": "c1", "delta": "Hel"}\n\n'
        ": a comment\n\n"
        'data: {"id": "c1", "delta": "lo"}\n\n'
        "data: [DONE]\n\n",
    )
    stream = client.chat.completions.create(model="m1", prompt="Hi", stream=True)
    assert server.requests[-1].json() == {"model": "m1", "prompt": "Hi", "stream": True}
    assert server.requests[-1].headers["accept"] == "text/event-stream"
    chunks = list(stream)
    assert [type(c) for c in chunks] == [T.CompletionChunk, T.CompletionChunk]
    assert "".join(c.delta for c in chunks) == "Hello"
    assert stream.response.is_closed

    # stream=False is the blocking call, and says so
    server.respond("POST", "/chat/completions", 200, {"id": "c2", "text": "Bye"})
    done = client.chat.completions.create(model="m1", prompt="Hi", stream=False)
    assert type(done) is T.Completion and done.text == "Bye"
    assert server.requests[-1].json()["stream"] is False
