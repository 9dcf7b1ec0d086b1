"""Server-sent events: decoding of ``text/event-stream`` responses."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

if TYPE_CHECKING:
    import httpx
else:
    from ._lazy import httpx


__all__ = [
    "ServerSentEvent",
    "SSEDecoder",
    "iter_sse_data",
    "aiter_sse_data",
    "Stream",
    "AsyncStream",
]

_T = TypeVar("_T")


class ServerSentEvent(NamedTuple):
    event: str | None
    data: str
    id: str | None
    retry: int | None


class SSEDecoder:
    """Turns lines (without line terminators) into events, per the SSE spec."""

    def __init__(self) -> None:
        self._event: str | None = None
        self._data: list[str] = []
        self._id: str | None = None
        self._retry: int | None = None

    def decode(self, line: str) -> ServerSentEvent | None:
        """Feeds one line; returns the event an empty line completes."""
        if not line:
            return self.flush()
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id" and "\0" not in value:
            self._id = value
        elif name == "retry" and value.isdigit():
            self._retry = int(value)
        return None

    def flush(self) -> ServerSentEvent | None:
        """The pending event, if any, and a reset for the next one."""
        if not self._data and self._event is None and self._retry is None:
            return None
        sse = ServerSentEvent(self._event, "\n".join(self._data), self._id, self._retry)
        self._event, self._data, self._retry = None, [], None
        return sse


def _payloads(sse: ServerSentEvent | None) -> list[Any]:
    """The JSON value of an event's data (a str when not JSON); [] without data."""
    if sse is None or not sse.data or sse.data == "[DONE]":
        return []
    try:
        return [json.loads(sse.data)]
    except ValueError:
        return [sse.data]


def iter_sse_data(lines: Iterator[str]) -> Iterator[Any]:
    """The decoded ``data:`` payloads of an event stream; events without data
    (e.g. ``event: ping``) are skipped."""
    decoder = SSEDecoder()
    for line in lines:
        yield from _payloads(decoder.decode(line.rstrip("\r\n")))
    yield from _payloads(decoder.flush())


async def aiter_sse_data(lines: AsyncIterator[str]) -> AsyncIterator[Any]:
    """Async variant of ``iter_sse_data``."""
    decoder = SSEDecoder()
    async for line in lines:
        for value in _payloads(decoder.decode(line.rstrip("\r\n"))):
            yield value
    for value in _payloads(decoder.flush()):
        yield value


def _is_event_stream(response: httpx.Response) -> bool:
    return "text/event-stream" in response.headers.get("content-type", "")


class Stream(Generic[_T]):
    """Iterator over the parsed events of a streamed response; closes it when done.

    A JSON (non event-stream) response yields its body as a single event.
    """

    def __init__(
        self, response: httpx.Response, parse_event: Callable[[Any], _T]
    ) -> None:
        self.response = response
        self._parse_event = parse_event
        self._iterator = self._events()

    def _events(self) -> Generator[_T, None, None]:
        try:
            if _is_event_stream(self.response):
                for value in iter_sse_data(self.response.iter_lines()):
                    yield self._parse_event(value)
            else:
                self.response.read()
                yield self._parse_event(self.response.json())
        finally:
            self.response.close()

    def __iter__(self) -> Iterator[_T]:
        return self

    def __next__(self) -> _T:
        return next(self._iterator)

    def close(self) -> None:
        self._iterator.close()
        self.response.close()

    def __enter__(self) -> Stream[_T]:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncStream(Generic[_T]):
    """Async variant of ``Stream``."""

    def __init__(
        self, response: httpx.Response, parse_event: Callable[[Any], _T]
    ) -> None:
        self.response = response
        self._parse_event = parse_event
        self._iterator = self._events()

    async def _events(self) -> AsyncGenerator[_T, None]:
        try:
            if _is_event_stream(self.response):
                async for value in aiter_sse_data(self.response.aiter_lines()):
                    yield self._parse_event(value)
            else:
                await self.response.aread()
                yield self._parse_event(self.response.json())
        finally:
            await self.response.aclose()

    def __aiter__(self) -> AsyncIterator[_T]:
        return self

    async def __anext__(self) -> _T:
        return await self._iterator.__anext__()

    async def aclose(self) -> None:
        await self._iterator.aclose()
        await self.response.aclose()

    async def __aenter__(self) -> AsyncStream[_T]:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
