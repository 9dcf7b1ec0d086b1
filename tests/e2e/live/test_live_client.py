"""Live tests of the GENERATED client (generated/conversation-variables/en/dify_chatflow) against
the loopback Dify server, written against docs/client-contract.md.

The ``sdk`` fixture (conftest.py) imports the package with the shared ``generated_package``
fixture and fails, naming the command to run, while the generator has not produced it. Every test ends with ``server.validation_errors == []`` (checked by the ``server``
fixture): the client's requests must match the spec.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Iterator
from types import ModuleType
from typing import Any
from urllib.parse import unquote

import pytest

from .seed import (
    FIXED_NOW,
    conversation_id,
    make_variable,
    make_variables,
    variable_id,
)
from .server import DifyTestServer

CID = conversation_id(1)
OTHER_CID = conversation_id(2)
MISSING_CID = conversation_id(999)
USER = "abc-123"
HOSTILE = "../../admin?x=1#f"
HTML_404 = "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"


@pytest.fixture
def seeded(server: DifyTestServer) -> DifyTestServer:
    """45 string variables in CID (any user) and two typed variables in OTHER_CID (user USER)."""
    server.add_conversation(CID, variables=make_variables(45, conversation=CID))
    server.add_conversation(
        OTHER_CID,
        user=USER,
        variables=[
            make_variable(
                0,
                conversation=OTHER_CID,
                name="settings",
                value_type="object",
                value={"theme": "light"},
            ),
            make_variable(
                1, conversation=OTHER_CID, name="score", value_type="number", value=1
            ),
            make_variable(
                2,
                conversation=OTHER_CID,
                name="tags",
                value_type="array[string]",
                value=["a"],
            ),
        ],
    )
    return server


@pytest.fixture
def client(sdk: ModuleType, server: DifyTestServer, api_key: str) -> Iterator[Any]:
    with sdk.Client(
        api_key=api_key, base_url=server.base_url, timeout=5.0, max_retries=0
    ) as c:
        yield c


def make_async(
    sdk: ModuleType, server: DifyTestServer, api_key: str, **kwargs: Any
) -> Any:
    options: dict[str, Any] = {"timeout": 5.0, "max_retries": 0, **kwargs}
    return sdk.AsyncClient(api_key=api_key, base_url=server.base_url, **options)


def wire_page(
    items: list[dict[str, Any]], *, has_more: bool, limit: int = 20
) -> dict[str, Any]:
    return {"limit": limit, "has_more": has_more, "data": items}


def list_target(cid: str = CID) -> str:
    return f"/v1/conversations/{cid}/variables"


# -- listing -----------------------------------------------------------------------------------


def test_list_iterates_every_page(
    sdk: ModuleType, seeded: DifyTestServer, client: Any
) -> None:
    page = client.conversations.variables.list(CID, user=USER, limit=20)
    assert len(seeded.requests) == 1  # the first page is fetched eagerly
    assert page.has_more is True
    assert [v.name for v in page.data] == [f"var_{i:03d}" for i in range(20)]
    assert all(isinstance(v, sdk.ConversationVariableItem) for v in page.data)

    items = list(page)
    assert [v.id for v in items] == [variable_id(i, CID) for i in range(45)]
    assert len(seeded.requests) == 3
    for rec in seeded.requests:
        assert (rec.method, rec.path) == ("GET", list_target())
        assert rec.query["limit"] == ["20"] and rec.query["user"] == [USER]
    assert [r.query.get("last_id") for r in seeded.requests] == [
        None,
        [variable_id(19, CID)],
        [variable_id(39, CID)],
    ]


def test_list_item_fields(sdk: ModuleType, seeded: DifyTestServer, client: Any) -> None:
    item = client.conversations.variables.list(CID, limit=1).data[0]
    expected = make_variable(0, conversation=CID)
    assert isinstance(item, sdk.ConversationVariableItem)
    assert (item.id, item.name, item.value_type, item.value, item.description) == (
        expected["id"],
        expected["name"],
        "string",
        expected["value"],
        expected["description"],
    )
    assert (item.created_at, item.updated_at) == (
        expected["created_at"],
        expected["updated_at"],
    )
    assert item.to_dict() == expected


def test_list_iter_pages(seeded: DifyTestServer, client: Any) -> None:
    page = client.conversations.variables.list(CID, limit=20)
    assert [len(p.data or []) for p in page.iter_pages()] == [20, 20, 5]
    assert [p.has_more for p in page.iter_pages()][-1] is False


def test_list_leaves_out_unset_params(seeded: DifyTestServer, client: Any) -> None:
    page = client.conversations.variables.list(CID)
    assert len(page.data) == 20  # the server's default limit
    assert seeded.requests[0].query == {}
    assert seeded.requests[0].target == list_target()


def test_list_filters_by_name(seeded: DifyTestServer, client: Any) -> None:
    page = client.conversations.variables.list(CID, variable_name="var_007", user=USER)
    assert [v.id for v in page.data] == [variable_id(7, CID)]
    assert page.has_more is False
    assert [v.name for v in page] == ["var_007"]
    assert len(seeded.requests) == 1
    assert seeded.requests[0].query == {"variable_name": ["var_007"], "user": [USER]}


def test_list_from_a_cursor(seeded: DifyTestServer, client: Any) -> None:
    page = client.conversations.variables.list(
        CID, last_id=variable_id(40, CID), limit=100
    )
    assert [v.name for v in page] == [f"var_{i:03d}" for i in range(41, 45)]


def test_list_is_scoped_to_the_user(
    sdk: ModuleType, seeded: DifyTestServer, client: Any
) -> None:
    assert len(client.conversations.variables.list(OTHER_CID, user=USER).data) == 3
    with pytest.raises(sdk.NotFoundError):
        client.conversations.variables.list(OTHER_CID, user="someone-else")


# -- updating ----------------------------------------------------------------------------------


def test_update_then_list_shows_it(
    sdk: ModuleType, seeded: DifyTestServer, client: Any
) -> None:
    vid = variable_id(3, CID)
    item = client.conversations.variables.update(CID, vid, value="new value", user=USER)
    assert isinstance(item, sdk.ConversationVariableItem)
    assert (item.id, item.name, item.value, item.updated_at) == (
        vid,
        "var_003",
        "new value",
        FIXED_NOW,
    )
    put = seeded.requests[-1]
    assert (put.method, put.path) == ("PUT", f"{list_target()}/{vid}")
    assert put.headers["content-type"].startswith("application/json")
    assert put.json() == {"value": "new value", "user": USER}

    listed = client.conversations.variables.list(CID, variable_name="var_003").data
    assert [(v.id, v.value, v.updated_at) for v in listed] == [
        (vid, "new value", FIXED_NOW)
    ]
    assert seeded.variable(CID, vid)["value"] == "new value"


def test_update_structured_values(seeded: DifyTestServer, client: Any) -> None:
    variables = client.conversations.variables
    settings = {
        "theme": "dark",
        "sizes": [1, 2.5],
        "nested": {"on": True, "none": None},
    }
    item = variables.update(
        OTHER_CID, variable_id(0, OTHER_CID), value=settings, user=USER
    )
    assert json.loads(item.value) == settings
    assert seeded.requests[-1].json() == {"value": settings, "user": USER}
    assert seeded.variable(OTHER_CID, variable_id(0, OTHER_CID))["value"] == settings

    item = variables.update(OTHER_CID, variable_id(1, OTHER_CID), value=2.5, user=USER)
    assert item.value == "2.5"
    item = variables.update(
        OTHER_CID, variable_id(2, OTHER_CID), value=["x", "y"], user=USER
    )
    assert json.loads(item.value) == ["x", "y"]


def test_update_without_user_sends_only_value(
    seeded: DifyTestServer, client: Any
) -> None:
    client.conversations.variables.update(CID, variable_id(0, CID), value="v")
    assert seeded.requests[-1].json() == {"value": "v"}


def test_type_mismatch_is_bad_request(
    sdk: ModuleType, seeded: DifyTestServer, api_key: str
) -> None:
    with sdk.Client(
        api_key=api_key, base_url=seeded.base_url, timeout=5.0, max_retries=2
    ) as c:
        with pytest.raises(sdk.BadRequestError) as info:
            c.conversations.variables.update(
                CID, variable_id(0, CID), value=42, user=USER
            )
    err = info.value
    assert isinstance(err, sdk.APIStatusError)
    assert err.status_code == 400
    assert err.code == "bad_request"
    assert err.message == "Value type mismatch: expected string, got integer."
    assert err.body == {"status": 400, "code": "bad_request", "message": err.message}
    assert err.response.status_code == 400
    assert len(seeded.requests) == 1  # a 400 is not retried
    assert seeded.variable(CID, variable_id(0, CID))["value"] == "value 0"


def test_unknown_conversation_and_variable(
    sdk: ModuleType, seeded: DifyTestServer, client: Any
) -> None:
    with pytest.raises(sdk.NotFoundError) as info:
        client.conversations.variables.list(MISSING_CID, user=USER)
    assert (info.value.status_code, info.value.code, info.value.message) == (
        404,
        "not_found",
        "Conversation Not Exists.",
    )
    with pytest.raises(sdk.NotFoundError) as info:
        client.conversations.variables.update(CID, variable_id(0, OTHER_CID), value="x")
    assert info.value.message == "Conversation Variable Not Exists."
    assert len(seeded.requests) == 2


def test_not_chat_app(sdk: ModuleType, seeded: DifyTestServer, client: Any) -> None:
    seeded.app_mode = "completion"
    with pytest.raises(sdk.BadRequestError) as info:
        client.conversations.variables.list(CID)
    assert info.value.code == "not_chat_app"


# -- auth --------------------------------------------------------------------------------------


def test_wrong_key_is_authentication_error(
    sdk: ModuleType, seeded: DifyTestServer, api_key: str
) -> None:
    wrong = "app-WRONG-s3cr3t-f00d-cafe"
    with sdk.Client(
        api_key=wrong, base_url=seeded.base_url, timeout=5.0, max_retries=2
    ) as c:
        with pytest.raises(sdk.AuthenticationError) as info:
            c.conversations.variables.list(CID, user=USER)
        texts = [str(c), repr(c)]
    err = info.value
    assert (err.status_code, err.code) == (401, "unauthorized")
    assert seeded.requests[0].headers["authorization"] == f"Bearer {wrong}"
    assert len(seeded.requests) == 1  # a 401 is not retried
    texts += [str(err), repr(err), err.message, str(err.body), str(err.args)]
    for text in texts:
        assert wrong not in text
        assert "s3cr3t" not in text
    with sdk.Client(api_key=api_key, base_url=seeded.base_url) as good:
        assert api_key not in repr(good) and api_key not in str(good)


# -- retries, timeouts -------------------------------------------------------------------------


def test_503_with_retry_after_is_retried(
    sdk: ModuleType, seeded: DifyTestServer, api_key: str
) -> None:
    seeded.inject(
        503,
        {"status": 503, "code": "unavailable", "message": "Service Unavailable"},
        headers={"Retry-After": "0"},
    )
    with sdk.Client(
        api_key=api_key, base_url=seeded.base_url, timeout=5.0, max_retries=2
    ) as c:
        page = c.conversations.variables.list(CID, user=USER, limit=20)
    assert len(page.data) == 20
    assert len(seeded.requests) == 2
    assert seeded.requests[0].target == seeded.requests[1].target


def test_503_on_update_is_retried_once(
    sdk: ModuleType, seeded: DifyTestServer, api_key: str
) -> None:
    seeded.inject(503, "upstream busy", headers={"Retry-After": "0"}, method="PUT")
    with sdk.Client(
        api_key=api_key, base_url=seeded.base_url, timeout=5.0, max_retries=2
    ) as c:
        item = c.conversations.variables.update(CID, variable_id(1, CID), value="v2")
    assert item.value == "v2"
    assert [r.method for r in seeded.requests] == ["PUT", "PUT"]
    assert seeded.requests[0].body == seeded.requests[1].body


def test_retries_are_bounded(
    sdk: ModuleType, seeded: DifyTestServer, client: Any
) -> None:
    seeded.inject(
        503,
        {"status": 503, "code": "unavailable", "message": "busy"},
        headers={"Retry-After": "0"},
        times=2,
    )
    with pytest.raises(sdk.InternalServerError) as info:
        client.with_options(max_retries=1).conversations.variables.list(CID)
    assert info.value.status_code == 503
    assert len(seeded.requests) == 2


def test_timeout(sdk: ModuleType, seeded: DifyTestServer, api_key: str) -> None:
    seeded.delay_next(1.0)
    with sdk.Client(
        api_key=api_key, base_url=seeded.base_url, timeout=0.2, max_retries=0
    ) as c:
        with pytest.raises(sdk.APITimeoutError) as info:
            c.conversations.variables.list(CID)
    assert isinstance(info.value, sdk.APIConnectionError)
    assert len(seeded.requests) == 1


# -- paths -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", [HOSTILE, "..", ".", "a/b", "100%", "%2F..%2F", "x y?z=1", "é"]
)
def test_path_value_stays_one_segment(
    sdk: ModuleType, seeded: DifyTestServer, client: Any, value: str
) -> None:
    with pytest.raises(sdk.NotFoundError) as info:
        client.conversations.variables.list(value, user=USER)
    assert info.value.message == "Conversation Not Exists."
    assert len(seeded.requests) == 1
    rec = seeded.requests[0]
    raw_segments = rec.path.split("/")
    assert raw_segments[:3] == ["", "v1", "conversations"] and raw_segments[4:] == [
        "variables"
    ]
    assert unquote(raw_segments[3]) == value
    assert raw_segments[3] not in (".", "..")
    assert rec.query == {"user": [USER]}


@pytest.mark.allow_invalid_requests  # the spec types variable_id as a uuid; the server says 400
def test_hostile_variable_id_stays_one_segment(
    sdk: ModuleType, seeded: DifyTestServer, client: Any
) -> None:
    with pytest.raises(sdk.BadRequestError) as info:
        client.conversations.variables.update(CID, HOSTILE, value="x")
    assert info.value.code == "invalid_param"
    (rec,) = seeded.requests
    assert rec.segments == ["v1", "conversations", CID, "variables", HOSTILE]
    assert [str(e) for e in seeded.validation_errors] == [
        f"PUT {rec.path}: path parameter 'variable_id': {HOSTILE!r} is not a 'uuid'"
    ]


def test_empty_path_value_is_value_error(seeded: DifyTestServer, client: Any) -> None:
    with pytest.raises(ValueError, match="conversation_id"):
        client.conversations.variables.list("")
    with pytest.raises(ValueError, match="conversation_id"):
        client.conversations.variables.update("", variable_id(0, CID), value="x")
    with pytest.raises(ValueError, match="variable_id"):
        client.conversations.variables.update(CID, "", value="x")
    assert seeded.requests == []


# -- odd responses -----------------------------------------------------------------------------


def test_html_404_page(sdk: ModuleType, seeded: DifyTestServer, client: Any) -> None:
    seeded.inject(404, HTML_404, content_type="text/html")
    with pytest.raises(sdk.NotFoundError) as info:
        client.conversations.variables.list(CID)
    err = info.value
    assert err.status_code == 404
    assert err.body == HTML_404
    assert err.code is None
    assert isinstance(err.message, str)


def test_empty_message_error(
    sdk: ModuleType, seeded: DifyTestServer, client: Any
) -> None:
    body = {"status": 400, "code": "bad_request", "message": ""}
    seeded.inject(400, body, method="PUT")
    with pytest.raises(sdk.BadRequestError) as info:
        client.conversations.variables.update(CID, variable_id(0, CID), value="x")
    assert info.value.code == "bad_request"
    assert info.value.body == body
    assert isinstance(info.value.message, str)


def test_empty_body_500(sdk: ModuleType, seeded: DifyTestServer, client: Any) -> None:
    seeded.inject(500)
    with pytest.raises(sdk.InternalServerError) as info:
        client.conversations.variables.list(CID)
    assert info.value.status_code == 500
    assert isinstance(info.value.message, str)


def test_empty_page_with_has_more_stops(seeded: DifyTestServer, client: Any) -> None:
    page = client.conversations.variables.list(CID, limit=20)
    seeded.inject(200, wire_page([], has_more=True))
    items = list(itertools.islice(page, 500))
    assert len(items) == 20
    assert len(seeded.requests) == 2


def test_empty_first_page_with_has_more(seeded: DifyTestServer, client: Any) -> None:
    seeded.inject(200, wire_page([], has_more=True))
    page = client.conversations.variables.list(CID)
    assert page.data == [] and page.has_more is True
    assert list(itertools.islice(page, 500)) == []
    assert len(seeded.requests) == 1


def test_repeated_cursor_stops(seeded: DifyTestServer, client: Any) -> None:
    page = client.conversations.variables.list(CID, limit=20)
    first = seeded.variables(CID)[:20]
    seeded.inject(200, wire_page(first, has_more=True), times=1)  # same page again
    items = list(itertools.islice(page, 500))
    assert len(items) in (20, 40)
    assert len(seeded.requests) == 2


def test_with_raw_response(seeded: DifyTestServer, client: Any) -> None:
    raw = client.conversations.variables.with_raw_response.list(CID, limit=5, user=USER)
    assert raw.http_response.status_code == 200
    assert raw.status_code == 200
    assert raw.headers["content-type"] == "application/json"
    page = raw.parse()
    assert [v.name for v in page.data] == [f"var_{i:03d}" for i in range(5)]
    assert seeded.requests[0].query == {"limit": ["5"], "user": [USER]}


# -- async -------------------------------------------------------------------------------------


def test_async_list_every_page(
    sdk: ModuleType, seeded: DifyTestServer, api_key: str
) -> None:
    async def run() -> tuple[list[Any], list[Any]]:
        async with make_async(sdk, seeded, api_key) as c:
            page = await c.conversations.variables.list(CID, user=USER, limit=20)
            first = list(page.data)
            assert page.has_more is True
            return first, [v async for v in page]

    first, items = asyncio.run(run())
    assert len(first) == 20
    assert all(isinstance(v, sdk.ConversationVariableItem) for v in items)
    assert [v.id for v in items] == [variable_id(i, CID) for i in range(45)]
    assert len(seeded.requests) == 3
    assert seeded.requests[2].query["last_id"] == [variable_id(39, CID)]


def test_async_update_and_errors(
    sdk: ModuleType, seeded: DifyTestServer, api_key: str
) -> None:
    async def run() -> None:
        async with make_async(sdk, seeded, api_key) as c:
            variables = c.conversations.variables
            item = await variables.update(
                CID, variable_id(2, CID), value="async", user=USER
            )
            assert (item.value, item.updated_at) == ("async", FIXED_NOW)
            listed = await variables.list(CID, variable_name="var_002")
            assert [v.value for v in listed.data] == ["async"]
            with pytest.raises(sdk.BadRequestError) as info:
                await variables.update(CID, variable_id(2, CID), value=["x"])
            assert (
                info.value.message
                == "Value type mismatch: expected string, got array[string]."
            )
            with pytest.raises(sdk.NotFoundError):
                await variables.list(MISSING_CID)
            with pytest.raises(ValueError):
                await variables.list("")

    asyncio.run(run())
    assert len(seeded.requests) == 4


def test_async_wrong_key(sdk: ModuleType, seeded: DifyTestServer) -> None:
    wrong = "app-WRONG-async-k3y"

    async def run() -> Any:
        async with make_async(sdk, seeded, wrong) as c:
            with pytest.raises(sdk.AuthenticationError) as info:
                await c.conversations.variables.list(CID)
            assert wrong not in repr(c)
            return info.value

    err = asyncio.run(run())
    assert wrong not in str(err) and wrong not in repr(err)


def test_async_retry_and_timeout(
    sdk: ModuleType, seeded: DifyTestServer, api_key: str
) -> None:
    seeded.inject(
        503,
        {"status": 503, "code": "unavailable", "message": "busy"},
        headers={"Retry-After": "0"},
    )

    async def run() -> None:
        async with make_async(sdk, seeded, api_key, max_retries=2) as c:
            page = await c.conversations.variables.list(CID)
            assert len(page.data) == 20
        seeded.delay_next(1.0)
        async with make_async(sdk, seeded, api_key, timeout=0.2) as c:
            with pytest.raises(sdk.APITimeoutError):
                await c.conversations.variables.list(CID)

    asyncio.run(run())
    assert len(seeded.requests) == 3


def test_async_odd_pages_and_raw(
    sdk: ModuleType, seeded: DifyTestServer, api_key: str
) -> None:
    async def run() -> None:
        async with make_async(sdk, seeded, api_key) as c:
            page = await c.conversations.variables.list(CID, limit=20)
            seeded.inject(200, wire_page([], has_more=True))
            items = [v async for v in page]
            assert len(items) == 20
            raw = await c.conversations.variables.with_raw_response.list(CID, limit=2)
            assert raw.http_response.status_code == 200
            assert len(raw.parse().data) == 2
            seeded.inject(404, HTML_404, content_type="text/html")
            with pytest.raises(sdk.NotFoundError) as info:
                await c.conversations.variables.list(CID)
            assert info.value.body == HTML_404
            with pytest.raises(sdk.NotFoundError):
                await c.conversations.variables.list(HOSTILE)

    asyncio.run(run())
    assert len(seeded.requests) == 5
    assert unquote(seeded.requests[-1].path.split("/")[3]) == HOSTILE
