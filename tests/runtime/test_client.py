"""The runtime clients against a real HTTP server, each scenario sync and async.

A scenario is an ``async def`` taking a client; ``await aw(client.request(...))``
works for both kinds (a sync call has already returned its value), so the same
body checks ``SyncAPIClient`` and ``AsyncAPIClient``.
"""

from __future__ import annotations

import asyncio
import inspect
import socket
import time
import uuid
from collections.abc import Awaitable, Callable
from functools import cached_property, partial
from typing import Any
from urllib.parse import unquote

import httpx
import pytest

from .conftest import ITEM_JSON, LocalServer, Runtime

API_KEY = "sk-very-secret-key-123"
ENV = "RTTEST_"
KINDS = ["sync", "async"]

Scenario = Callable[[Any], Awaitable[None]]


async def aw(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


async def collect(iterable: Any) -> list[Any]:
    if hasattr(iterable, "__aiter__"):
        return [x async for x in iterable]
    return list(iterable)


def make_client(rt: Runtime, kind: str, base_url: str | None, **options: Any) -> Any:
    cls = rt.base.SyncAPIClient if kind == "sync" else rt.base.AsyncAPIClient
    kwargs: dict[str, Any] = {
        "api_key": API_KEY,
        "base_url": base_url,
        "timeout": 5.0,
        "max_retries": 2,
        "retry_non_idempotent": False,
        "env_prefix": ENV,
        "default_base_url": "http://127.0.0.1:9/default",
    }
    kwargs.update(options)
    client = cls(**kwargs)
    client.retry_backoff_base = 0.01  # instance override of the class attribute
    return client


async def close(client: Any) -> None:
    await aw(client.aclose() if hasattr(client, "aclose") else client.close())


def run(
    rt: Runtime, server: LocalServer, kind: str, scenario: Scenario, **options: Any
) -> None:
    options.setdefault("base_url", server.url + "/v1")

    async def main() -> None:
        client = make_client(rt, kind, **options)
        try:
            await scenario(client)
        finally:
            await close(client)

    asyncio.run(main())


def requests_to(server: LocalServer, token: str) -> list[dict[str, Any]]:
    return [r for r in server.requests if token in r["raw_path"]]


# --- auth, env, base URL -----------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_auth_header_and_base_path(rt: Runtime, server: LocalServer, kind: str) -> None:
    async def scenario(client: Any) -> None:
        echo = await aw(client.request("GET", "/echo/a", parse=rt.base.parse_json))
        assert echo["headers"]["authorization"] == f"Bearer {API_KEY}"
        assert echo["headers"]["accept"] == "application/json"
        assert echo["raw_path"] == "/v1/echo/a"

    run(rt, server, kind, scenario)
    run(rt, server, kind, scenario, base_url=server.url + "/v1/")  # trailing slash


@pytest.mark.parametrize("kind", KINDS)
def test_missing_api_key_names_env_var(
    rt: Runtime, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(f"{ENV}API_KEY", raising=False)
    for key in (None, ""):
        with pytest.raises(rt.exceptions.APIError) as info:
            make_client(rt, kind, None, api_key=key)
        assert f"{ENV}API_KEY" in str(info.value)
        assert "api_key" in str(info.value)


@pytest.mark.parametrize("kind", KINDS)
def test_env_api_key_and_base_url(
    rt: Runtime, server: LocalServer, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(f"{ENV}API_KEY", "sk-from-env")
    monkeypatch.setenv(f"{ENV}BASE_URL", server.url + "/v1")

    async def scenario(client: Any) -> None:
        assert str(client.base_url) == server.url + "/v1"
        echo = await aw(client.request("GET", "/echo/env", parse=rt.base.parse_json))
        assert echo["headers"]["authorization"] == "Bearer sk-from-env"
        assert echo["raw_path"] == "/v1/echo/env"

    run(rt, server, kind, scenario, api_key=None, base_url=None)

    monkeypatch.delenv(f"{ENV}BASE_URL")
    client = make_client(rt, kind, None)
    assert str(client.base_url) == "http://127.0.0.1:9/default"
    asyncio.run(close(client))


@pytest.mark.parametrize("kind", KINDS)
def test_key_never_in_repr_or_errors(
    rt: Runtime, server: LocalServer, kind: str
) -> None:
    async def scenario(client: Any) -> None:
        assert API_KEY not in repr(client) and API_KEY not in str(client)
        assert API_KEY not in repr(client.with_options(max_retries=0))
        with pytest.raises(rt.exceptions.APIStatusError) as info:
            await aw(client.request("GET", "/status/401", parse=rt.base.parse_json))
        assert API_KEY not in str(info.value) and API_KEY not in repr(info.value)

    run(rt, server, kind, scenario)


# --- request encoding ----------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_query_and_json_not_given_vs_none(
    rt: Runtime, server: LocalServer, kind: str
) -> None:
    NOT_GIVEN = rt.types.NOT_GIVEN
    author = rt.model_types.Author(name="Ann")

    async def scenario(client: Any) -> None:
        params = {"a": NOT_GIVEN, "b": None, "c": True, "d": False, "e": 3, "f": "x y"}
        body = {
            "none": None,
            "skip": NOT_GIVEN,
            "nested": {"skip": NOT_GIVEN, "n": None, "list": [1, None]},
            "model": author,
        }
        echo = await aw(
            client.request(
                "POST", "/echo/q", params=params, json=body, parse=rt.base.parse_json
            )
        )
        assert echo["query"] == {"c": "true", "d": "false", "e": "3", "f": "x y"}
        assert echo["headers"]["content-type"] == "application/json"
        assert rt_json(echo["body"]) == {
            "none": None,
            "nested": {"n": None, "list": [1, None]},
            "model": {"name": "Ann"},
        }
        echo = await aw(client.request("POST", "/echo/q", parse=rt.base.parse_json))
        assert echo["body"] == "" and "content-type" not in echo["headers"]
        echo = await aw(
            client.request("POST", "/echo/q", json=None, parse=rt.base.parse_json)
        )
        assert echo["body"] == "null"
        echo = await aw(
            client.request(
                "POST",
                "/echo/form",
                data={"x": "1", "y": None, "z": NOT_GIVEN},
                headers={"X-Extra": "yes"},
                parse=rt.base.parse_json,
            )
        )
        assert echo["body"] == "x=1" and echo["headers"]["x-extra"] == "yes"

    run(rt, server, kind, scenario)


def rt_json(text: str) -> Any:
    import json

    return json.loads(text)


HOSTILE = ["../../admin?x=1#f", "..", ".", "a/b", "%2e%2e", "%", "ü x", "...", "#"]


@pytest.mark.parametrize("kind", KINDS)
def test_path_params_are_one_encoded_segment(
    rt: Runtime, server: LocalServer, kind: str
) -> None:
    async def scenario(client: Any) -> None:
        for value in HOSTILE:
            echo = await aw(
                client.request(
                    "GET",
                    "/echo/{conversation_id}/variables",
                    path_params={"conversation_id": value},
                    parse=rt.base.parse_json,
                )
            )
            segments = echo["raw_path"].split("/")
            assert segments[:3] == ["", "v1", "echo"], value
            assert segments[4:] == ["variables"], value
            assert unquote(segments[3]) == value and "?" not in echo["raw_path"]
            assert echo["query"] == {}
            if value in (".", ".."):
                assert segments[3] == "%2E" * len(value)
        exact = await aw(
            client.request(
                "GET",
                "/echo/{id}",
                path_params={"id": "../../admin?x=1#f"},
                parse=rt.base.parse_json,
            )
        )
        assert exact["raw_path"] == "/v1/echo/..%2F..%2Fadmin%3Fx%3D1%23f"
        count = len(server.requests)
        for bad in ("", None):
            with pytest.raises(ValueError, match="conversation_id"):
                await aw(
                    client.request(
                        "GET",
                        "/echo/{conversation_id}",
                        path_params={"conversation_id": bad},
                        parse=rt.base.parse_json,
                    )
                )
        with pytest.raises(ValueError, match="missing_one"):
            await aw(
                client.request("GET", "/x/{missing_one}", parse=rt.base.parse_json)
            )
        assert len(server.requests) == count  # nothing was sent

    run(rt, server, kind, scenario)


# --- errors ------------------------------------------------------------------------

STATUS_CLASSES = [
    (400, "BadRequestError"),
    (401, "AuthenticationError"),
    (403, "PermissionDeniedError"),
    (404, "NotFoundError"),
    (409, "ConflictError"),
    (418, "APIStatusError"),
    (422, "UnprocessableEntityError"),
    (429, "RateLimitError"),
    (500, "InternalServerError"),
    (503, "InternalServerError"),
]


@pytest.mark.parametrize("kind", KINDS)
def test_every_status_maps_to_its_error(
    rt: Runtime, server: LocalServer, kind: str
) -> None:
    E = rt.exceptions

    async def get(client: Any, path: str) -> Any:
        with pytest.raises(E.APIStatusError) as info:
            await aw(client.request("GET", path, parse=rt.base.parse_json))
        return info.value

    async def scenario(client: Any) -> None:
        for status, name in STATUS_CLASSES:
            err = await get(client, f"/status/{status}")
            assert type(err) is getattr(E, name), status
            assert isinstance(err, E.APIError)
            assert err.status_code == status and err.code == f"code_{status}"
            assert err.message == f"msg {status}"
            assert err.body == {
                "status": status,
                "code": f"code_{status}",
                "message": f"msg {status}",
            }
            assert isinstance(err.response, httpx.Response)
            assert str(status) in str(err) and f"msg {status}" in str(err)
            err = await get(client, f"/status/{status}/html")
            assert type(err) is getattr(E, name) and err.code is None
            assert err.body == "<html><h1>Oops</h1></html>" and err.message
            err = await get(client, f"/status/{status}/empty")
            assert type(err) is getattr(E, name) and err.code is None
            assert err.body["message"] == "" and err.message
            err = await get(client, f"/status/{status}/nobody")
            assert type(err) is getattr(E, name) and err.body == ""
        err = await get(client, "/no-such-route")
        assert type(err) is E.NotFoundError and err.message == "Not Found"
        assert "<html>" in err.body

    run(rt, server, kind, scenario, max_retries=0)


def test_error_hierarchy_and_all(rt: Runtime) -> None:
    E = rt.exceptions
    assert issubclass(E.APITimeoutError, E.APIConnectionError)
    assert issubclass(E.APIConnectionError, E.APIError)
    assert issubclass(E.APIStatusError, E.APIError)
    for _, name in STATUS_CLASSES:
        assert issubclass(getattr(E, name), E.APIStatusError)
        assert name in E.__all__
    assert {"APIError", "APIConnectionError", "APITimeoutError"} <= set(E.__all__)


# --- retries -------------------------------------------------------------------------


def record_delays(client: Any) -> list[float]:
    """The waits the client chooses before each retry (its own choice, not wall-clock time)."""
    chosen: list[float] = []
    choose = client._retry_delay

    def recorded(*args: Any) -> float | None:
        delay: float | None = choose(*args)
        if delay is not None:
            chosen.append(delay)
        return delay

    client._retry_delay = recorded
    return chosen


@pytest.mark.parametrize("kind", KINDS)
def test_retry_after_is_honoured_then_success(
    rt: Runtime, server: LocalServer, kind: str
) -> None:
    async def scenario(client: Any) -> None:
        delays = record_delays(client)
        key = uuid.uuid4().hex
        result = await aw(
            client.request(
                "GET",
                f"/flaky/{key}",
                params={"fails": 2, "status": 429, "retry_after": "0.15"},
                parse=rt.base.parse_json,
            )
        )
        assert result == {"attempts": 3}
        assert delays == [0.15, 0.15]  # backoff base is 0.01: the header ruled
        key = uuid.uuid4().hex
        delays.clear()
        result = await aw(
            client.request(
                "DELETE",
                f"/flaky/{key}",
                params={"fails": 1, "retry_after_ms": "200"},
                parse=rt.base.parse_json,
            )
        )
        assert result == {"attempts": 2} and delays == [0.2]
        key = uuid.uuid4().hex  # too long a Retry-After: exponential backoff instead
        delays.clear()
        result = await aw(
            client.request(
                "GET",
                f"/flaky/{key}",
                params={"fails": 1, "status": 408, "retry_after": "3600"},
                parse=rt.base.parse_json,
            )
        )
        assert result == {"attempts": 2}
        assert len(delays) == 1 and 0 < delays[0] <= client.retry_backoff_base

    run(rt, server, kind, scenario)


@pytest.mark.parametrize("kind", KINDS)
def test_retries_are_bounded_and_selective(
    rt: Runtime, server: LocalServer, kind: str
) -> None:
    E = rt.exceptions

    async def scenario(client: Any) -> None:
        key = uuid.uuid4().hex
        with pytest.raises(E.InternalServerError):
            await aw(
                client.request(
                    "GET",
                    f"/flaky/{key}",
                    params={"fails": 9},
                    parse=rt.base.parse_json,
                )
            )
        assert server.counters[key] == 3  # 1 + max_retries
        key = uuid.uuid4().hex
        with pytest.raises(E.BadRequestError):
            await aw(
                client.request(
                    "GET",
                    f"/flaky/{key}",
                    params={"status": 400},
                    parse=rt.base.parse_json,
                )
            )
        assert server.counters[key] == 1  # 400 is not retried
        for status in (409, 500):
            key = uuid.uuid4().hex
            await aw(
                client.request(
                    "PUT",
                    f"/flaky/{key}",
                    params={"status": status},
                    parse=rt.base.parse_json,
                )
            )
            assert server.counters[key] == 2

    run(rt, server, kind, scenario)


@pytest.mark.parametrize("kind", KINDS)
def test_post_is_not_retried_unless_opted_in(
    rt: Runtime, server: LocalServer, kind: str
) -> None:
    async def scenario(client: Any) -> None:
        key = uuid.uuid4().hex
        with pytest.raises(rt.exceptions.InternalServerError):
            await aw(client.request("POST", f"/flaky/{key}", parse=rt.base.parse_json))
        assert server.counters[key] == 1
        opted = client.with_options(retry_non_idempotent=True)
        assert opted.retry_non_idempotent and not client.retry_non_idempotent
        key = uuid.uuid4().hex
        result = await aw(
            opted.request("POST", f"/flaky/{key}", parse=rt.base.parse_json)
        )
        assert result == {"attempts": 2}

    run(rt, server, kind, scenario)


@pytest.mark.parametrize("kind", KINDS)
def test_timeout_raises_api_timeout_error(
    rt: Runtime, server: LocalServer, kind: str
) -> None:
    E = rt.exceptions

    async def scenario(client: Any) -> None:
        token = uuid.uuid4().hex
        with pytest.raises(E.APITimeoutError) as info:
            await aw(
                client.request(
                    "GET",
                    "/slow",
                    params={"delay": 1, "t": token},
                    parse=rt.base.parse_json,
                )
            )
        assert isinstance(info.value, E.APIConnectionError)
        assert len(requests_to(server, token)) == 2  # a GET timeout is retried once

    run(rt, server, kind, scenario, timeout=0.2, max_retries=1)


@pytest.mark.parametrize("kind", KINDS)
def test_connection_refused_raises_api_connection_error(rt: Runtime, kind: str) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    E = rt.exceptions

    async def scenario(client: Any) -> None:
        with pytest.raises(E.APIConnectionError) as info:
            await aw(client.request("GET", "/echo", parse=rt.base.parse_json))
        assert not isinstance(info.value, E.APITimeoutError)
        assert API_KEY not in str(info.value)

    async def main() -> None:
        client = make_client(rt, kind, f"http://127.0.0.1:{port}/v1")
        try:
            await scenario(client)
        finally:
            await close(client)

    asyncio.run(main())


def test_retry_after_parsing(rt: Runtime) -> None:
    from email.utils import formatdate

    parse = rt.base._retry_after
    assert parse(httpx.Headers({"retry-after": "1.5"})) == 1.5
    assert parse(httpx.Headers({"retry-after-ms": "250", "retry-after": "9"})) == 0.25
    soon = parse(httpx.Headers({"retry-after": formatdate(time.time() + 30)}))
    assert soon is not None and 28 <= soon <= 31
    assert parse(httpx.Headers({"retry-after": formatdate(time.time() - 30)})) == 0
    assert parse(httpx.Headers({"retry-after": "soon"})) is None
    assert parse(httpx.Headers()) is None


# --- pagination ----------------------------------------------------------------------


def page_args(rt: Runtime) -> dict[str, Any]:
    return {
        "parse": rt.base.parse_model(rt.model_types.ItemPage),
        "cursor_param": "last_id",
        "items": lambda page: page.data,
        "has_more": lambda page: page.has_more,
        "cursor": lambda item: item.id,
    }


@pytest.mark.parametrize("kind", KINDS)
def test_cursor_pagination(rt: Runtime, server: LocalServer, kind: str) -> None:
    everything = [f"i{n}" for n in range(1, 8)]

    async def scenario(client: Any) -> None:
        token = uuid.uuid4().hex
        page = await aw(
            client.request_page(
                "GET", "/items", params={"limit": 3, "t": token}, **page_args(rt)
            )
        )
        assert [i.id for i in page.data] == ["i1", "i2", "i3"] and page.has_more
        assert isinstance(page.page, rt.model_types.ItemPage)
        assert len(requests_to(server, token)) == 1  # first page fetched eagerly
        assert [i.id for i in await collect(page)] == everything
        pages = await collect(page.iter_pages())
        assert [len(p.data) for p in pages] == [3, 3, 1]
        cursors = [r["query"].get("last_id") for r in requests_to(server, token)]
        assert cursors == [None, "i3", "i6", "i3", "i6"]

        token = uuid.uuid4().hex  # the last page is empty but says has_more
        page = await aw(
            client.request_page(
                "GET",
                "/items",
                params={"limit": 3, "mode": "empty", "t": token},
                **page_args(rt),
            )
        )
        assert [i.id for i in await collect(page)] == everything
        assert len(requests_to(server, token)) == 4

        token = uuid.uuid4().hex  # a server that repeats the same page forever
        page = await aw(
            client.request_page(
                "GET",
                "/items",
                params={"limit": 2, "mode": "repeat", "t": token},
                **page_args(rt),
            )
        )
        assert [i.id for i in await collect(page)] == ["i1", "i2"] * 2
        assert len(requests_to(server, token)) == 2

        page = await aw(  # a given cursor is the start
            client.request_page(
                "GET", "/items", params={"last_id": "i5"}, **page_args(rt)
            )
        )
        assert [i.id for i in await collect(page)] == ["i6", "i7"]

    run(rt, server, kind, scenario)


# --- raw responses, resources, options ------------------------------------------------


def make_resources(rt: Runtime, kind: str) -> tuple[type, type]:
    """A resource class and a client class shaped like generated ones."""
    Item = rt.model_types.Item
    R = rt.response

    if kind == "sync":

        class Items(rt.resource.SyncAPIResource):
            def get(self, item_id: str) -> Any:
                return self._client.request(
                    "GET",
                    "/item/{item_id}",
                    path_params={"item_id": item_id},
                    parse=rt.base.parse_model(Item),
                )

            def list(self, **params: Any) -> Any:
                return self._client.request_page(
                    "GET", "/items", params=params, **page_args(rt)
                )

            @cached_property
            def with_raw_response(self) -> Any:
                raw = type("ItemsWithRawResponse", (), {})()
                raw.get = R.to_raw_response_wrapper(self.get)
                raw.list = R.to_raw_response_wrapper(self.list)
                return raw

        base = rt.base.SyncAPIClient
    else:

        class Items(rt.resource.AsyncAPIResource):
            async def get(self, item_id: str) -> Any:
                return await self._client.request(
                    "GET",
                    "/item/{item_id}",
                    path_params={"item_id": item_id},
                    parse=rt.base.parse_model(Item),
                )

            async def list(self, **params: Any) -> Any:
                return await self._client.request_page(
                    "GET", "/items", params=params, **page_args(rt)
                )

            @cached_property
            def with_raw_response(self) -> Any:
                raw = type("ItemsWithRawResponse", (), {})()
                raw.get = R.async_to_raw_response_wrapper(self.get)
                raw.list = R.async_to_raw_response_wrapper(self.list)
                return raw

        base = rt.base.AsyncAPIClient

    class Client(base):
        retry_backoff_base = 0.001

        @cached_property
        def items(self) -> Any:
            return Items(self)

    return Items, Client


@pytest.mark.parametrize("kind", KINDS)
def test_with_raw_response(rt: Runtime, server: LocalServer, kind: str) -> None:
    _, Client = make_resources(rt, kind)

    async def main() -> None:
        client = Client(
            api_key=API_KEY,
            base_url=server.url + "/v1",
            timeout=5,
            max_retries=0,
            retry_non_idempotent=False,
            env_prefix=ENV,
            default_base_url="http://unused",
        )
        try:
            item = await aw(client.items.get("it-1"))
            assert isinstance(item, rt.model_types.Item)
            raw = await aw(client.items.with_raw_response.get("it-1"))
            assert isinstance(raw, rt.response.APIResponse)
            assert raw.status_code == 200
            assert raw.headers["content-type"] == "application/json"
            assert isinstance(raw.http_response, httpx.Response)
            assert raw.http_response.url.path == "/v1/item/it-1"
            assert raw.parse() == item
            raw_page = await aw(client.items.with_raw_response.list(limit=2))
            assert raw_page.http_response.url.params["limit"] == "2"
            assert [i.id for i in raw_page.parse().data] == ["i1", "i2"]
            assert len(await collect(raw_page.parse())) == 7
            wrap = (
                rt.response.to_raw_response_wrapper
                if kind == "sync"
                else rt.response.async_to_raw_response_wrapper
            )
            missing = wrap(partial(client.request, "GET", "/nope", parse=len))
            with pytest.raises(rt.exceptions.NotFoundError):
                await aw(missing())
        finally:
            await close(client)

    asyncio.run(main())


@pytest.mark.parametrize("kind", KINDS)
def test_with_options_and_ownership(
    rt: Runtime, server: LocalServer, kind: str
) -> None:
    _, Client = make_resources(rt, kind)

    async def main() -> None:
        http: Any = httpx.Client() if kind == "sync" else httpx.AsyncClient()
        client = Client(
            api_key=API_KEY,
            base_url=server.url + "/v1",
            timeout=None,
            max_retries=2,
            retry_non_idempotent=False,
            env_prefix=ENV,
            default_base_url="http://unused",
            http_client=http,
            default_headers={"X-Default": "d"},
        )
        assert client.timeout == rt.base.DEFAULT_TIMEOUT == 60.0
        first_items = client.items
        copy = client.with_options(timeout=1.5, max_retries=0)
        assert (copy.timeout, copy.max_retries) == (1.5, 0)
        assert (client.timeout, client.max_retries) == (60.0, 2)
        assert copy._http_client is client._http_client  # shared pool
        assert copy.items is not first_items and copy.items._client is copy
        assert client.items is first_items and first_items._client is client
        echo = await aw(copy.request("GET", "/echo/o", parse=rt.base.parse_json))
        assert echo["headers"]["x-default"] == "d"
        await close(copy)
        await close(client)
        assert not http.is_closed  # not created by the client: left open
        await aw(http.close() if kind == "sync" else http.aclose())

        if kind == "sync":
            with Client(
                api_key=API_KEY,
                base_url=None,
                timeout=2,
                max_retries=0,
                retry_non_idempotent=False,
                env_prefix=ENV,
                default_base_url=server.url + "/v1",
            ) as owned:
                owned.request("GET", "/echo/w", parse=rt.base.parse_none)
        else:
            async with Client(
                api_key=API_KEY,
                base_url=None,
                timeout=2,
                max_retries=0,
                retry_non_idempotent=False,
                env_prefix=ENV,
                default_base_url=server.url + "/v1",
            ) as owned:
                await owned.request("GET", "/echo/w", parse=rt.base.parse_none)
        assert owned._http_client.is_closed

    asyncio.run(main())


@pytest.mark.parametrize("kind", KINDS)
def test_parsers(rt: Runtime, server: LocalServer, kind: str) -> None:
    async def scenario(client: Any) -> None:
        item = await aw(
            client.request(
                "GET", "/item", parse=rt.base.parse_model(rt.model_types.Item)
            )
        )
        assert item.from_ == "web" and item.author.name == "Ann"
        assert item.to_dict() == ITEM_JSON
        assert await aw(client.request("GET", "/item", parse=rt.base.parse_json)) == (
            ITEM_JSON
        )
        text = await aw(client.request("GET", "/item", parse=rt.base.parse_text))
        raw = await aw(client.request("GET", "/item", parse=rt.base.parse_bytes))
        assert rt_json(text) == rt_json(raw.decode()) == ITEM_JSON
        assert (
            await aw(client.request("GET", "/item", parse=rt.base.parse_none)) is None
        )
        empty = await aw(
            client.request("GET", "/status/200/nobody", parse=rt.base.parse_json)
        )
        assert empty is None

    run(rt, server, kind, scenario)


# --- streaming -----------------------------------------------------------------------

EVENTS = [
    {"event": "message", "answer": "Hel"},
    {"event": "message", "answer": "lo"},
    "not json",
    {"event": "message_end"},
]


@pytest.mark.parametrize("kind", KINDS)
def test_sse_stream(rt: Runtime, server: LocalServer, kind: str) -> None:
    async def scenario(client: Any) -> None:
        token = uuid.uuid4().hex
        stream = await aw(
            client.request_stream(
                "POST",
                "/sse",
                params={"t": token},
                json={"response_mode": "streaming"},
                parse_event=lambda data: data,
            )
        )
        assert len(requests_to(server, token)) == 1  # sent before iteration
        assert requests_to(server, token)[0]["headers"]["accept"] == "text/event-stream"
        assert await collect(stream) == EVENTS
        assert stream.response.is_closed

        count = len(server.requests)
        with pytest.raises(rt.exceptions.AuthenticationError) as info:
            await aw(
                client.request_stream("GET", "/status/401", parse_event=lambda d: d)
            )
        assert info.value.code == "code_401" and len(server.requests) == count + 1

        single = await aw(client.request_stream("GET", "/item", parse_event=dict))
        assert await collect(single) == [ITEM_JSON]  # a JSON reply: one event

        unread = await aw(client.request_stream("GET", "/sse", parse_event=str))
        await aw(unread.aclose() if hasattr(unread, "aclose") else unread.close())
        assert unread.response.is_closed

    run(rt, server, kind, scenario)


def test_sse_decoder(rt: Runtime) -> None:
    S = rt.streaming
    decoder = S.SSEDecoder()
    lines = ["event: x", "id: 1", "retry: 5", "data: a", "data:b", ""]
    events = [decoder.decode(line) for line in lines]
    assert events[:-1] == [None] * 5
    assert events[-1] == S.ServerSentEvent(event="x", data="a\nb", id="1", retry=5)
    assert decoder.decode("") is None
    found = list(S.iter_sse(iter(['data: {"k": 1}', "", "data: 2"])))
    assert [e.data for e in found] == ['{"k": 1}', "2"]
