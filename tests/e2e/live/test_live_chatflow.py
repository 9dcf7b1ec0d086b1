"""Live tests of the generated Chatflow client (generated/chatflow/en) against the loopback
Dify server, sync and async: message history paging, file uploads in every form, binary
responses streamed to a file, stopping a generation, per-call options, request ids on
errors. Every request must match the spec (checked by the ``server`` fixture)."""

from __future__ import annotations

import asyncio
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .chat import AUDIO_SIZE, speech
from .seed import DEFAULT_USER, conversation_id, make_message
from .server import DifyTestServer

CID = conversation_id(10)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture
def history(server: DifyTestServer) -> DifyTestServer:
    """Conversation CID with messages q1..q5 (q5 the latest)."""
    server.chat.add_messages(
        CID, [make_message(n, conversation=CID) for n in range(1, 6)]
    )
    return server


@pytest.fixture
def client(
    chatflow_sdk: ModuleType, server: DifyTestServer, api_key: str
) -> Iterator[Any]:
    with chatflow_sdk.Client(
        api_key=api_key, base_url=server.base_url, timeout=5.0, max_retries=0
    ) as c:
        yield c


def make_async(sdk: ModuleType, server: DifyTestServer, api_key: str, **kw: Any) -> Any:
    options: dict[str, Any] = {"timeout": 5.0, "max_retries": 0, **kw}
    return sdk.AsyncClient(api_key=api_key, base_url=server.base_url, **options)


def cursors(server: DifyTestServer, path: str, name: str) -> list[str | None]:
    """The cursor sent by each request to ``path`` (None: not sent)."""
    return [
        (r.query.get(name) or [None])[0]
        for r in server.requests
        if r.path.endswith(path)
    ]


# -- paging --------------------------------------------------------------------------------


def test_history_pages_yield_each_message_once(
    history: DifyTestServer, client: Any
) -> None:
    queries = [m.query for m in client.messages.list(conversation_id=CID, limit=2)]
    # newest page first, each page oldest first, then older pages: no repeats
    assert queries == ["q4", "q5", "q2", "q3", "q1"]
    first_ids = cursors(history, "/messages", "first_id")
    ids = {
        m["query"]: m["id"]
        for m in (make_message(n, conversation=CID) for n in range(1, 6))
    }
    # the cursor of the next page is the first (oldest) item of the current page
    assert first_ids == [None, ids["q4"], ids["q2"]]


def test_page_navigation(history: DifyTestServer, client: Any) -> None:
    page = client.messages.list(conversation_id=CID, limit=3)
    assert [m.query for m in page.data] == ["q3", "q4", "q5"]
    assert page.has_next_page()
    older = page.get_next_page()
    assert [m.query for m in older.data] == ["q1", "q2"]
    assert not older.has_next_page() and older.has_more is False
    with pytest.raises(RuntimeError, match="no next page"):
        older.get_next_page()
    assert [[m.query for m in p.data] for p in page.iter_pages()] == [
        ["q3", "q4", "q5"],
        ["q1", "q2"],
    ]


def test_async_for_directly_on_the_list_call(
    chatflow_sdk: ModuleType, history: DifyTestServer, api_key: str
) -> None:
    async def main() -> tuple[list[str], list[str], list[list[str]]]:
        async with make_async(chatflow_sdk, history, api_key) as client:
            direct = [
                m.query
                async for m in client.messages.list(conversation_id=CID, limit=2)
            ]
            page = await client.messages.list(conversation_id=CID, limit=2)
            items = [m.query async for m in page]
            pages = [[m.query for m in p.data] async for p in page.iter_pages()]
            return direct, items, pages

    direct, items, pages = asyncio.run(main())
    assert direct == items == ["q4", "q5", "q2", "q3", "q1"]
    assert pages == [["q4", "q5"], ["q2", "q3"], ["q1"]]


def test_unknown_first_id_is_a_not_found(
    history: DifyTestServer, client: Any, chatflow_sdk: ModuleType
) -> None:
    with pytest.raises(chatflow_sdk.NotFoundError) as info:
        client.messages.list(conversation_id=CID, first_id=conversation_id(99))
    assert info.value.message == "First Message Not Exists."


# -- files ---------------------------------------------------------------------------------


def _upload_parts(server: DifyTestServer) -> list[tuple[str, str, bytes]]:
    """(file name, content type, bytes) of every file stored, in upload order."""
    return [(f["name"], f["mime_type"], f["data"]) for f in server.chat.files.values()]


