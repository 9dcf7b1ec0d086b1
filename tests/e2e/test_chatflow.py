"""The full Chatflow target: imports, and exposes one method per operation."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import json
import re
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from tests.packages import PackageImports
from tests.paths import GENERATED, SPECS

SPEC = json.loads(
    (SPECS / "dify-chatflow/en/openapi_chatflow.json").read_text(encoding="utf-8")
)
_CALL = re.compile(r'self\._client\.request\w*\(\s*"(\w+)",\s*"([^"]+)"')


@pytest.fixture()
def chatflow(generated_package: PackageImports) -> ModuleType:
    return generated_package(GENERATED / "chatflow" / "en")


def _methods(resource: Any, path: str) -> Iterator[tuple[str, Any]]:
    for name, member in inspect.getmembers(type(resource)):
        if name.startswith("_") or name == "with_raw_response":
            continue
        if isinstance(member, property) or hasattr(
            member, "func"
        ):  # cached_property: a child
            yield from _methods(getattr(resource, name), f"{path}.{name}")
        elif inspect.isfunction(member):
            yield f"{path}.{name}", member


def test_one_method_per_operation(chatflow: ModuleType) -> None:
    client = chatflow.Client(api_key="sk-test", base_url="http://127.0.0.1:9")
    top = [
        n
        for n, m in inspect.getmembers(type(client))
        if hasattr(m, "func") and not n.startswith("_")
    ]
    calls: dict[tuple[str, str], list[str]] = {}
    for name in top:
        for dotted, fn in _methods(getattr(client, name), name):
            match = _CALL.search(inspect.getsource(fn))
            assert match, dotted
            calls.setdefault((match.group(1), match.group(2)), []).append(dotted)
    expected = {
        (method.upper(), path)
        for path, item in SPEC["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }
    assert len(expected) == 31
    assert set(calls) == expected
    # one method each, plus a streaming twin where the response is JSON or an event stream
    plain = {
        key: [d for d in names if not d.endswith("_stream")]
        for key, names in calls.items()
    }
    assert all(len(names) == 1 for names in plain.values()), plain
    assert plain[("POST", "/chat-messages/{task_id}/stop")] == ["chat_messages.stop"]
    assert plain[("GET", "/conversations/{conversation_id}/variables")] == [
        "conversations.variables.list"
    ]
    client.close()


EXPORTS = {
    "Client": "dify_chatflow._client",
    "AsyncClient": "dify_chatflow._client",
    "NotFoundError": "dify_chatflow._exceptions",
    "APIStatusError": "dify_chatflow._exceptions",
    "ChatCompletionResponse": "dify_chatflow.types.chat_completion_response",
}


def test_top_level_exports(chatflow: ModuleType) -> None:
    for name, module in EXPORTS.items():
        assert name in chatflow.__all__
        value = getattr(chatflow, name)
        assert inspect.isclass(value), (name, value)
        assert (value.__name__, value.__module__) == (name, module)
        assert value is getattr(importlib.import_module(module), name)
    assert issubclass(chatflow.NotFoundError, chatflow.APIStatusError)
    # the model is the spec's schema: its fields, in order, and it reads a real payload
    schema = SPEC["components"]["schemas"]["ChatCompletionResponse"]
    model = chatflow.ChatCompletionResponse
    assert [f.name for f in dataclasses.fields(model)] == list(schema["properties"])
    response = model.from_dict(
        {
            "event": "message",
            "answer": "Hello",
            "created_at": 1705407629,
            "metadata": {"usage": {"total_tokens": 7}},
        }
    )
    assert (response.event, response.answer, response.created_at) == (
        "message",
        "Hello",
        1705407629,
    )
    assert response.conversation_id is None
    assert type(response.metadata).__name__ == "ChatCompletionResponseMetadata"
    assert response.metadata.usage.total_tokens == 7


def test_async_client_mirrors_sync(chatflow: ModuleType) -> None:
    sync = chatflow.Client(api_key="k", base_url="http://127.0.0.1:9")
    asy = chatflow.AsyncClient(api_key="k", base_url="http://127.0.0.1:9")
    assert inspect.iscoroutinefunction(asy.conversations.variables.update)
    # a listing is not awaited first: it returns a paginator (await it, or async for)
    assert not inspect.iscoroutinefunction(asy.conversations.variables.list)
    returns = inspect.signature(asy.conversations.variables.list).return_annotation
    assert str(returns).startswith("AsyncPaginator[")
    assert inspect.signature(sync.chat_messages.create) == inspect.signature(
        asy.chat_messages.create
    ).replace(
        return_annotation=inspect.signature(sync.chat_messages.create).return_annotation
    )
    sync.close()
