"""Tests of the loopback Dify server itself, with raw httpx."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from .checking import validate_response_body
from .seed import (
    FIXED_NOW,
    conversation_id,
    make_variable,
    make_variables,
    variable_id,
)
from .server import DEFAULT_API_KEY, LIST_VARIABLES, UPDATE_VARIABLE, DifyTestServer

CID = conversation_id(1)
OTHER_CID = conversation_id(2)
MISSING_CID = conversation_id(999)


@pytest.fixture
def seeded(server: DifyTestServer) -> DifyTestServer:
    server.add_conversation(CID, variables=make_variables(45, conversation=CID))
    return server


@pytest.fixture
def http(server: DifyTestServer) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=server.base_url,
        headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"},
        timeout=5.0,
    ) as client:
        yield client


def list_path(cid: str = CID) -> str:
    return f"/conversations/{cid}/variables"


def var_path(vid: str, cid: str = CID) -> str:
    return f"/conversations/{cid}/variables/{vid}"


def assert_error(
    response: httpx.Response, status: int, code: str, message: str | None
) -> None:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["status"] == status
    assert body["code"] == code
    if message is not None:
        assert body["message"] == message


# -- lifecycle ---------------------------------------------------------------------------------


def test_context_manager_and_base_url() -> None:
    with DifyTestServer() as srv:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/v1", srv.base_url)
        assert srv.port > 0
        r = httpx.get(srv.base_url + list_path(), timeout=5)
        assert r.status_code == 401
    with pytest.raises(RuntimeError):
        srv.base_url
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{r.request.url.port}/v1/x", timeout=2)


# -- auth --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "Authorization header must be provided and start with 'Bearer'"),
        ({"Authorization": f"Basic {DEFAULT_API_KEY}"}, None),
        ({"Authorization": "Bearer app-wrong-key-123"}, "Access token is invalid"),
        (
            {"Authorization": "Bearer"},
            "Authorization header must be provided and start with 'Bearer'",
        ),
    ],
)
def test_auth_rejects_missing_or_wrong_key(
    seeded: DifyTestServer, headers: dict[str, str], message: str | None
) -> None:
    r = httpx.get(seeded.base_url + list_path(), headers=headers, timeout=5)
    assert_error(r, 401, "unauthorized", message)
    assert "app-wrong-key-123" not in r.text
    assert len(seeded.requests) == 1  # recorded although rejected
    r = httpx.put(
        seeded.base_url + var_path(variable_id(0, CID)),
        json={"value": "x"},
        headers=headers,
        timeout=5,
    )
    assert_error(r, 401, "unauthorized", message)
    assert seeded.variable(CID, variable_id(0, CID))["value"] == "value 0"


def test_auth_accepts_the_key(seeded: DifyTestServer, http: httpx.Client) -> None:
    r = http.get(list_path())
    assert r.status_code == 200
    assert seeded.requests[-1].headers["authorization"] == f"Bearer {DEFAULT_API_KEY}"


# -- listing -----------------------------------------------------------------------------------


def test_list_pages_with_cursor(seeded: DifyTestServer, http: httpx.Client) -> None:
    seen: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": 20, "user": "abc-123"}
    pages = []
    while True:
        r = http.get(list_path(), params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        pages.append((len(body["data"]), body["has_more"], body["limit"]))
        seen.extend(body["data"])
        if not body["has_more"]:
            break
        params["last_id"] = body["data"][-1]["id"]
    assert pages == [(20, True, 20), (20, True, 20), (5, False, 20)]
    assert [v["name"] for v in seen] == [f"var_{i:03d}" for i in range(45)]
    assert [v["id"] for v in seen] == [variable_id(i, CID) for i in range(45)]
    assert [q.query.get("last_id") for q in seeded.requests] == [
        None,
        [variable_id(19, CID)],
        [variable_id(39, CID)],
    ]
    assert seen[0] == make_variable(0, conversation=CID)


def test_list_default_limit_and_bounds(
    seeded: DifyTestServer, http: httpx.Client
) -> None:
    body = http.get(list_path()).json()
    assert body["limit"] == 20 and len(body["data"]) == 20 and body["has_more"] is True
    body = http.get(list_path(), params={"limit": 100}).json()
    assert (
        body["limit"] == 100 and len(body["data"]) == 45 and body["has_more"] is False
    )
    body = http.get(list_path(), params={"limit": 1}).json()
    assert [v["name"] for v in body["data"]] == ["var_000"] and body["has_more"] is True


def test_list_exactly_one_full_page_has_no_more(
    server: DifyTestServer, http: httpx.Client
) -> None:
    server.add_conversation(CID, variables=make_variables(20, conversation=CID))
    body = http.get(list_path(), params={"limit": 20}).json()
    assert len(body["data"]) == 20 and body["has_more"] is False


def test_list_orders_by_created_at_then_insertion(
    server: DifyTestServer, http: httpx.Client
) -> None:
    server.add_conversation(
        CID,
        variables=[
            make_variable(1, conversation=CID, created_at=300),
            make_variable(2, conversation=CID, created_at=100),
            make_variable(3, conversation=CID, created_at=300),
            make_variable(4, conversation=CID, created_at=200),
        ],
    )
    body = http.get(list_path()).json()
    assert [v["name"] for v in body["data"]] == [
        "var_002",
        "var_004",
        "var_001",
        "var_003",
    ]
    body = http.get(list_path(), params={"last_id": variable_id(1, CID)}).json()
    assert [v["name"] for v in body["data"]] == ["var_003"]


def test_list_filters_by_exact_name(seeded: DifyTestServer, http: httpx.Client) -> None:
    body = http.get(list_path(), params={"variable_name": "var_007"}).json()
    assert [v["id"] for v in body["data"]] == [variable_id(7, CID)]
    assert body["has_more"] is False
    body = http.get(list_path(), params={"variable_name": "var_00"}).json()
    assert body["data"] == [] and body["has_more"] is False


def test_list_unknown_conversation(seeded: DifyTestServer, http: httpx.Client) -> None:
    assert_error(
        http.get(list_path(MISSING_CID)), 404, "not_found", "Conversation Not Exists."
    )


def test_list_unknown_cursor(seeded: DifyTestServer, http: httpx.Client) -> None:
    r = http.get(list_path(), params={"last_id": variable_id(0, OTHER_CID)})
    assert_error(r, 404, "not_found", "Conversation Variable Not Exists.")


def test_conversation_scoped_to_its_user(
    server: DifyTestServer, http: httpx.Client
) -> None:
    server.add_conversation(
        CID, user="abc-123", variables=make_variables(2, conversation=CID)
    )
    assert http.get(list_path(), params={"user": "abc-123"}).status_code == 200
    for params in ({"user": "someone-else"}, {}):
        r = http.get(list_path(), params=params)
        assert_error(r, 404, "not_found", "Conversation Not Exists.")
    vid = variable_id(0, CID)
    r = http.put(var_path(vid), json={"value": "x", "user": "someone-else"})
    assert_error(r, 404, "not_found", "Conversation Not Exists.")
    assert (
        http.put(var_path(vid), json={"value": "x", "user": "abc-123"}).status_code
        == 200
    )


def test_responses_match_the_spec(seeded: DifyTestServer, http: httpx.Client) -> None:
    seeded.add_conversation(
        OTHER_CID,
        variables=[
            make_variable(
                0, conversation=OTHER_CID, value_type="object", value={"a": [1, 2]}
            ),
            make_variable(1, conversation=OTHER_CID, value_type="number", value=3),
        ],
    )
    for cid in (CID, OTHER_CID):
        body = http.get(list_path(cid)).json()
        assert validate_response_body(*LIST_VARIABLES, 200, body) == []
    assert http.get(list_path(OTHER_CID)).json()["data"][0]["value"] == '{"a": [1, 2]}'
    body = http.put(var_path(variable_id(0, CID)), json={"value": "v"}).json()
    assert validate_response_body(*UPDATE_VARIABLE, 200, body) == []
    # the helper does catch a wrong body
    assert validate_response_body(*LIST_VARIABLES, 200, {"data": [{"value": 1}]}) != []


# -- updating ----------------------------------------------------------------------------------


def test_update_stores_value_and_timestamp(
    seeded: DifyTestServer, http: httpx.Client
) -> None:
    vid = variable_id(3, CID)
    before = seeded.variable(CID, vid)
    assert before["updated_at"] != FIXED_NOW
    r = http.put(var_path(vid), json={"value": "new value", "user": "abc-123"})
    assert r.status_code == 200, r.text
    item = r.json()
    assert item == {
        **make_variable(3, conversation=CID),
        "value": "new value",
        "updated_at": FIXED_NOW,
    }
    assert seeded.variable(CID, vid)["value"] == "new value"
    listed = http.get(list_path(), params={"variable_name": "var_003"}).json()["data"]
    assert listed == [item]
    assert seeded.requests[-2].json() == {"value": "new value", "user": "abc-123"}


@pytest.mark.parametrize(
    ("value_type", "good", "wire", "bad", "message"),
    [
        ("string", "text", "text", 1, "expected string, got integer."),
        ("string", "", "", None, "expected string, got null."),
        ("secret", "s3cr3t", "s3cr3t", True, "expected string, got boolean."),
        ("number", 2.5, "2.5", "7", "expected number, got string."),
        ("number", 7, "7", True, "expected number, got boolean."),
        ("boolean", False, "false", 0, "expected boolean, got integer."),
        (
            "object",
            {"k": [1]},
            '{"k": [1]}',
            [1],
            "expected object, got array[number].",
        ),
        (
            "array[string]",
            ["a", "b"],
            '["a", "b"]',
            ["a", 1],
            "expected array[string], got array[any].",
        ),
        (
            "array[number]",
            [1, 2.5],
            "[1, 2.5]",
            ["1"],
            "expected array[number], got array[string].",
        ),
        (
            "array[object]",
            [{"a": 1}],
            '[{"a": 1}]',
            {"a": 1},
            "expected array[object], got object.",
        ),
        (
            "array[boolean]",
            [True],
            "[true]",
            [1],
            "expected array[boolean], got array[number].",
        ),
        (
            "array[any]",
            [1, "a", None],
            '[1, "a", null]',
            "x",
            "expected array[any], got string.",
        ),
    ],
)
def test_update_checks_value_type(
    server: DifyTestServer,
    http: httpx.Client,
    value_type: str,
    good: Any,
    wire: str,
    bad: Any,
    message: str,
) -> None:
    var = make_variable(0, conversation=CID, value_type=value_type, value=good)
    server.add_conversation(CID, variables=[var])
    r = http.put(var_path(var["id"]), json={"value": bad})
    assert_error(r, 400, "bad_request", f"Value type mismatch: {message}")
    assert server.variable(CID, var["id"])["updated_at"] == var["updated_at"]
    r = http.put(var_path(var["id"]), json={"value": good})
    assert r.status_code == 200, r.text
    assert r.json()["value"] == wire
    assert server.variable(CID, var["id"])["value"] == good


def test_update_documented_mismatch_example(
    seeded: DifyTestServer, http: httpx.Client
) -> None:
    r = http.put(var_path(variable_id(0, CID)), json={"value": 42, "user": "abc-123"})
    assert r.json() == {
        "status": 400,
        "code": "bad_request",
        "message": "Value type mismatch: expected string, got integer.",
    }


def test_update_unknown_variable_or_conversation(
    seeded: DifyTestServer, http: httpx.Client
) -> None:
    r = http.put(var_path(variable_id(0, OTHER_CID)), json={"value": "x"})
    assert_error(r, 404, "not_found", "Conversation Variable Not Exists.")
    r = http.put(var_path(variable_id(0, CID), MISSING_CID), json={"value": "x"})
    assert_error(r, 404, "not_found", "Conversation Not Exists.")


def test_not_chat_app(seeded: DifyTestServer, http: httpx.Client) -> None:
    seeded.app_mode = "completion"
    message = "Please check if your app mode matches the right API route."
    assert_error(http.get(list_path()), 400, "not_chat_app", message)
    assert_error(
        http.put(var_path(variable_id(0, CID)), json={"value": "x"}),
        400,
        "not_chat_app",
        message,
    )


# -- spec validation ---------------------------------------------------------------------------


@pytest.mark.allow_invalid_requests
@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"limit": 0}, "query parameter 'limit': 0 is less than the minimum of 1"),
        (
            {"limit": 101},
            "query parameter 'limit': 101 is greater than the maximum of 100",
        ),
        ({"limit": "abc"}, "query parameter 'limit': 'abc' is not of type 'integer'"),
        ({"limit": ""}, "query parameter 'limit': '' is not of type 'integer'"),
        ({"limit": "2.5"}, "query parameter 'limit': '2.5' is not of type 'integer'"),
        ({"limit": [10, 20]}, "query parameter 'limit': given 2 times"),
        (
            {"variable_name": ""},
            "query parameter 'variable_name': '' should be non-empty",
        ),
        ({"page": 2}, "query parameter 'page': not defined"),
    ],
)
def test_validation_rejects_bad_query(
    seeded: DifyTestServer, http: httpx.Client, params: dict[str, Any], fragment: str
) -> None:
    r = http.get(list_path(), params=params)
    assert_error(r, 400, "invalid_param", None)
    assert fragment in r.json()["message"]
    assert len(seeded.validation_errors) == 1
    failure = seeded.validation_errors[0]
    assert failure.method == "GET" and fragment in failure.message
    assert failure.path == f"/v1{list_path()}"


@pytest.mark.allow_invalid_requests
@pytest.mark.parametrize(
    ("path", "kwargs", "fragment"),
    [
        (
            var_path(variable_id(0, CID), "not-a-uuid"),
            {"json": {"value": "x"}},
            "path parameter 'conversation_id': 'not-a-uuid' is not a 'uuid'",
        ),
        (
            var_path("42"),
            {"json": {"value": "x"}},
            "path parameter 'variable_id': '42' is not a 'uuid'",
        ),
        (
            var_path(variable_id(0, CID)),
            {"json": {"user": "abc-123"}},
            "request body: 'value' is a required property",
        ),
        (
            var_path(variable_id(0, CID)),
            {"json": {"value": "x", "user": 7}},
            "request body: ['user']: 7 is not of type 'string'",
        ),
        (
            var_path(variable_id(0, CID)),
            {"json": ["x"]},
            "request body: ['x'] is not of type 'object'",
        ),
        (var_path(variable_id(0, CID)), {}, "request body: is required"),
        (
            var_path(variable_id(0, CID)),
            {"content": b"{value: 1}", "headers": {"Content-Type": "application/json"}},
            "request body: not valid JSON",
        ),
        (
            var_path(variable_id(0, CID)),
            {"data": {"value": "x"}},
            "request body: content type 'application/x-www-form-urlencoded' is not one of",
        ),
    ],
    ids=[
        "conversation-not-uuid",
        "variable-not-uuid",
        "no-value",
        "user-not-string",
        "body-not-object",
        "no-body",
        "not-json",
        "form-encoded",
    ],
)
def test_validation_rejects_bad_update(
    seeded: DifyTestServer,
    http: httpx.Client,
    path: str,
    kwargs: dict[str, Any],
    fragment: str,
) -> None:
    r = http.put(path, **kwargs)
    assert_error(r, 400, "invalid_param", None)
    assert fragment in r.json()["message"]
    assert any(fragment in f.message for f in seeded.validation_errors)
    assert seeded.variable(CID, variable_id(0, CID))["value"] == "value 0"


@pytest.mark.allow_invalid_requests
def test_validation_flags_empty_path_segment(
    seeded: DifyTestServer, http: httpx.Client
) -> None:
    r = http.get("/conversations//variables")
    assert_error(
        r, 400, "invalid_param", "path parameter 'conversation_id': must not be empty"
    )
    assert [str(f) for f in seeded.validation_errors] == [
        "GET /v1/conversations//variables: path parameter 'conversation_id': must not be empty"
    ]


def test_validation_accepts_correct_requests(
    seeded: DifyTestServer, http: httpx.Client
) -> None:
    http.get(
        list_path(),
        params={
            "user": "u",
            "limit": 5,
            "variable_name": "var_001",
            "last_id": variable_id(0, CID),
        },
    )
    http.put(var_path(variable_id(0, CID)), json={"value": "x", "user": "u"})
    http.put(
        var_path(variable_id(1, CID)), json={"value": None}
    )  # value may be null (400 later)
    assert seeded.validation_errors == []


# -- routing and recording ---------------------------------------------------------------------


def test_encoded_segment_is_one_path_parameter(
    seeded: DifyTestServer, http: httpx.Client
) -> None:
    raw = "/v1/conversations/..%2F..%2Fadmin%3Fx%3D1%23f/variables"
    r = http.get(httpx.URL(seeded.root_url + raw))
    assert_error(r, 404, "not_found", "Conversation Not Exists.")
    rec = seeded.requests[-1]
    assert rec.path == raw and rec.target == raw and rec.query == {}
    assert rec.segments == ["v1", "conversations", "../../admin?x=1#f", "variables"]


def test_unknown_routes(seeded: DifyTestServer, http: httpx.Client) -> None:
    r = http.get("/no-such-route")
    assert_error(r, 404, "not_found", None)
    r = http.get("/conversations")  # in the spec, but not served here
    assert_error(r, 501, "not_implemented", None)
    r = http.get(f"/conversations/{CID}/variables/")
    assert_error(r, 404, "not_found", None)
    r = http.delete(list_path())
    assert_error(r, 405, "method_not_allowed", None)
    r = http.get(seeded.root_url + list_path())  # without the /v1 prefix
    assert_error(r, 404, "not_found", None)
    # the trap a path-traversing client would reach
    assert http.get(seeded.root_url + "/admin").json()["trap"] == "path traversal"


def test_requests_are_recorded(seeded: DifyTestServer, http: httpx.Client) -> None:
    http.get(list_path(), params={"user": "abc-123", "limit": 3})
    http.put(var_path(variable_id(0, CID)), json={"value": "é", "user": "abc-123"})
    get, put = seeded.requests
    assert (get.method, get.path) == ("GET", f"/v1{list_path()}")
    assert get.query == {"user": ["abc-123"], "limit": ["3"]}
    assert get.target == f"/v1{list_path()}?user=abc-123&limit=3"
    assert get.body == b""
    assert put.method == "PUT" and put.headers["content-type"] == "application/json"
    assert put.json() == {"value": "é", "user": "abc-123"}
    assert put.headers["host"] == f"127.0.0.1:{seeded.port}"


# -- fault injection ---------------------------------------------------------------------------


def test_inject_503_then_normal(seeded: DifyTestServer, http: httpx.Client) -> None:
    seeded.inject(
        503,
        {"status": 503, "code": "unavailable", "message": "busy"},
        headers={"Retry-After": "0"},
    )
    assert seeded.pending_faults == 1
    r = http.get(list_path())
    assert r.status_code == 503 and r.headers["retry-after"] == "0"
    assert r.json()["code"] == "unavailable"
    assert seeded.pending_faults == 0
    assert http.get(list_path()).status_code == 200
    assert len(seeded.requests) == 2


def test_inject_html_page(seeded: DifyTestServer, http: httpx.Client) -> None:
    html = "<html><body><h1>404 Not Found</h1><p>nginx</p></body></html>"
    seeded.inject(404, html, content_type="text/html")
    r = http.get(list_path())
    assert r.status_code == 404
    assert r.headers["content-type"] == "text/html"
    assert r.text == html


def test_inject_empty_message_and_empty_body(
    seeded: DifyTestServer, http: httpx.Client
) -> None:
    seeded.inject(400, {"status": 400, "code": "bad_request", "message": ""})
    seeded.inject(500)
    r = http.get(list_path())
    assert r.status_code == 400 and r.json()["message"] == ""
    r = http.get(list_path())
    assert (
        r.status_code == 500 and r.content == b"" and r.headers["content-length"] == "0"
    )


def test_inject_times_and_matching(seeded: DifyTestServer, http: httpx.Client) -> None:
    seeded.inject(
        429,
        {"status": 429, "code": "too_many_requests", "message": "slow"},
        times=2,
        method="PUT",
        path="/variables/",
    )
    assert http.get(list_path()).status_code == 200
    for _ in range(2):
        assert (
            http.put(var_path(variable_id(0, CID)), json={"value": "x"}).status_code
            == 429
        )
    assert seeded.variable(CID, variable_id(0, CID))["value"] == "value 0"
    assert (
        http.put(var_path(variable_id(0, CID)), json={"value": "x"}).status_code == 200
    )


def test_injected_response_bypasses_auth(seeded: DifyTestServer) -> None:
    seeded.inject(200, {"data": [], "has_more": True, "limit": 20})
    r = httpx.get(seeded.base_url + list_path(), timeout=5)
    assert r.json() == {"data": [], "has_more": True, "limit": 20}


def test_delay_next(seeded: DifyTestServer, http: httpx.Client) -> None:
    seeded.delay_next(0.3)
    assert seeded.pending_faults == 1
    assert http.get(list_path()).status_code == 200
    assert seeded.pending_faults == 0  # the first request used the delay
    assert http.get(list_path()).status_code == 200
    assert len(seeded.requests) == 2


def test_delay_makes_client_time_out(
    seeded: DifyTestServer, http: httpx.Client
) -> None:
    seeded.delay_next(1.0)
    with pytest.raises(httpx.ReadTimeout):
        http.get(list_path(), timeout=0.2)
    # the server keeps serving other requests meanwhile
    assert http.get(list_path()).status_code == 200
    assert len(seeded.requests) == 2


def test_server_state_is_json_clean(seeded: DifyTestServer) -> None:
    for item in seeded.variables(CID):
        assert json.loads(json.dumps(item)) == item
        assert set(item) == {
            "id",
            "name",
            "value_type",
            "value",
            "description",
            "created_at",
            "updated_at",
        }
