"""A loopback HTTP/1.1 server with keep-alive that answers every GET with canned JSON."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The body of GET /info (an ``AppInfoResponse`` of the Chatflow API).
INFO_BODY: bytes = json.dumps(
    {
        "name": "Benchmark App",
        "description": "A canned response served from the loopback interface.",
        "tags": ["bench", "loopback"],
        "mode": "advanced-chat",
        "author_name": "bench",
    }
).encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = (
        "HTTP/1.1"  # keep-alive: one connection for all calls of a client
    )
    disable_nagle_algorithm = True  # headers and body are written separately

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(INFO_BODY)))
        self.end_headers()
        self.wfile.write(INFO_BODY)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Silence the per-request log line."""


@contextmanager
def serve() -> Iterator[str]:
    """Run the server on an ephemeral 127.0.0.1 port in a thread; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, name="bench-loopback", daemon=True
    )
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
