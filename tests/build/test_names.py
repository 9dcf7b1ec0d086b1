"""Names: identifiers, resources and verbs, collisions, overrides."""

from __future__ import annotations

import pytest

from generator.build.localize import localize
from generator.build.names import pascal, resource_and_verb, snake
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
        adhoc_target([SEEDS], "dify_chatflow"), names=target_names
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
        "GET /conversations/{conversation_id}/variables": "conversations.vars.fetch",
        "PUT /conversations/{conversation_id}/variables/{variable_id}": "conversations.vars.fetch_2",
    }
    assert notes == (
        "PUT /conversations/{conversation_id}/variables/{variable_id}: name conversations.vars.fetch taken, using fetch_2",
    )
