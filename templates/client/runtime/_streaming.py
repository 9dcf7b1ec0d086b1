"""Streamed responses decoded into typed events: server-sent events
(``text/event-stream``) and JSON Lines (``application/jsonl``, NDJSON: a value per
line).

The decoder follows the WHATWG rules for event streams: lines end with LF, CR or CRLF
(httpx splits them), a line starting with ``:`` is a comment, ``data`` lines join with
LF, an empty line dispatches the event (none without data), ``id`` persists across
events (ignored when it holds NUL), ``retry`` takes digits only, a leading BOM is
dropped. Our own decoder rather than a library so the package needs httpx alone.

On top of that, ``Stream`` and ``AsyncStream``: a keep-alive ``ping`` event is skipped,
an ``error`` event raises ``APIStreamError`` (the HTTP status of a stream is a success
before the error happens), ``data: [DONE]`` ends the stream, and every other event is
parsed by the operation's parser. Leaving the stream's ``with`` block, ``close()`` or
iterating it to the end closes the connection.
"""

from __future__ import annotations

import json
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Callable,
    Generator,
    Iterator,
    Mapping,
)
from types import TracebackType
from typing import TYPE_CHECKING, Annotated, Any, Generic, NamedTuple, TypeVar

from ._exceptions import APIStreamError

if TYPE_CHECKING:
    import httpx
else:
    from ._lazy import httpx


__all__ = [
    "ServerSentEvent",
    "SSEDecoder",
    "UnknownEvent",
    "event_parser",
    "iter_sse",
    "aiter_sse",
    "Stream",
    "AsyncStream",
]

_T = TypeVar("_T")
KEEP_ALIVE = "ping"
ERROR = "error"
_DONE = "[DONE]"
_TAGS = ("event", "type")  # the payload keys that name an event, when it has one


class ServerSentEvent(NamedTuple):
    event: str | None
    data: str
    id: str | None
    retry: int | None


class SSEDecoder:
    """Turns lines (without line terminators) into events, per the SSE rules."""

    def __init__(self) -> None:
        self._event: str | None = None
        self._data: list[str] = []
        self._id: str | None = None
        self._retry: int | None = None
        self._first = True

    def decode(self, line: str) -> ServerSentEvent | None:
        """Feeds one line; returns the event an empty line completes."""
        if self._first:
            self._first = False
            line = line.removeprefix("\ufeff")
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
        """The pending event (None without data lines), and a reset for the next one."""
        data, event = self._data, self._event
        self._event, self._data = None, []
        if not data:
            return None
        return ServerSentEvent(event, "\n".join(data), self._id, self._retry)


def iter_sse(lines: Iterator[str]) -> Iterator[ServerSentEvent]:
    """The events of an event stream given as lines."""
    decoder = SSEDecoder()
    for line in lines:
        sse = decoder.decode(line.rstrip("\r\n"))
        if sse is not None:
            yield sse
    sse = decoder.flush()
    if sse is not None:
        yield sse


async def aiter_sse(lines: AsyncIterator[str]) -> AsyncIterator[ServerSentEvent]:
    """Async variant of ``iter_sse``."""
    decoder = SSEDecoder()
    async for line in lines:
        sse = decoder.decode(line.rstrip("\r\n"))
        if sse is not None:
            yield sse
    sse = decoder.flush()
    if sse is not None:
        yield sse


class UnknownEvent:
    """An event the API description does not know: its name and its data as sent."""

    __slots__ = ("event", "data")

    def __init__(self, event: str | None, data: Any) -> None:
        self.event = event
        self.data = data

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UnknownEvent):
            return NotImplemented
        return (self.event, self.data) == (other.event, other.data)

    def __repr__(self) -> str:
        return f"UnknownEvent(event={self.event!r}, data={self.data!r})"


def _tag(value: Any) -> str | None:
    if isinstance(value, Mapping):
        for key in _TAGS:
            if isinstance(value.get(key), str):
                return str(value[key])
    return None


def _discriminator(tp: Any) -> tuple[str, Mapping[str, str]] | None:
    """(property, {value: class}) of the first ``Discriminated`` union in ``tp``."""
    import typing

    from ._models import Discriminated

    todo = [tp]
    while todo:
        node = todo.pop(0)
        for meta in getattr(node, "__metadata__", ()):
            if isinstance(meta, Discriminated):
                return meta.property, meta.classes
        todo.extend(typing.get_args(node))
    return None


def event_parser(
    tp: Any, prop: str | None = None, classes: Mapping[str, str] | None = None
) -> Callable[[Any], Any]:
    """A parser of event data into ``tp``; an event whose discriminator value
    ``tp`` does not name becomes an ``UnknownEvent`` holding the data as sent.

    With ``prop`` and ``classes``, ``tp`` (a union of event classes) is discriminated by
    the property ``prop``, whose values name the classes (``Discriminated``).
    """
    from ._models import Discriminated, convert

    if prop is not None:
        tp = Annotated[tp, Discriminated(prop, classes or {})]
    found = _discriminator(tp)

    def parse(value: Any) -> Any:
        if found is not None:
            prop, classes = found
            tag = value.get(prop) if isinstance(value, Mapping) else None
            if str(tag) not in classes:
                return UnknownEvent(None if tag is None else str(tag), value)
        return convert(value, tp)

    return parse


