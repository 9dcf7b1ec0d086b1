"""Names: identifiers, resources and verbs, collisions, overrides."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build.localize import localize
from generator.build.names import param_name, pascal, resource_and_verb, snake
from generator.build.shape import build_shape
from generator.config import adhoc_target
from generator.ingest.load import load
from generator.merge.api import merge
from tests.paths import SPECS

SEEDS = str(SPECS / "seeds")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("getInfo", "get_info"),
        ("class", "class_"),
        ("from", "from_"),
        ("2fa", "field_2fa"),
        ("会话", "field"),
        ("API_KEY", "api_key"),
        ("self", "self_"),
    ],
)
def test_snake(raw: str, expected: str) -> None:
    assert snake(raw) == expected


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("DateSent<", "date_sent_before"),
        ("DateSent>", "date_sent_after"),
        ("StartTime<=", "start_time_on_or_before"),
        ("StartTime>=", "start_time_on_or_after"),
        ("<", "arg"),
        ("page_size", "page_size"),
    ],
)
def test_comparison_suffixes_read_as_words(wire: str, expected: str) -> None:
    assert param_name(wire) == expected


def test_pascal() -> None:
    assert pascal("app_info-response") == "AppInfoResponse"
    assert pascal("ConversationVariableItem") == "ConversationVariableItem"
    assert pascal("返回") == "Model"


@pytest.mark.parametrize(
    ("method", "path", "collection", "expected"),
    [
        (
            "get",
            "/conversations/{conversation_id}/variables",
            True,
            (("conversations", "variables"), "list"),
        ),
        (
            "put",
            "/conversations/{conversation_id}/variables/{variable_id}",
            False,
            (("conversations", "variables"), "update"),
        ),
        ("post", "/chat-messages/{task_id}/stop", False, (("chat_messages",), "stop")),
        ("post", "/chat-messages", False, (("chat_messages",), "create")),
        (
            "delete",
            "/conversations/{conversation_id}",
            False,
            (("conversations",), "delete"),
        ),
        ("get", "/end-users/{end_user_id}", False, (("end_users",), "retrieve")),
        ("get", "/info", False, (("info",), "retrieve")),
        ("post", "/files/upload", False, (("files",), "upload")),
        # issue 11: POST on an item updates it; versions and extensions name nothing
        ("post", "/pets/{pet_id}", False, (("pets",), "update")),
        ("get", "/v2/pets", True, (("pets",), "list")),
        ("get", "/v1beta1/pets/{id}", False, (("pets",), "retrieve")),
        (
            "get",
            "/2010-04-01/Accounts/{AccountSid}/Messages.json",
            True,
            (("accounts", "messages"), "list"),
        ),
        (
            "post",
            "/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json",
            False,
            (("accounts", "messages"), "update"),
        ),
        ("get", "/", False, ((), "retrieve")),
        ("post", "/", False, ((), "create")),
        ("get", "/v2", True, ((), "list")),
    ],
)
def test_resource_and_verb(
    method: str, path: str, collection: bool, expected: tuple[tuple[str, ...], str]
) -> None:
    assert resource_and_verb(method, path, collection) == expected


def _methods(
    target_names: tuple[tuple[str, str], ...] = (),
) -> tuple[dict[str, str], tuple[str, ...]]:
    import dataclasses

    api, _ = merge(load([SEEDS]))
    target = dataclasses.replace(
        adhoc_target([SEEDS], "dify_chatflow"), rename=target_names
    )
    shape = build_shape(api, target)
    client = localize(shape, "en")
    found = {}
    stack = [(m.resource, m.resource.attr) for m in client.resources]
    while stack:
        resource, path = stack.pop()
        for method in resource.methods:
            found[f"{method.http_method} {method.path}"] = f"{path}.{method.name}"
        stack += [(c, f"{path}.{c.attr}") for c in resource.children]
    return found, shape.notes


def test_seed_names() -> None:
    found, notes = _methods()
    assert found == {
        "GET /conversations/{conversation_id}/variables": "conversations.variables.list",
        "PUT /conversations/{conversation_id}/variables/{variable_id}": "conversations.variables.update",
    }
    assert notes == ()


def test_override_and_collision_are_deterministic_and_reported() -> None:
    found, notes = _methods(
        (
            (
                "GET /conversations/{conversation_id}/variables",
                "conversations.vars.fetch",
            ),
            (
                "PUT /conversations/{conversation_id}/variables/{variable_id}",
                "conversations.vars.fetch",
            ),
        )
    )
    assert found == {
        # an item path chooses first; the other takes its operationId's name
        "GET /conversations/{conversation_id}/variables": "conversations.vars.get_advanced_conversation_variables",
        "PUT /conversations/{conversation_id}/variables/{variable_id}": "conversations.vars.fetch",
    }
    assert notes == (
        "GET /conversations/{conversation_id}/variables: name conversations.vars.fetch taken, using get_advanced_conversation_variables",
    )


def _shape_names(
    spec: dict[str, object], tmp_path: Path, **target: object
) -> tuple[dict[str, str], tuple[str, ...]]:
    """{"METHOD /path": "resource.method"} of a document, and the build's notes."""
    import dataclasses

    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "openapi.json").write_text(json.dumps(spec))
    api, _ = merge(load([str(tmp_path)]))
    shape = build_shape(api, dataclasses.replace(adhoc_target([str(tmp_path)]), **target))
    found = {}
    for m in shape.methods:
        found[f"{m.operation.method.upper()} {m.operation.path}"] = m.name
    stack = list(shape.resources)
    while stack:
        resource = stack.pop()
        for m in resource.methods:
            op = m.operation
            found[f"{op.method.upper()} {op.path}"] = ".".join(resource.path + (m.name,))
        stack += resource.children
    return found, shape.notes


