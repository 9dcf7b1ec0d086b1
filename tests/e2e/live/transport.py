"""HTTP plumbing for the test server: the threaded socket server, its handler, JSON responses.

The handler reads each request (``Content-Length`` or chunked body), hands it to the server's
``dispatch`` callable and writes back the ``Response`` triple it returns.  No API behaviour here.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Response = tuple[int, list[tuple[str, str]], bytes]
"""Status, headers, payload."""

Dispatch = Callable[[str, str, Any, bytes], Response]
"""(method, raw request target, request headers, body) → response."""


def json_response(
    status: int, body: Any, extra: Iterable[tuple[str, str]] = ()
) -> Response:
    payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
    return status, [("Content-Type", "application/json"), *extra], payload


def error_response(status: int, code: str, message: str) -> Response:
    """A Dify error body: ``{"status": ..., "code": ..., "message": ...}``."""
    return json_response(status, {"status": status, "code": code, "message": message})


class LoopbackHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    dispatch: Dispatch

    def __init__(self, server_address: tuple[str, int], dispatch: Dispatch) -> None:
        super().__init__(server_address, RequestHandler)
        self.dispatch = dispatch

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # a client that gave up (timeout tests) is not a server bug
        super().handle_error(request, client_address)


class RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "DifyTestServer/1.0"
    sys_version = ""
    server: LoopbackHTTPServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _handle(self) -> None:
        body = self._read_body()
        status, headers, payload = self.server.dispatch(
            self.command, self.path, self.headers, body
        )
        try:
            self.send_response(status)
            names = {k.lower() for k, _ in headers}
            for k, v in headers:
                self.send_header(k, v)
            if "content-length" not in names:
                self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    do_GET = do_PUT = do_POST = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _handle
