"""Cursor pagination: iterate the items of every page, fetching pages on demand.

The cursor sent for the next page is taken from the current page's first or last item,
as the API defines its cursor parameter (``cursor_from``): Dify's ``first_id`` is the
first item of the page (history pages go back in time), ``last_id`` the last one.
"""

from __future__ import annotations

from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Generator,
    Iterator,
    Sequence,
)
from typing import Any, Generic, TypeVar

__all__ = ["SyncCursorPage", "AsyncCursorPage", "AsyncPaginator"]

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
        cursor_from: str = "last",
        seen: tuple[object, ...] = (),
    ) -> None:
        self.page = page
        self._items = items
        self._has_more = has_more
        self._cursor = cursor
        self._cursor_from = cursor_from
        self._seen = seen  # the cursors sent for the pages before this one

    @property
    def data(self) -> list[ItemT]:
        """The items of this page."""
        return list(self._items(self.page) or [])

    @property
    def has_more(self) -> bool:
        """What the server says: more items follow this page."""
        return bool(self._has_more(self.page))

    def next_cursor(self) -> object:
        """The cursor that fetches the page after this one, or None when there is none.

        None too when the cursor was already sent for an earlier page (a server that
        repeats itself would otherwise be paged forever).
        """
        items = self._items(self.page)
        if not items or not self._has_more(self.page):
            return None
        item = items[0] if self._cursor_from == "first" else items[-1]
        cursor = self._cursor(item)
        return None if cursor is None or cursor in self._seen else cursor

    def has_next_page(self) -> bool:
        """True when ``get_next_page()`` fetches another page."""
        return self.next_cursor() is not None

    def _after(self, cursor: object) -> tuple[object, ...]:
        if cursor is None:
            raise RuntimeError(
                "no next page: check has_next_page() before calling get_next_page()"
            )
        return (*self._seen, cursor)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(page={self.page!r})"


class SyncCursorPage(_BasePage[ItemT, PageT]):
    """A page of a listing; iterating yields the items of it and every later page."""

    def __init__(
        self,
        *,
        page: PageT,
        fetch: Callable[[object], PageT],
        items: Callable[[PageT], Sequence[ItemT] | None],
        has_more: Callable[[PageT], bool | None],
        cursor: Callable[[ItemT], object],
        cursor_from: str = "last",
        seen: tuple[object, ...] = (),
    ) -> None:
        super().__init__(
            page=page,
            items=items,
            has_more=has_more,
            cursor=cursor,
            cursor_from=cursor_from,
            seen=seen,
        )
        self._fetch = fetch

    def get_next_page(self) -> SyncCursorPage[ItemT, PageT]:
        """Fetches the page after this one (RuntimeError when there is none)."""
        cursor = self.next_cursor()
        seen = self._after(cursor)
        return SyncCursorPage(
            page=self._fetch(cursor),
            fetch=self._fetch,
            items=self._items,
            has_more=self._has_more,
            cursor=self._cursor,
            cursor_from=self._cursor_from,
            seen=seen,
        )

    def iter_pages(self) -> Iterator[SyncCursorPage[ItemT, PageT]]:
        """This page and every later one, each fetched when reached."""
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.get_next_page()

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.iter_pages():
            yield from page.data


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
        cursor_from: str = "last",
        seen: tuple[object, ...] = (),
    ) -> None:
        super().__init__(
            page=page,
            items=items,
            has_more=has_more,
            cursor=cursor,
            cursor_from=cursor_from,
            seen=seen,
        )
        self._fetch = fetch

    async def get_next_page(self) -> AsyncCursorPage[ItemT, PageT]:
        """Fetches the page after this one (RuntimeError when there is none)."""
        cursor = self.next_cursor()
        seen = self._after(cursor)
        return AsyncCursorPage(
            page=await self._fetch(cursor),
            fetch=self._fetch,
            items=self._items,
            has_more=self._has_more,
            cursor=self._cursor,
            cursor_from=self._cursor_from,
            seen=seen,
        )

    async def iter_pages(self) -> AsyncIterator[AsyncCursorPage[ItemT, PageT]]:
        """This page and every later one, each fetched when reached."""
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.get_next_page()

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class AsyncPaginator(Generic[ItemT, PageT]):
    """What an async list method returns: ``await`` it for the first page, or iterate
    the items of every page directly with ``async for``."""

    def __init__(self, first: Callable[[], Awaitable[AsyncCursorPage[ItemT, PageT]]]):
        self._first = first

    def __await__(self) -> Generator[Any, None, AsyncCursorPage[ItemT, PageT]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        page = await self._first()
        async for item in page:
            yield item
