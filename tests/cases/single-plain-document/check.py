"""A single document whose path names no locale is the primary locale's (en)."""

import inspect
from typing import Any


def check(T: Any, client: Any, server: Any) -> None:
    method = type(client.status).retrieve
    assert (inspect.getdoc(method) or "").startswith("The service status.")
    status = client.status.retrieve()
    assert server.requests[-1].path == "/status"
    assert status.ok is True