def _op(operation_id: str = "", array: bool = False) -> dict[str, object]:
    schema: dict[str, object] = {"type": "object", "properties": {"id": {"type": "string"}}}
    if array:
        schema = {"type": "array", "items": schema}
    content = {"application/json": {"schema": schema}}
    op: dict[str, object] = {"responses": {"200": {"description": "ok", "content": content}}}
    if operation_id:
        op["operationId"] = operation_id
    return op


def _spec(paths: dict[str, object]) -> dict[str, object]:
    return {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": paths}


ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}


def test_pets_list_retrieve_update_and_the_root(tmp_path: Path) -> None:
    found, notes = _shape_names(
        _spec(
            {
                "/": {"get": _op()},
                "/pets": {"get": _op(array=True), "post": _op()},
                "/pets/{id}": {
                    "parameters": [ID],
                    "get": _op(),
                    "post": _op(),
                    "delete": _op(),
                },
            }
        ),
        tmp_path,
    )
    assert found == {
        "GET /": "retrieve",
        "GET /pets": "pets.list",
        "POST /pets": "pets.create",
        "GET /pets/{id}": "pets.retrieve",
        "POST /pets/{id}": "pets.update",
        "DELETE /pets/{id}": "pets.delete",
    }
    assert notes == ()


def test_a_method_named_like_a_sub_resource_moves_into_it(tmp_path: Path) -> None:
    tid = {**ID, "name": "tid"}
    found, notes = _shape_names(
        _spec(
            {
                "/projects/{id}/assistant": {"parameters": [ID], "get": _op()},
                "/projects/{id}/assistant/threads/{tid}": {
                    "parameters": [ID, tid],
                    "get": _op(),
                },
            }
        ),
        tmp_path,
    )
    assert found == {
        "GET /projects/{id}/assistant": "projects.assistant.retrieve",
        "GET /projects/{id}/assistant/threads/{tid}": "projects.assistant.threads.retrieve",
    }
    assert notes == (
        "GET /projects/{id}/assistant: projects.assistant is a resource, using "
        "projects.assistant.retrieve",
    )


def test_an_override_never_shadows_a_sub_resource(tmp_path: Path) -> None:
    found, notes = _shape_names(
        _spec({"/a/{id}": {"parameters": [ID], "get": _op()}, "/a/bs": {"get": _op()}}),
        tmp_path,
        rename=(("GET /a/{id}", "bs"),),
    )
    assert found == {"GET /a/{id}": "a.bs_2", "GET /a/bs": "a.bs.retrieve"}
    assert notes == ("GET /a/{id}: name a.bs taken by a resource, using bs_2",)


def test_a_rename_of_no_operation_is_reported(tmp_path: Path) -> None:
    found, notes = _shape_names(
        _spec({"/a": {"get": _op()}}), tmp_path, rename=(("GET /b", "x"),)
    )
    assert found == {"GET /a": "a.retrieve"}
    assert notes == ("rename: GET /b is not an operation of the spec",)


def test_names_from_operation_ids(tmp_path: Path) -> None:
    found, notes = _shape_names(
        _spec(
            {
                "/pets": {"get": _op("listPets", array=True), "post": _op()},
                "/pets/{id}": {"parameters": [ID], "get": _op("showPetById")},
            }
        ),
        tmp_path,
        names="operation_id",
    )
    # an operation without an operationId keeps its path name
    assert found == {
        "GET /pets": "pets.list_pets",
        "POST /pets": "pets.create",
        "GET /pets/{id}": "pets.show_pet_by_id",
    }
    assert notes == ()


def test_resource_classes_never_share_a_name(tmp_path: Path) -> None:
    # /a_b/cs and /a/b_cs would both be class ABCs
    found, notes = _shape_names(
        _spec({"/a_b/cs": {"get": _op()}, "/a/b_cs": {"get": _op()}}), tmp_path
    )
    assert found == {"GET /a_b/cs": "a_b.cs.retrieve", "GET /a/b_cs": "a.b_cs.retrieve"}
    assert notes == (
        "resource class ABCs renamed ABCsResource: another class has the name ABCs",
    )