def test_upload_every_file_form(
    server: DifyTestServer, client: Any, tmp_path: Path
) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(PNG)
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4 report")
    results = [
        client.files.upload(file=path, user=DEFAULT_USER),
        client.files.upload(file=str(report), user=DEFAULT_USER),
        client.files.upload(file=b"raw bytes"),
        client.files.upload(file=io.BytesIO(b"from memory")),
        client.files.upload(file=path.open("rb")),
        client.files.upload(file=("notes.txt", b"hello", "text/markdown")),
        client.files.upload(file=("audio.mp3", path)),
    ]
    assert _upload_parts(server) == [
        ("photo.png", "image/png", PNG),
        ("report.pdf", "application/pdf", b"%PDF-1.4 report"),
        ("upload", "application/octet-stream", b"raw bytes"),
        ("upload", "application/octet-stream", b"from memory"),
        ("photo.png", "image/png", PNG),
        ("notes.txt", "text/markdown", b"hello"),
        ("audio.mp3", "audio/mpeg", PNG),
    ]
    first = results[0]
    assert (first.name, first.size, first.extension, first.mime_type) == (
        "photo.png",
        len(PNG),
        "png",
        "image/png",
    )


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_upload_from_path_is_retried_and_closed(
    chatflow_sdk: ModuleType, server: DifyTestServer, api_key: str, tmp_path: Path
) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(PNG)
    server.inject(
        503, {"status": 503, "code": "busy", "message": "busy"}, path="/files"
    )
    with chatflow_sdk.Client(
        api_key=api_key,
        base_url=server.base_url,
        max_retries=1,
        retry_non_idempotent=True,
    ) as client:
        client.retry_backoff_base = 0.01
        assert client.files.upload(file=path).size == len(PNG)
    uploads = [r for r in server.requests if r.path.endswith("/files/upload")]
    assert len(uploads) == 2 and uploads[0].body == uploads[1].body
    assert _upload_parts(server) == [("photo.png", "image/png", PNG)]
    open_files = [
        os.readlink(fd) for fd in Path("/proc/self/fd").iterdir() if fd.is_symlink()
    ]
    assert str(path) not in open_files


def test_async_upload_from_path(
    chatflow_sdk: ModuleType, server: DifyTestServer, api_key: str, tmp_path: Path
) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(PNG)

    async def main() -> Any:
        async with make_async(chatflow_sdk, server, api_key) as client:
            return await client.files.upload(file=path, user=DEFAULT_USER)

    assert asyncio.run(main()).size == len(PNG)
    assert _upload_parts(server) == [("photo.png", "image/png", PNG)]


def test_file_preview_bytes_and_streamed(
    server: DifyTestServer, client: Any, tmp_path: Path
) -> None:
    uploaded = client.files.upload(file=("photo.png", PNG, "image/png"))
    assert client.files.preview(uploaded.id) == PNG
    with client.files.with_streaming_response.preview(uploaded.id) as response:
        assert response.headers["content-type"] == "image/png"
        assert b"".join(response.iter_bytes()) == PNG


# -- binary responses ----------------------------------------------------------------------


def test_text_to_audio_bytes(server: DifyTestServer, client: Any) -> None:
    audio = client.text_to_audio.create(text="Hello", user=DEFAULT_USER)
    assert audio == speech("Hello")


def test_text_to_audio_streamed_to_a_file(
    server: DifyTestServer, client: Any, tmp_path: Path
) -> None:
    target = tmp_path / "hello.mp3"
    with client.text_to_audio.with_streaming_response.create(
        text="Hello", user=DEFAULT_USER
    ) as response:
        assert response.status_code == 200
        # nothing is read before asked: the body is still on the wire
        assert not response.http_response.is_stream_consumed
        response.write_to_file(target)
    assert target.read_bytes() == speech("Hello")
    assert len(speech("Hello")) == AUDIO_SIZE
    assert response.http_response.is_closed


def test_text_to_audio_in_chunks(server: DifyTestServer, client: Any) -> None:
    with client.text_to_audio.with_streaming_response.create(text="Hi") as response:
        chunks = list(response.iter_bytes(chunk_size=16 * 1024))
    assert len(chunks) == AUDIO_SIZE // (16 * 1024)
    assert b"".join(chunks) == speech("Hi")


def test_async_text_to_audio_streamed_to_a_file(
    chatflow_sdk: ModuleType, server: DifyTestServer, api_key: str, tmp_path: Path
) -> None:
    target = tmp_path / "hello.mp3"

    async def main() -> None:
        async with make_async(chatflow_sdk, server, api_key) as client:
            streaming = client.text_to_audio.with_streaming_response
            async with streaming.create(text="Hello") as response:
                await response.write_to_file(target)

    asyncio.run(main())
    assert target.read_bytes() == speech("Hello")


def test_streaming_response_of_a_json_method_parses(
    history: DifyTestServer, client: Any
) -> None:
    with client.files.with_streaming_response.upload(file=b"x") as response:
        assert response.status_code == 201
        assert response.parse().size == 1


# -- stopping a generation -----------------------------------------------------------------


def test_stop_generation(
    chatflow_sdk: ModuleType, server: DifyTestServer, client: Any, api_key: str
) -> None:
    task = "c3800678-a077-43df-a102-53f23ed20b88"
    assert client.chat_messages.stop(task, user=DEFAULT_USER).result == "success"

    async def main() -> Any:
        async with make_async(chatflow_sdk, server, api_key) as aclient:
            return await aclient.chat_messages.stop(task, user="someone-else")

    assert asyncio.run(main()).result == "success"
    assert server.chat.stopped == [(task, DEFAULT_USER), (task, "someone-else")]


