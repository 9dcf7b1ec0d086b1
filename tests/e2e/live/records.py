"""What the test server records for the tests to inspect: requests and validation failures."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    """Raw path as received (percent-encoding intact), without the query string."""
    target: str
    """Raw request target as received (path and query)."""
    query: dict[str, list[str]]
    headers: dict[str, str]
    """Header names lower-cased; repeated headers joined with ", "."""
    body: bytes

    @property
    def segments(self) -> list[str]:
        """Decoded path segments (without the leading empty one)."""
        return [unquote(s) for s in self.path.split("/")[1:]]

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


@dataclass(frozen=True)
class ValidationFailure:
    method: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.method} {self.path}: {self.message}"
