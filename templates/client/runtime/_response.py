"""Access to the HTTP response of a call.

``resource.with_raw_response.x(...)`` returns the parsed result with the response it
came from; ``resource.with_streaming_response.x(...)`` is a context manager giving the
response before its body is read (``iter_bytes()``, ``write_to_file(path)``,
``parse()``), so a large body never has to sit in memory.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar

if TYPE_CHECKING:
    import httpx
else:
    from ._lazy import httpx


__all__ = [
    "APIResponse",
    "to_raw_response_wrapper",
    "async_to_raw_response_wrapper",
    "record_response",
    "StreamedResponse",
    "AsyncStreamedResponse",
    "to_streamed_response_wrapper",
    "async_to_streamed_response_wrapper",
    "streaming_requested",
    "defer_parse",
]

_T = TypeVar("_T")
_P = ParamSpec("_P")


class _Holder:
    response: httpx.Response | None = None
    stream = False  # with_streaming_response: the body is not read by the call
    parse: Callable[[httpx.Response], Any] | None = None


_last_response: ContextVar[_Holder | None] = ContextVar("_last_response", default=None)


def record_response(response: httpx.Response) -> None:
    """Called by the client with every final response while a wrapper is active."""
    holder = _last_response.get()
    if holder is not None:
        holder.response = response


class APIResponse(Generic[_T]):
    """A parsed result together with the HTTP response it was parsed from."""

    def __init__(self, http_response: httpx.Response, parsed: _T) -> None:
        self.http_response = http_response
        self._parsed = parsed

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    def parse(self) -> _T:
        return self._parsed

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.http_response.url}>"


def streaming_requested() -> bool:
    """True inside ``with_streaming_response``: send, but do not read the body."""
    holder = _last_response.get()
    return holder is not None and holder.stream


def defer_parse(parse: Callable[[httpx.Response], Any]) -> Any:
    """Keeps ``parse`` for ``StreamedResponse.parse()``; the call's result is unused."""
    holder = _last_response.get()
    if holder is not None:
        holder.parse = parse


class StreamedResponse(Generic[_T]):
    """A response whose body is read only when asked, in chunks or at once."""

    def __init__(
        self, http_response: httpx.Response, parse: Callable[[httpx.Response], _T]
    ) -> None:
        self.http_response = http_response
        self._parse = parse

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The body in chunks, as they arrive."""
        return self.http_response.iter_bytes(chunk_size)

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Writes the body to ``file`` chunk by chunk."""
        with open(file, "wb") as out:
            for chunk in self.http_response.iter_bytes():
                out.write(chunk)

    def read(self) -> bytes:
        """The whole body."""
        return self.http_response.read()

    def parse(self) -> _T:
        """Reads the body and parses it as the method would have."""
        self.http_response.read()
        return self._parse(self.http_response)

    def close(self) -> None:
        self.http_response.close()

    def __repr__(self) -> str:
        return f"<StreamedResponse [{self.status_code}] {self.http_response.url}>"


class AsyncStreamedResponse(Generic[_T]):
    """Async variant of ``StreamedResponse``."""

    def __init__(
        self, http_response: httpx.Response, parse: Callable[[httpx.Response], _T]
    ) -> None:
        self.http_response = http_response
        self._parse = parse

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    async def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """The body in chunks, as they arrive."""
        async for chunk in self.http_response.aiter_bytes(chunk_size):
            yield chunk

    async def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Writes the body to ``file`` chunk by chunk."""
        with open(file, "wb") as out:
            async for chunk in self.http_response.aiter_bytes():
                out.write(chunk)

    async def read(self) -> bytes:
        """The whole body."""
        return await self.http_response.aread()

    async def parse(self) -> _T:
        """Reads the body and parses it as the method would have."""
        await self.http_response.aread()
        return self._parse(self.http_response)

    async def close(self) -> None:
        await self.http_response.aclose()

    def __repr__(self) -> str:
        return f"<AsyncStreamedResponse [{self.status_code}] {self.http_response.url}>"


def _streamed(
    holder: _Holder,
) -> tuple[httpx.Response, Callable[[httpx.Response], Any]]:
    if holder.response is None or holder.parse is None:
        raise RuntimeError("the wrapped call did not send a request")
    return holder.response, holder.parse


def to_streamed_response_wrapper(
    fn: Callable[_P, _T],
) -> Callable[_P, contextlib.AbstractContextManager[StreamedResponse[_T]]]:
    """``fn`` as a context manager giving its response unread; closed on exit."""

    @contextlib.contextmanager
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> Iterator[StreamedResponse[_T]]:
        holder = _Holder()
        holder.stream = True
        token = _last_response.set(holder)
        try:
            fn(*args, **kwargs)
        finally:
            _last_response.reset(token)
        streamed = StreamedResponse[_T](*_streamed(holder))
        try:
            yield streamed
        finally:
            streamed.close()

    return wrapped


def async_to_streamed_response_wrapper(
    fn: Callable[_P, Awaitable[_T]],
) -> Callable[_P, contextlib.AbstractAsyncContextManager[AsyncStreamedResponse[_T]]]:
    """Async variant of ``to_streamed_response_wrapper``."""

    @contextlib.asynccontextmanager
    async def wrapped(
        *args: _P.args, **kwargs: _P.kwargs
    ) -> AsyncIterator[AsyncStreamedResponse[_T]]:
        holder = _Holder()
        holder.stream = True
        token = _last_response.set(holder)
        try:
            await fn(*args, **kwargs)
        finally:
            _last_response.reset(token)
        streamed = AsyncStreamedResponse[_T](*_streamed(holder))
        try:
            yield streamed
        finally:
            await streamed.close()

    return wrapped


def _result(holder: _Holder, parsed: _T) -> APIResponse[_T]:
    if holder.response is None:
        raise RuntimeError("the wrapped call did not send a request")
    return APIResponse(holder.response, parsed)


def to_raw_response_wrapper(fn: Callable[_P, _T]) -> Callable[_P, APIResponse[_T]]:
    """``fn`` returning an ``APIResponse`` around its result instead."""

    @functools.wraps(fn)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> APIResponse[_T]:
        holder = _Holder()
        token = _last_response.set(holder)
        try:
            parsed = fn(*args, **kwargs)
        finally:
            _last_response.reset(token)
        return _result(holder, parsed)

    return wrapped


def async_to_raw_response_wrapper(
    fn: Callable[_P, Awaitable[_T]],
) -> Callable[_P, Awaitable[APIResponse[_T]]]:
    """Async variant of ``to_raw_response_wrapper``."""

    @functools.wraps(fn)
    async def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> APIResponse[_T]:
        holder = _Holder()
        token = _last_response.set(holder)
        try:
            parsed = await fn(*args, **kwargs)
        finally:
            _last_response.reset(token)
        return _result(holder, parsed)

    return wrapped
