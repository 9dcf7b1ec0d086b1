"""Live tests of the generated Chatflow client's streaming (generated/chatflow/en) against the
loopback Dify server (chat.py), sync and async, as docs/client-contract.md describes them.

Every test ends with ``server.validation_errors == []`` (the ``server`` fixture): what the
client sends must match the spec.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from tests.packages import PackageImports
from tests.paths import GENERATED

from .server import DifyTestServer

USER = "abc-123"
CHATFLOW_DIR = GENERATED / "chatflow" / "en"


@pytest.fixture
def chat_sdk(generated_package: PackageImports) -> ModuleType:
    return generated_package(CHATFLOW_DIR, "dify_chatflow")


@pytest.fixture
def client(chat_sdk: ModuleType, server: DifyTestServer, api_key: str) -> Iterator[Any]:
    with chat_sdk.Client(
        api_key=api_key, base_url=server.base_url, timeout=5.0, max_retries=0
    ) as c:
        yield c


def async_client(sdk: ModuleType, server: DifyTestServer, api_key: str) -> Any:
    return sdk.AsyncClient(
        api_key=api_key, base_url=server.base_url, timeout=5.0, max_retries=0
    )


def sent(server: DifyTestServer) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(server.requests[-1].body)
    return body


def check_chat(sdk: ModuleType, events: list[Any], query: str) -> None:
    T = sdk.types
    names = [type(e).__name__ for e in events]
    assert names == [
        "StreamEventWorkflowStarted",
        "StreamEventNodeStarted",
        *["StreamEventChatMessage"] * len(f"You said: {query}".split()),
        "StreamEventNodeFinished",
        "StreamEventChatMessageEnd",
        "StreamEventWorkflowFinished",
    ]
    chunks = [e.answer for e in events if isinstance(e, T.StreamEventChatMessage)]
    assert "".join(chunks) == f"You said: {query}"
    end = next(e for e in events if isinstance(e, T.StreamEventChatMessageEnd))
    assert end.event == "message_end"
    assert end.metadata.usage.total_tokens == 3 + len(chunks)  # the server's count
    started = events[0]
    assert started.event == "workflow_started" and started.data.workflow_id == "wf-1"
    finished = events[-1]
    assert finished.data.status == "succeeded"
    # one conversation and message across the stream, as Dify sends them
    assert len({(e.conversation_id, e.message_id) for e in events}) == 1


def test_streamed_chat_message(
    chat_sdk: ModuleType, client: Any, server: DifyTestServer
) -> None:
    stream = client.chat_messages.create(
        query="hello big world", inputs={}, user=USER, response_mode="streaming"
    )
    assert isinstance(stream, chat_sdk.Stream)
    assert server.requests[-1].headers["accept"] == "text/event-stream"
    assert sent(server)["response_mode"] == "streaming"
    events = list(stream)
    check_chat(chat_sdk, events, "hello big world")
    assert stream.response.is_closed

    # the same method without the switch: the typed blocking response
    reply = client.chat_messages.create(
        query="hi", inputs={}, user=USER, conversation_id=events[0].conversation_id
    )
    assert type(reply) is chat_sdk.types.ChatCompletionResponse
    assert reply.answer == "You said: hi" and "response_mode" not in sent(server)
    assert reply.conversation_id == events[0].conversation_id

    # the run's events, streamed again: one workflow_finished for a finished run
    run_id = events[0].workflow_run_id
    (again,) = list(client.workflow.events.retrieve(run_id, user=USER))
    assert type(again) is chat_sdk.types.StreamEventWorkflowFinished
    assert again.workflow_run_id == run_id and again.data.status == "succeeded"


def test_error_event_inside_a_stream(
    chat_sdk: ModuleType, client: Any, server: DifyTestServer
) -> None:
    server.chat_stream.fail_next_stream(
        400, "completion_request_error", "Model is overloaded"
    )
    seen: list[Any] = []
    with pytest.raises(chat_sdk.APIStreamError) as info:
        for event in client.chat_messages.create(
            query="q one", inputs={}, user=USER, response_mode="streaming"
        ):
            seen.append(event)
    err = info.value
    assert isinstance(err, chat_sdk.APIError)
    assert (err.status, err.code) == (400, "completion_request_error")
    assert err.message == "Model is overloaded"
    assert err.response.status_code == 200 and err.response.is_closed
    # what came before the error: Dify's failure order (no message_end)
    assert [type(e).__name__ for e in seen][-2:] == [
        "StreamEventChatMessage",
        "StreamEventWorkflowFinished",
    ]
    assert seen[-1].data.status == "failed"


def test_leaving_a_stream_early_then_calling_again(
    chat_sdk: ModuleType, client: Any, server: DifyTestServer
) -> None:
    with client.chat_messages.create(
        query="a b c d e f", inputs={}, user=USER, response_mode="streaming"
    ) as stream:
        for event in stream:
            break
    assert type(event).__name__ == "StreamEventWorkflowStarted"
    assert stream.response.is_closed

    for event in client.chat_messages.create(
        query="x y", inputs={}, user=USER, response_mode="streaming"
    ):
        break  # the loop left without `with`: close() still works afterwards
    stream2 = client.chat_messages.create(
        query="x y", inputs={}, user=USER, response_mode="streaming"
    )
    first = next(stream2)
    stream2.close()
    assert stream2.response.is_closed and type(first) is type(event)

    events = list(
        client.chat_messages.create(
            query="once more", inputs={}, user=USER, response_mode="streaming"
        )
    )
    check_chat(chat_sdk, events, "once more")


def test_async_streaming(
    chat_sdk: ModuleType, server: DifyTestServer, api_key: str
) -> None:
    async def main() -> None:
        async with async_client(chat_sdk, server, api_key) as client:
            stream = await client.chat_messages.create(
                query="hello big world", inputs={}, user=USER, response_mode="streaming"
            )
            assert isinstance(stream, chat_sdk.AsyncStream)
            events = [e async for e in stream]
            check_chat(chat_sdk, events, "hello big world")

            server.chat_stream.fail_next_stream(400, "invalid_param", "Bad input")
            seen = []
            with pytest.raises(chat_sdk.APIStreamError) as info:
                async for event in await client.chat_messages.create(
                    query="q", inputs={}, user=USER, response_mode="streaming"
                ):
                    seen.append(event)
            assert (info.value.status, info.value.code) == (400, "invalid_param")
            assert seen and seen[-1].data.status == "failed"

            early = await client.chat_messages.create(
                query="a b c", inputs={}, user=USER, response_mode="streaming"
            )
            async with early:
                async for event in early:
                    break
            assert early.response.is_closed

            reply = await client.chat_messages.create(query="hi", inputs={}, user=USER)
            assert reply.answer == "You said: hi"
            run_id = events[0].workflow_run_id
            finished = [
                e
                async for e in await client.workflow.events.retrieve(run_id, user=USER)
            ]
            assert [e.event for e in finished] == ["workflow_finished"]

    asyncio.run(main())


def test_unknown_event_is_kept(
    chat_sdk: ModuleType, client: Any, server: DifyTestServer
) -> None:
    body = (
        'data: {"event": "brand_new", "conversation_id": "c", "x": [1]}\n\n'
        'data: {"event": "message", "answer": "ok", "conversation_id": "c"}\n\n'
    )
    server.inject(200, body.encode(), content_type="text/event-stream", method="POST")
    events = list(
        client.chat_messages.create(
            query="q", inputs={}, user=USER, response_mode="streaming"
        )
    )
    unknown, message = events
    assert unknown == chat_sdk.UnknownEvent(
        "brand_new", {"event": "brand_new", "conversation_id": "c", "x": [1]}
    )
    assert type(message) is chat_sdk.types.StreamEventChatMessage
    assert message.answer == "ok"
