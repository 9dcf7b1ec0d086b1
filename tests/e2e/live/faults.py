"""Scripted faults: responses and delays queued by a test for the next matching requests."""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass
class Fault:
    status: int | None
    """None for a delay; else the status of the scripted response."""
    body: bytes
    headers: list[tuple[str, str]]
    remaining: int
    method: str | None
    path: str | None
    delay: float = 0.0

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method.upper() == method) and (
            self.path is None or self.path in path
        )


class FaultQueue:
    """Queued faults, used first-queued first for each request they match."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def add_response(
        self,
        status: int,
        body: Any = None,
        *,
        headers: Mapping[str, str] | None = None,
        content_type: str | None = None,
        times: int = 1,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        """Queue a scripted response (see ``DifyTestServer.inject`` for ``body``)."""
        if isinstance(body, (bytes, bytearray)):
            payload, default_ct = bytes(body), "application/octet-stream"
        elif isinstance(body, str):
            payload, default_ct = body.encode("utf-8"), "text/plain; charset=utf-8"
        elif body is None:
            payload, default_ct = b"", None
        else:
            payload, default_ct = json.dumps(body).encode("utf-8"), "application/json"
        hdrs = list((headers or {}).items())
        ctype = content_type or default_ct
        if ctype and not any(k.lower() == "content-type" for k, _ in hdrs):
            hdrs.insert(0, ("Content-Type", ctype))
        with self._lock:
            self._faults.append(Fault(status, payload, hdrs, times, method, path))

    def add_delay(
        self,
        seconds: float,
        *,
        times: int = 1,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        """Queue a delay of ``seconds`` before the response."""
        with self._lock:
            self._faults.append(
                Fault(None, b"", [], times, method, path, delay=seconds)
            )

    @property
    def pending(self) -> int:
        """Queued responses and delays not used yet."""
        with self._lock:
            return sum(f.remaining for f in self._faults)

    def take(self, method: str, path: str, delay: bool) -> Fault | None:
        """Use the first matching delay (``delay=True``) or response, if any."""
        with self._lock:
            for fault in self._faults:
                if (fault.status is None) == delay and fault.matches(method, path):
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                    return fault
        return None
