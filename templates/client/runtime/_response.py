"""Access to the raw HTTP response of a call: ``resource.with_raw_response.x(...)``."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Generic, ParamSpec, TypeVar

if TYPE_CHECKING:
    import httpx
else:
    from ._lazy import httpx


__all__ = [
    "APIResponse",
    "to_raw_response_wrapper",
    "async_to_raw_response_wrapper",
    "record_response",
]

_T = TypeVar("_T")
_P = ParamSpec("_P")


class _Holder:
    response: httpx.Response | None = None


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