# -- per-call options ----------------------------------------------------------------------


def test_extra_headers_and_query_reach_the_server(
    history: DifyTestServer, client: Any
) -> None:
    client.messages.list(
        conversation_id=CID,
        extra_headers={"X-Trace": "t-1", "Authorization": f"Bearer {history.api_key}"},
        extra_query={"user": DEFAULT_USER},
    )
    sent = history.requests[-1]
    assert sent.headers["x-trace"] == "t-1"
    assert sent.query["user"] == [DEFAULT_USER]


def test_async_extra_headers_query_and_body_reach_the_server(
    chatflow_sdk: ModuleType, history: DifyTestServer, api_key: str
) -> None:
    async def main() -> None:
        async with make_async(chatflow_sdk, history, api_key) as client:
            listing = client.messages.list(
                conversation_id=CID,
                extra_headers={"X-Trace": "t-2"},
                extra_query={"user": DEFAULT_USER},
            )
            assert [m.query async for m in listing] == ["q1", "q2", "q3", "q4", "q5"]
            await client.chat_messages.stop(
                "task-2", user=DEFAULT_USER, extra_body={"reason": "y"}
            )

    asyncio.run(main())
    listed, stopped = history.requests
    assert listed.headers["x-trace"] == "t-2" and listed.query["user"] == [DEFAULT_USER]
    assert json.loads(stopped.body) == {"user": DEFAULT_USER, "reason": "y"}


def test_extra_body_is_merged_into_the_json_object(
    server: DifyTestServer, client: Any
) -> None:
    client.chat_messages.stop("task-1", user=DEFAULT_USER, extra_body={"reason": "x"})
    assert json.loads(server.requests[-1].body) == {"user": DEFAULT_USER, "reason": "x"}


def test_per_call_timeout(
    chatflow_sdk: ModuleType, history: DifyTestServer, client: Any, api_key: str
) -> None:
    history.delay_next(0.5, path="/messages")
    with pytest.raises(chatflow_sdk.APITimeoutError):
        client.messages.list(conversation_id=CID, timeout=0.1)
    # a longer per-call timeout wins over the client's short one
    short = client.with_options(timeout=0.1)
    history.delay_next(0.3, path="/messages")
    assert len(short.messages.list(conversation_id=CID, timeout=5.0).data) == 5

    async def main() -> None:
        async with make_async(chatflow_sdk, history, api_key) as aclient:
            history.delay_next(0.5, path="/messages")
            with pytest.raises(chatflow_sdk.APITimeoutError):
                await aclient.messages.list(conversation_id=CID, timeout=0.1)

    asyncio.run(main())


def test_with_options_api_key_base_url_headers(
    chatflow_sdk: ModuleType, history: DifyTestServer, api_key: str
) -> None:
    with chatflow_sdk.Client(
        api_key="wrong", base_url="http://127.0.0.1:9/v1", max_retries=0
    ) as wrong:
        fixed = wrong.with_options(
            api_key=api_key, base_url=history.base_url, default_headers={"X-App": "a"}
        )
        assert len(fixed.messages.list(conversation_id=CID).data) == 5
        assert history.requests[-1].headers["x-app"] == "a"
        assert wrong.api_key == "wrong"


# -- errors --------------------------------------------------------------------------------


def test_request_id_and_request_on_an_error(
    chatflow_sdk: ModuleType, server: DifyTestServer, client: Any
) -> None:
    server.inject(
        404,
        {
            "status": 404,
            "code": "file_not_found",
            "message": "The requested file was not found.",
        },
        headers={"X-Request-Id": "req-42"},
    )
    with pytest.raises(chatflow_sdk.NotFoundError) as info:
        client.files.preview("a1b2c3d4-5678-90ab-cdef-1234567890ab")
    err = info.value
    assert err.request_id == "req-42"
    assert err.request.method == "GET"
    assert (
        err.request.url.path == "/v1/files/a1b2c3d4-5678-90ab-cdef-1234567890ab/preview"
    )
    # without the header there is no request id
    with pytest.raises(chatflow_sdk.NotFoundError) as again:
        client.files.preview("a1b2c3d4-5678-90ab-cdef-1234567890ab")
    assert again.value.request_id is None


def test_request_id_on_an_async_error(
    chatflow_sdk: ModuleType, server: DifyTestServer, api_key: str
) -> None:
    server.inject(
        500,
        {"status": 500, "code": "internal_server_error", "message": "boom"},
        headers={"X-Request-Id": "req-7"},
    )

    async def main() -> Any:
        async with make_async(chatflow_sdk, server, api_key) as client:
            try:
                await client.text_to_audio.create(text="x")
            except chatflow_sdk.InternalServerError as exc:
                return exc
        return None

    err = asyncio.run(main())
    assert (
        err is not None
        and err.request_id == "req-7"
        and err.code == "internal_server_error"
    )
