"""Cursor pagination: iterate the items of every page, fetching pages on demand."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Generic, TypeVar

__all__ = ["SyncCursorPage", "AsyncCursorPage"]

ItemT = TypeVar("ItemT")
PageT = TypeVar("PageT")


class _BasePage(Generic[ItemT, PageT]):
    def __init__(
        self,
        *,
        page: PageT,
        items: Callable[[PageT], Sequence[ItemT] | None],
        has_more: Callable[[PageT], bool | None],
        cursor: Callable[[ItemT], object],
    ) -> None:
        self.page = page
        self._items = items
        self._has_more = has_more
        self._cursor = cursor

    @property
    def data(self) -> list[ItemT]:
        """The items of the first page."""
        return list(self._items(self.page) or [])

    @property
    def has_more(self) -> bool:
        return bool(self._has_more(self.page))

    def _next_cursor(self, page: PageT, seen: list[object]) -> tuple[bool, object]:
        """(True, cursor) when the page after ``page`` is to be fetched."""
        items = self._items(page)
        if not items or not self._has_more(page):
            return False, None
        cursor = self._cursor(items[-1])
        if cursor is None or cursor in seen:
            return False, None
        seen.append(cursor)
        return True, cursor

    def __repr__(self) -> str:
        return f"{type(self).__name__}(page={self.page!r})"


class SyncCursorPage(_BasePage[ItemT, PageT]):
    """The first page of a listing; iterating yields the items of all pages."""

    def __init__(
        self,
        *,
        page: PageT,
        fetch: Callable[[object], PageT],
        items: Callable[[PageT], Sequence[ItemT] | None],
        has_more: Callable[[PageT], bool | None],
        cursor: Callable[[ItemT], object],
    ) -> None:
        super().__init__(page=page, items=items, has_more=has_more, cursor=cursor)
        self._fetch = fetch

    def iter_pages(self) -> Iterator[PageT]:
        page, seen = self.page, list[object]()
        while True:
            yield page
            more, cursor = self._next_cursor(page, seen)
            if not more:
                return
            page = self._fetch(cursor)

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.iter_pages():
            yield from self._items(page) or []


class AsyncCursorPage(_BasePage[ItemT, PageT]):
    """Async variant of ``SyncCursorPage`` (``async for item in page``)."""

    def __init__(
        self,
        *,
        page: PageT,
        fetch: Callable[[object], Awaitable[PageT]],
        items: Callable[[PageT], Sequence[ItemT] | None],
        has_more: Callable[[PageT], bool | None],
        cursor: Callable[[ItemT], object],
    ) -> None:
        super().__init__(page=page, items=items, has_more=has_more, cursor=cursor)
        self._fetch = fetch

    async def iter_pages(self) -> AsyncIterator[PageT]:
        page, seen = self.page, list[object]()
        while True:
            yield page
            more, cursor = self._next_cursor(page, seen)
            if not more:
                return
            page = await self._fetch(cursor)

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.iter_pages():
            for item in self._items(page) or []:
                yield item
