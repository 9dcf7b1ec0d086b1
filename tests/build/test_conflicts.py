"""The conflict pass knows the runtime's attributes: what the clients and resources have."""

from __future__ import annotations

import ast

from generator.conventions import CLIENT_ARGUMENTS, CLIENT_MEMBERS, RESOURCE_MEMBERS
from tests.paths import GENERATED, RUNTIME_DIR


def _public_members(module: str, classes: set[str]) -> set[str]:
    tree = ast.parse((RUNTIME_DIR / module).read_text(encoding="utf-8"))
    found: set[str] = set()
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef) or cls.name not in classes:
            continue
        for node in ast.walk(cls):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node in cls.body:
                    found.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                if isinstance(node.value, ast.Name) and node.value.id == "self":
                    found.add(node.attr)
            elif isinstance(node, ast.AnnAssign) and node in cls.body:
                if isinstance(node.target, ast.Name):
                    found.add(node.target.id)
    return {name for name in found if not name.startswith("_")}


def test_every_public_attribute_of_the_runtime_clients_is_reserved() -> None:
    members = _public_members(
        "_base_client.py", {"_BaseClient", "SyncAPIClient", "AsyncAPIClient"}
    )
    assert {"close", "aclose", "with_options", "request"} <= members
    assert members <= CLIENT_MEMBERS, sorted(members - CLIENT_MEMBERS)


def test_every_public_attribute_of_the_runtime_resources_is_reserved() -> None:
    members = _public_members("_resource.py", {"SyncAPIResource", "AsyncAPIResource"})
    assert members <= RESOURCE_MEMBERS, sorted(members - RESOURCE_MEMBERS)


def test_every_constructor_argument_of_the_clients_is_reserved() -> None:
    """A scheme's own key argument (build/auth.own_keys) never takes one of them."""
    client = GENERATED / "chatflow" / "en" / "dify_chatflow" / "_client.py"
    tree = ast.parse(client.read_text(encoding="utf-8"))
    found: set[str] = set()
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        for init in (n for n in cls.body if isinstance(n, ast.FunctionDef)):
            if init.name == "__init__":
                found |= {a.arg for a in init.args.args + init.args.kwonlyargs}
    assert {"self", "api_key", "base_url", "timeout", "http_client"} <= found
    assert found <= CLIENT_ARGUMENTS, sorted(found - CLIENT_ARGUMENTS)
