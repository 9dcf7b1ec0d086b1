"""The walk over generated clients (tests/e2e/walk.py) on the Dify targets in generated/, and
on hand-made classes with the bugs it exists to catch (the runtime cases are walked in
test_client_cases.py)."""

from __future__ import annotations

import asyncio
import importlib
from functools import cached_property

import pytest

from generator.config import load_config
from generator.pipeline import build_api
from tests.e2e.walk import (
    assert_file_names_unique_ignoring_case,
    stream_twins,
    walk,
)
from tests.packages import PackageImports
from tests.paths import GENERATED, ROOT

TARGETS = [t for t in load_config(ROOT / "pyproject.toml").targets]


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_every_name_of_a_dify_client_works(
    target: object, generated_package: PackageImports
) -> None:
    api, _ = build_api(target)  # type: ignore[arg-type]
    name = target.name  # type: ignore[attr-defined]
    for locale in api.locales:
        assert_file_names_unique_ignoring_case(GENERATED / name / locale)
        package = generated_package(GENERATED / name / locale)
        resource = importlib.import_module(f"{package.__name__}._resource")
        for client_class, base, is_async in (
            (package.Client, resource.SyncAPIResource, False),
            (package.AsyncClient, resource.AsyncAPIResource, True),
        ):
            client = client_class(api_key="k", base_url="http://127.0.0.1:9")
            try:
                methods = walk(client, base, is_async)
            finally:
                asyncio.run(client.aclose()) if is_async else client.close()
            assert len(methods) - len(stream_twins(methods)) == len(api.operations)


class _Resource:
    def __init__(self, client: object) -> None:
        self._client = client


class _Threads(_Resource):
    def retrieve(self) -> None: ...


class _Assistant(_Resource):
    @cached_property
    def threads(self) -> _Threads:
        return _Threads(self._client)


class _Projects(_Resource):
    @cached_property
    def assistant(self) -> _Assistant:
        return _Assistant(self._client)


class _Client:
    @cached_property
    def projects(self) -> _Projects:
        return _Projects(self)


def test_the_walk_finds_every_method() -> None:
    assert walk(_Client(), _Resource, False) == [
        "client.projects.assistant.threads.retrieve"
    ]


def test_the_walk_catches_a_method_that_overrides_a_resource() -> None:
    # issue 11's bug: ``def assistant`` after the ``assistant`` property in one class body
    # replaces it, so the threads resource and its method are unreachable: one method
    # short of the two operations
    class Projects(_Resource):
        @cached_property
        def assistant(self) -> _Assistant:
            return _Assistant(self._client)

        def assistant(self) -> None:  # type: ignore[no-redef]  # noqa: F811
            ...

    class Client:
        @cached_property
        def projects(self) -> Projects:
            return Projects(self)

    assert walk(Client(), _Resource, False) == ["client.projects.assistant"]


def test_the_walk_catches_a_subclass_member_shadowing_its_base() -> None:
    class Client(_Client):
        def close(self) -> None: ...

    class Shadowing(Client):
        @cached_property
        def close(self) -> _Projects:  # type: ignore[override]
            return _Projects(self)

    with pytest.raises(AssertionError, match=r"\['close'\] shadow members of Client"):
        walk(Shadowing(), _Resource, False)


def test_the_walk_catches_a_property_that_is_not_a_resource() -> None:
    class Client(_Client):
        @cached_property
        def widgets(self) -> type:
            return dict  # a model class where a resource should be

    with pytest.raises(AssertionError, match="client.widgets is type, not a resource"):
        walk(Client(), _Resource, False)
