"""Fixtures for the live tests: a fresh loopback Dify server per test, and the generated client."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

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


def _drop_package_modules() -> None:
    for name in list(sys.modules):
        if name == PACKAGE or name.startswith(PACKAGE + "."):
            del sys.modules[name]


@pytest.fixture(scope="session")
def sdk() -> Iterator[ModuleType]:
    """The generated ``dify_chatflow`` package from ``generated/conversation-variables/en``."""
    assert (
        GENERATED_DIR / PACKAGE / "__init__.py"
    ).is_file(), f"generated client missing: {GENERATED_DIR / PACKAGE}; run python -m generator generate"
    _drop_package_modules()  # never pick up a same-named package imported from elsewhere
    sys.path.insert(0, str(GENERATED_DIR))
    try:
        module = importlib.import_module(PACKAGE)
        assert module.__file__ is not None
        assert (
            Path(module.__file__).resolve().is_relative_to(GENERATED_DIR.resolve())
        ), f"imported {PACKAGE} from {module.__file__}, not from {GENERATED_DIR}"
        yield module
    finally:
        if str(GENERATED_DIR) in sys.path:
            sys.path.remove(str(GENERATED_DIR))
        _drop_package_modules()