def _data(sse: ServerSentEvent) -> Any:
    """The JSON value of an event's data (the text when it is not JSON)."""
    try:
        return json.loads(sse.data)
    except ValueError:
        return sse.data


def _error(response: httpx.Response, value: Any) -> APIStreamError:
    source = value if isinstance(value, Mapping) else {"message": value}
    if isinstance(source.get("error"), Mapping):  # {"error": {"message": ...}}
        source = source["error"]
    status = source.get("status")
    code = source.get("code")
    return APIStreamError(
        str(source.get("message") or "the stream reported an error"),
        response=response,
        body=value,
        status=status if isinstance(status, int) else None,
        code=None if code is None else str(code),
    )


class _Events:
    """What to do with each event: skip it, raise, stop, or parse it."""

    def __init__(self, response: httpx.Response, parse: Callable[[Any], Any]) -> None:
        self.response = response
        self.parse = parse

    def handle(self, sse: ServerSentEvent) -> tuple[bool, Any]:
        """(keep going, the parsed event or _SKIP)."""
        if sse.data == _DONE:
            return False, _SKIP
        value = _data(sse)
        names = {sse.event, _tag(value)}
        if KEEP_ALIVE in names:
            return True, _SKIP
        only_error = isinstance(value, Mapping) and set(value) == {"error"}
        if ERROR in names or only_error:
            raise _error(self.response, value)
        return True, self.parse(value)


_SKIP = object()


# a JSON value per line: each line is an event's data
_LINE_JSON = (
    "application/jsonl",
    "application/x-jsonlines",
    "application/jsonlines",
    "application/x-ndjson",
    "application/ndjson",
)


def _kind(response: httpx.Response) -> str:
    """``sse``, ``lines`` (JSON Lines) or ``json`` (one body)."""
    header = response.headers.get("content-type", "")
    content_type = header.split(";")[0].strip().lower()
    if content_type == "text/event-stream":
        return "sse"
    return "lines" if content_type in _LINE_JSON else "json"


def _line_events(lines: Iterator[str]) -> Iterator[ServerSentEvent]:
    for line in lines:
        if line.strip():
            yield ServerSentEvent(None, line, None, None)


async def _aline_events(lines: AsyncIterator[str]) -> AsyncIterator[ServerSentEvent]:
    async for line in lines:
        if line.strip():
            yield ServerSentEvent(None, line, None, None)


def _iterate(response: httpx.Response, events: _Events) -> Generator[Any, None, None]:
    try:
        kind = _kind(response)
        if kind == "json":
            response.read()
            yield events.parse(response.json())
            return
        lines = response.iter_lines()
        found = iter_sse(lines) if kind == "sse" else _line_events(lines)
        for sse in found:
            more, event = events.handle(sse)
            if not more:
                break
            if event is not _SKIP:
                yield event
    finally:
        response.close()


async def _aiterate(
    response: httpx.Response, events: _Events
) -> AsyncGenerator[Any, None]:
    try:
        kind = _kind(response)
        if kind == "json":
            await response.aread()
            yield events.parse(response.json())
            return
        lines = response.aiter_lines()
        found = aiter_sse(lines) if kind == "sse" else _aline_events(lines)
        async for sse in found:
            more, event = events.handle(sse)
            if not more:
                break
            if event is not _SKIP:
                yield event
    finally:
        await response.aclose()


class Stream(Generic[_T]):
    """Iterator over the parsed events of a streamed response; closes it when done.

    A JSON (not event-stream) response yields its body as a single event.
    """

    def __init__(
        self, response: httpx.Response, parse_event: Callable[[Any], _T]
    ) -> None:
        self.response = response
        # the generator does not refer to the stream: dropping the stream (a loop left
        # early) finalizes the generator at once, which closes the response
        self._iterator: Generator[_T, None, None] = _iterate(
            response, _Events(response, parse_event)
        )

    def __iter__(self) -> Iterator[_T]:
        return self

    def __next__(self) -> _T:
        return next(self._iterator)

    def close(self) -> None:
        """Closes the connection (the events not read yet are dropped)."""
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
    """Async variant of ``Stream``: ``async with`` / ``aclose()`` close it early."""

    def __init__(
        self, response: httpx.Response, parse_event: Callable[[Any], _T]
    ) -> None:
        self.response = response
        self._iterator: AsyncGenerator[_T, None] = _aiterate(
            response, _Events(response, parse_event)
        )

    def __aiter__(self) -> AsyncIterator[_T]:
        return self

    async def __anext__(self) -> _T:
        return await self._iterator.__anext__()

    async def aclose(self) -> None:
        """Closes the connection (the events not read yet are dropped)."""
        await self._iterator.aclose()
        await self.response.aclose()

    close = aclose

    async def __aenter__(self) -> AsyncStream[_T]:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
