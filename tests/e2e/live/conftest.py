"""Fixtures for the live tests: a fresh loopback Dify server per test, and the generated client."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.packages import PackageImports
from tests.paths import GENERATED

from .server import DEFAULT_API_KEY, DifyTestServer

# DIFY_LIVE_CLIENT_DIR: test another build of the client (a directory holding dify_chatflow/).
GENERATED_DIR = Path(
    os.environ.get("DIFY_LIVE_CLIENT_DIR")
    or GENERATED / "conversation-variables" / "en"
)
PACKAGE = "dify_chatflow"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "allow_invalid_requests: the test sends requests that break the spec on purpose "
        "(server.validation_errors may be non-empty at the end)",
    )


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Iterator[DifyTestServer]:
    """A started server with no conversations.

    At teardown: every request must have matched the spec (``validation_errors == []``) unless
    the test is marked ``allow_invalid_requests``, and every injected fault must have been used.
    """
    srv = DifyTestServer().start()
    try:
        yield srv
    finally:
        srv.stop()
    if request.node.get_closest_marker("allow_invalid_requests") is None:
        errors = [str(e) for e in srv.validation_errors]
        assert errors == [], "requests that do not match the spec were sent"
    assert srv.pending_faults == 0, "injected responses/delays were not used"


@pytest.fixture
def api_key() -> str:
    return DEFAULT_API_KEY


@pytest.fixture
def sdk(generated_package: PackageImports) -> ModuleType:
    """The generated ``dify_chatflow`` package from ``generated/conversation-variables/en``
    (or ``$DIFY_LIVE_CLIENT_DIR``), imported from there and nowhere else."""
    return generated_package(GENERATED_DIR, PACKAGE)


@pytest.fixture
def chatflow_sdk(generated_package: PackageImports) -> ModuleType:
    """The generated ``dify_chatflow`` package of the whole Chatflow API
    (``generated/chatflow/en``): messages, files, audio, chat messages."""
    return generated_package(GENERATED / "chatflow" / "en", PACKAGE)
