"""The runtime's event streams: the SSE rules, typed events, keep-alives, error events.

The decoder is ours (the generated package depends on httpx alone); these tests hold it
to the WHATWG event-stream rules. Streams are read from a real loopback server.
"""

from __future__ import annotations

from typing import Annotated, Any

import pytest

from .conftest import LocalServer, Runtime
from .test_client import KINDS, aw, collect, run


def decode(rt: Runtime, text: str) -> list[Any]:
    """The events of ``text``, split into lines as httpx splits them (LF, CR, CRLF)."""
    import httpx

    lines = list(httpx.Response(200, content=text.encode()).iter_lines())
    return list(rt.streaming.iter_sse(iter(lines)))


def test_sse_rules(rt: Runtime) -> None:
    S = rt.streaming
    text = (
        "\ufeff: a comment, then a BOM-led stream\r\n"
        "data: one\r\n"
        "data:two\r\n"
        "data\r\n\r\n"  # a field name alone: an empty value
        "event: named\rid: 7\rretry: 30\rdata:  lead\r\r"  # CR only; one space stripped
        "retry: soon\nid: a\0b\ndata: x\n\n"  # a non-digit retry, an id with NUL: ignored
        "event: ping\n\n"  # no data: nothing dispatched
        "id\ndata: y\n\n"  # an empty id resets the last event id
        "unknown: field\ndata: z"  # the last event, without its blank line
    )
    assert decode(rt, text) == [
        S.ServerSentEvent(event=None, data="one\ntwo\n", id=None, retry=None),
        S.ServerSentEvent(event="named", data=" lead", id="7", retry=30),
        S.ServerSentEvent(event=None, data="x", id="7", retry=30),
        S.ServerSentEvent(event=None, data="y", id="", retry=30),
        S.ServerSentEvent(event=None, data="z", id="", retry=30),
    ]


def test_event_parser(rt: Runtime) -> None:
    S, M, T = rt.streaming, rt.models, rt.model_types
    events = Annotated[
        T.Author | T.Item, M.Discriminated("event", {"a": "Author", "i": "Item"})
    ]
    parse = S.event_parser(events | S.UnknownEvent)
    author = parse({"event": "a", "name": "Ann"})
    assert type(author) is T.Author and author.name == "Ann"
    assert author.extra_fields == {"event": "a"}
    unknown = parse({"event": "new_kind", "name": "x"})
    assert unknown == S.UnknownEvent("new_kind", {"event": "new_kind", "name": "x"})
    assert parse("text") == S.UnknownEvent(None, "text")
    plain = S.event_parser(dict[str, Any])
    assert plain({"k": 1}) == {"k": 1}


def sse_request(client: Any, body: str, parse: Any) -> Any:
    return client.request_stream(
        "POST", "/sse-echo", json={"sse": body}, parse_event=parse
    )


@pytest.mark.parametrize("kind", KINDS)
def test_stream_skips_keepalives_and_stops_at_done(
    rt: Runtime, server: LocalServer, kind: str
) -> None:
    body = (
        ": keep-alive comment\n\n"
        "event: ping\n\n"
        'data: {"event": "ping"}\n\n'
        'data: {"type": "ping"}\n\n'
        'data: {"event": "message", "answer": "Hi"}\n\n'
        "data: [DONE]\n\n"
        'data: {"event": "message", "answer": "after done"}\n\n'
    )

    async def scenario(client: Any) -> None:
        stream = await aw(sse_request(client, body, lambda v: v))
        assert await collect(stream) == [{"event": "message", "answer": "Hi"}]
        assert stream.response.is_closed

    run(rt, server, kind, scenario)


@pytest.mark.parametrize("kind", KINDS)
def test_error_event_raises(rt: Runtime, server: LocalServer, kind: str) -> None:
    E = rt.exceptions
    dify = (
        'data: {"event": "message", "answer": "Hel"}\n\n'
        'data: {"event": "error", "message_id": "m1", "status": 400, '
        '"code": "invalid_param", "message": "Bad input"}\n\n'
        'data: {"event": "message", "answer": "never read"}\n\n'
    )
    openai = 'data: {"error": {"message": "Overloaded", "code": "busy"}}\n\n'
    named = "event: error\ndata: upstream failed\n\n"

    async def scenario(client: Any) -> None:
        stream = await aw(sse_request(client, dify, lambda v: v))
        seen = []
        with pytest.raises(E.APIStreamError) as info:
            if hasattr(stream, "__aiter__"):
                async for event in stream:
                    seen.append(event)
            else:
                for event in stream:
                    seen.append(event)
        assert seen == [{"event": "message", "answer": "Hel"}]
        err = info.value
        assert isinstance(err, E.APIError) and not isinstance(err, E.APIStatusError)
        assert (err.status, err.code, err.message) == (
            400,
            "invalid_param",
            "Bad input",
        )
        assert err.body["message_id"] == "m1" and err.response.status_code == 200
        assert "invalid_param" in str(err) and stream.response.is_closed

        with pytest.raises(E.APIStreamError) as info:
            await collect(await aw(sse_request(client, openai, lambda v: v)))
        assert (info.value.status, info.value.code) == (None, "busy")
        assert info.value.message == "Overloaded"

        with pytest.raises(E.APIStreamError) as info:
            await collect(await aw(sse_request(client, named, lambda v: v)))
        assert info.value.message == "upstream failed" and info.value.code is None

    run(rt, server, kind, scenario)


@pytest.mark.parametrize("kind", KINDS)
def test_leaving_a_stream_early_closes_it(
    rt: Runtime, server: LocalServer, kind: str
) -> None:
    body = "".join(f'data: {{"n": {n}}}\n\n' for n in range(50))

    async def scenario(client: Any) -> None:
        stream = await aw(sse_request(client, body, lambda v: v["n"]))
        if hasattr(stream, "__aenter__"):
            async with stream:
                async for n in stream:
                    break
        else:
            with stream:
                for n in stream:
                    break
        assert n == 0 and stream.response.is_closed
        again = await aw(sse_request(client, body, lambda v: v["n"]))
        assert await collect(again) == list(range(50))

    run(rt, server, kind, scenario)


def test_a_loop_left_early_closes_the_stream_it_dropped(
    rt: Runtime, server: LocalServer
) -> None:
    """``for event in client.x(...): break``: once nothing refers to the stream, its
    connection is closed (no ``with`` needed on CPython)."""
    body = "".join(f'data: {{"n": {n}}}\n\n' for n in range(50))

    async def scenario(client: Any) -> None:
        stream = sse_request(client, body, lambda v: v["n"])
        response = stream.response
        for n in stream:
            break
        assert n == 0 and not response.is_closed  # still referenced: still open
        del stream
        assert response.is_closed

    run(rt, server, "sync", scenario)
