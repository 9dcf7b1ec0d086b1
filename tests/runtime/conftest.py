"""Fixtures: the runtime modules copied into a throwaway package, and a real server.

The package ``rtpkg`` holds the runtime modules verbatim plus a small hand-written
``types`` package laid out like a generated one (one module per model, lazy
``__init__``). The server is a ``ThreadingHTTPServer`` on 127.0.0.1 whose routes
live under ``/v1`` so that every test also checks that the base URL path is kept.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.packages import PackageImports
from tests.paths import RUNTIME_DIR

PACKAGE = "rtpkg"

TYPES_FILES = {
    "__init__.py": '''\
"""Models of the test package, exported lazily like generated ones."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .author import Author
    from .item import Item
    from .item_page import ItemPage
    from .node import Node

__all__ = ["Author", "Item", "ItemPage", "Node"]

_MODULES = {
    "Author": ".author",
    "Item": ".item",
    "ItemPage": ".item_page",
    "Node": ".node",
}


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(name)
    return getattr(importlib.import_module(_MODULES[name], __name__), name)
''',
    "author.py": '''\
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .._models import BaseModel


@dataclass(kw_only=True, repr=False, eq=False)
class Author(BaseModel):
    """An author; ``name`` is required."""

    name: str
    role: Literal["admin", "user"] | None = None
''',
    "item.py": '''\
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._models import BaseModel

if TYPE_CHECKING:
    from .author import Author


@dataclass(kw_only=True, repr=False, eq=False)
class Item(BaseModel):
    """An item with a nested model and a field whose wire name is ``from``."""

    id: str
    score: float | None = None
    tags: list[str] | None = None
    author: Author | None = None
    authors: dict[str, Author] | None = None
    value: int | str | list[Author] | None = None
    meta: Any = None
    from_: str | None = field(default=None, metadata={"wire": "from"})
''',
    "item_page.py": """\
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._models import BaseModel

if TYPE_CHECKING:
    from .item import Item


@dataclass(kw_only=True, repr=False, eq=False)
class ItemPage(BaseModel):
    limit: int | None = None
    has_more: bool | None = None
    data: list[Item] | None = None
""",
    "node.py": '''\
from __future__ import annotations

from dataclasses import dataclass

from .._models import BaseModel


@dataclass(kw_only=True, repr=False, eq=False)
class Node(BaseModel):
    """A self-recursive model."""

    name: str | None = None
    children: list[Node] | None = None
    parent: Node | None = None
''',
}


@pytest.fixture(scope="session")
def pkg_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the package ``rtpkg`` (runtime copy + test models)."""
    root = tmp_path_factory.mktemp("rt")
    pkg = root / PACKAGE
    (pkg / "types").mkdir(parents=True)
    for module in RUNTIME_DIR.glob("*.py"):
        shutil.copy(module, pkg / module.name)
    (pkg / "__init__.py").write_text('"""Runtime test package."""\n')
    (pkg / "py.typed").write_text("")
    for name, text in TYPES_FILES.items():
        (pkg / "types" / name).write_text(text)
    return root


class Runtime:
    """The imported runtime modules of ``rtpkg``."""

    def __init__(self) -> None:
        import importlib

        def load(name: str) -> ModuleType:
            return importlib.import_module(f"{PACKAGE}.{name}")

        self.types = load("_types")
        self.exceptions = load("_exceptions")
        self.models = load("_models")
        self.base = load("_base_client")
        self.pagination = load("_pagination")
        self.response = load("_response")
        self.streaming = load("_streaming")
        self.resource = load("_resource")
        self.model_types = load("types")


@pytest.fixture(scope="session")
def rt(pkg_root: Path) -> Iterator[Runtime]:
    with PackageImports() as imports:
        imports(pkg_root, PACKAGE)
        yield Runtime()


# --- the server ------------------------------------------------------------------

ITEM_JSON: dict[str, Any] = {
    "id": "it-1",
    "score": 3,
    "tags": ["a", "b"],
    "author": {"name": "Ann", "role": "admin", "mood": "happy"},
    "authors": {"x": {"name": "Xi"}},
    "value": [{"name": "V"}],
    "meta": {"free": ["form"]},
    "from": "web",
    "unknown_key": {"kept": True},
}
PAGE_ITEMS = [f"i{n}" for n in range(1, 8)]  # 7 items, pages of `limit`


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: LocalServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(
        self,
        status: int,
        body: bytes | str | object,
        *,
        content_type: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> None:
        if isinstance(body, str):
            raw = body.encode()
        elif isinstance(body, bytes):
            raw = body
        else:
            raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(raw)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(raw)

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw_body = self.rfile.read(length) if length else b""
        split = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(split.query).items()}
        record = {
            "method": self.command,
            "path": split.path,
            "raw_path": self.path,
            "query": query,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": raw_body.decode("utf-8", "replace"),
        }
        self.server.requests.append(record)
        if not split.path.startswith("/v1/"):
            self._send(404, "<html>no /v1 prefix</html>", content_type="text/html")
            return
        parts = split.path[len("/v1/") :].split("/")
        route = getattr(self, "route_" + parts[0].replace("-", "_"), None)
        if route is None:
            self._send(
                404, "<html><body>Not Found</body></html>", content_type="text/html"
            )
            return
        route(parts[1:], query, record)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

    def route_echo(self, parts: list[str], query: dict[str, str], record: Any) -> None:
        self._send(200, record)

    def route_status(
        self, parts: list[str], query: dict[str, str], record: Any
    ) -> None:
        status, kind = int(parts[0]), (parts[1] if len(parts) > 1 else "json")
        if kind == "html":
            self._send(status, "<html><h1>Oops</h1></html>", content_type="text/html")
        elif kind == "empty":
            self._send(status, {"status": status, "code": "", "message": ""})
        elif kind == "nobody":
            self._send(status, b"")
        else:
            body = {
                "status": status,
                "code": f"code_{status}",
                "message": f"msg {status}",
            }
            self._send(status, body)

    def route_flaky(self, parts: list[str], query: dict[str, str], record: Any) -> None:
        """Fails `fails` times with `status` (and Retry-After headers), then 200."""
        key = parts[0]
        with self.server.lock:
            count = self.server.counters.get(key, 0) + 1
            self.server.counters[key] = count
        if count <= int(query.get("fails", "1")):
            headers = {}
            if "retry_after" in query:
                headers["Retry-After"] = query["retry_after"]
            if "retry_after_ms" in query:
                headers["retry-after-ms"] = query["retry_after_ms"]
            status = int(query.get("status", "503"))
            self._send(
                status, {"code": "busy", "message": "try later"}, headers=headers
            )
        else:
            self._send(200, {"attempts": count})

    def route_slow(self, parts: list[str], query: dict[str, str], record: Any) -> None:
        time.sleep(float(query.get("delay", "1")))
        try:
            self._send(200, {"slow": True})
        except OSError:
            pass

    def route_items(self, parts: list[str], query: dict[str, str], record: Any) -> None:
        """Cursor pages over PAGE_ITEMS; `mode` simulates misbehaving servers."""
        limit = int(query.get("limit", "3"))
        mode = query.get("mode", "")
        last = query.get("last_id")
        start = PAGE_ITEMS.index(last) + 1 if last else 0
        if mode == "repeat":  # always the first page, always has_more
            start = 0
        data = PAGE_ITEMS[start : start + limit]
        has_more = start + limit < len(PAGE_ITEMS) or mode in ("empty", "repeat")
        if mode == "empty" and last == PAGE_ITEMS[-1]:
            data = []
        self._send(
            200,
            {"limit": limit, "has_more": has_more, "data": [{"id": i} for i in data]},
        )

    def route_item(self, parts: list[str], query: dict[str, str], record: Any) -> None:
        self._send(200, ITEM_JSON)

    def route_sse(self, parts: list[str], query: dict[str, str], record: Any) -> None:
        body = (
            ": comment line\r\n"
            "event: ping\r\n\r\n"
            'data: {"event": "message", "answer": "Hel"}\r\n\r\n'
            "event: message\n"
            'data: {"event": "message",\n'
            'data: "answer": "lo"}\n\n'
            "data:not json\n\n"
            "id: 7\nretry: 10\n\n"
            'data: {"event": "message_end"}\n\n'
            "data: [DONE]\n\n"
        )
        self._send(200, body, content_type="text/event-stream; charset=utf-8")

    def route_sse_echo(
        self, parts: list[str], query: dict[str, str], record: Any
    ) -> None:
        """Answers the event-stream text the request's JSON body holds under "sse"."""
        body = json.loads(record["body"])["sse"]
        self._send(200, body, content_type="text/event-stream; charset=utf-8")


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[dict[str, Any]] = []
        self.counters: dict[str, int] = {}
        self.lock = threading.Lock()

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that gave up (timeouts) make writes fail; that is expected

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture(scope="session")
def server() -> Iterator[LocalServer]:
    srv = LocalServer()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
