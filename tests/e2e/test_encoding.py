"""A generated client sends what its spec describes: parameter styles, form and multipart bodies.

The client is generated from the small spec below (written to a tmp folder), passes
``mypy --strict`` together with a module that calls it with array and object arguments, and
runs, sync and async, against a loopback ``http.server`` that records each raw request
(the request target as sent, the headers, the body bytes). No transport is mocked.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.cli import main
from tests.packages import PackageImports

PACKAGE = "enc_client"

ARRAY = {"type": "array", "items": {"type": "string"}}
INTS = {"type": "array", "items": {"type": "integer"}}
POINT = {
    "type": "object",
    "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}},
}
OK = {
    "200": {
        "description": "ok",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Ok"}}
        },
    }
}


def param(name: str, where: str, schema: object, **extra: object) -> dict[str, object]:
    return {"name": name, "in": where, "schema": schema, **extra}


SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Encodings", "version": "1.0"},
    "servers": [{"url": "http://127.0.0.1:9/v1"}],
    "paths": {
        "/items/{ids}": {
            "get": {
                "operationId": "getItems",
                "parameters": [
                    param("ids", "path", INTS, required=True),
                    param("tags", "query", ARRAY),
                    param("csv", "query", ARRAY, explode=False),
                    param("point", "query", POINT),
                    param("pair", "query", POINT, explode=False),
                    param(
                        "filter",
                        "query",
                        {"type": "object", "additionalProperties": {"type": "string"}},
                        style="deepObject",
                        explode=True,
                    ),
                    param(
                        "words", "query", ARRAY, style="spaceDelimited", explode=False
                    ),
                    param("pipes", "query", INTS, style="pipeDelimited", explode=False),
                    param("flag", "query", {"type": "boolean"}),
                    param("X-Tags", "header", ARRAY),
                    param("X-Ids", "header", INTS, required=True),
                    param("X-Point", "header", POINT, explode=True),
                    param("X-Pair", "header", POINT),
                    param("session", "cookie", {"type": "string"}, required=True),
                    param("prefs", "cookie", ARRAY, explode=False),
                ],
                "responses": OK,
            }
        },
        "/uploads": {
            "post": {
                "operationId": "upload",
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file"],
                                "properties": {
                                    "meta": {
                                        "type": "object",
                                        "properties": {
                                            "name": {"type": "string"},
                                            "size": {"type": "integer"},
                                            "tags": ARRAY,
                                        },
                                    },
                                    "tags": ARRAY,
                                    "csv": INTS,
                                    "note": {"type": "string"},
                                    "count": {"type": "integer"},
                                    "public": {"type": "boolean"},
                                    "file": {"type": "string", "format": "binary"},
                                    "extras": {
                                        "type": "array",
                                        "items": {"type": "string", "format": "binary"},
                                    },
                                },
                            },
                            "encoding": {
                                "csv": {"style": "form", "explode": False},
                                "note": {"contentType": "text/markdown"},
                                "file": {"contentType": "image/png"},
                            },
                        }
                    },
                },
                "responses": OK,
            }
        },
        "/notes": {
            "post": {
                "operationId": "createNote",
                "requestBody": {
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "title": {"type": "string"},
                                    "inputs": {"type": "object"},
                                },
                            }
                        }
                    }
                },
                "responses": OK,
            }
        },
        "/blobs": {
            "put": {
                "operationId": "putBlob",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/octet-stream": {
                            "schema": {"type": "string", "format": "binary"}
                        }
                    },
                },
                "responses": OK,
            }
        },
        "/texts": {
            "post": {
                "operationId": "postText",
                "requestBody": {
                    "content": {"text/plain": {"schema": {"type": "string"}}}
                },
                "responses": OK,
            }
        },
        "/forms": {
            "post": {
                "operationId": "submitForm",
                "requestBody": {
                    "content": {
                        "application/x-www-form-urlencoded": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "name": {"type": "string"},
                                    "tags": ARRAY,
                                    "meta": POINT,
                                    "deep": POINT,
                                    "csv": INTS,
                                    "agree": {"type": "boolean"},
                                },
                            },
                            "encoding": {
                                "deep": {"style": "deepObject", "explode": True},
                                "csv": {"explode": False},
                            },
                        }
                    }
                },
                "responses": {"204": {"description": "done"}},
            }
        },
    },
    "components": {
        "schemas": {"Ok": {"type": "object", "properties": {"ok": {"type": "boolean"}}}}
    },
}

USAGE = '''\
"""Calls with array and object arguments: mypy --strict must accept them."""

from __future__ import annotations

from enc_client import AsyncClient, Client, Ok


def calls(client: Client) -> Ok:
    client.forms.create(tags=["a"], meta={"x": 1}, csv=[1, 2], agree=True)
    client.notes.create(title="t", inputs={"a": {"b": [1]}})
    client.blobs.update(body=b"\x00")
    client.texts.create(body="text")
    client.uploads.create(file=("a.png", b"x"), extras=[b"1", ("b.txt", b"2")])
    return client.items.retrieve(
        [1, 2],
        tags=["a"],
        point={"x": 1},
        x_tags=["a", "b"],
        x_ids=[1],
        x_point={},
        session="s",
    )


async def async_calls(client: AsyncClient) -> Ok:
    return await client.items.retrieve(
        [1], x_ids=[1, 2], x_pair={"x": 1, "y": 2}, session="s", prefs=["a"]
    )
'''


# --- the generated client ----------------------------------------------------------


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("encoding")
    specs = root / "specs" / "en"
    specs.mkdir(parents=True)
    (specs / "openapi.json").write_text(json.dumps(SPEC), encoding="utf-8")
    code = main(
        [
            *("generate", "--no-cache", "--specs", str(root / "specs")),
            *("--package", PACKAGE, "--out", str(root / "out")),
        ]
    )
    assert code == 0
    return root / "out" / "en"


@pytest.fixture(scope="module")
def package(out: Path) -> Iterator[ModuleType]:
    with PackageImports() as imports:
        yield imports(out, PACKAGE)


def test_generated_code_passes_mypy_strict(out: Path, tmp_path: Path) -> None:
    (tmp_path / "enc_usage.py").write_text(USAGE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental"]
        + ["--cache-dir", str(tmp_path / "cache"), "-p", PACKAGE, "-m", "enc_usage"],
        env={"MYPYPATH": f"{out}:{tmp_path}", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_calls_pass_only_non_default_encodings(out: Path) -> None:
    items = (out / PACKAGE / "resources" / "items.py").read_text(encoding="utf-8")
    call = items[items.index("query_styles={") : items.index("headers=")]
    assert [line.strip() for line in call.splitlines()[1:-2]] == [
        '"csv": ("form", False),',
        '"pair": ("form", False),',
        '"filter": ("deepObject", True),',
        '"words": ("spaceDelimited", False),',
        '"pipes": ("pipeDelimited", False),',
    ]
    assert '"X-Point": ("simple", True),' in items
    assert '"prefs": ("form", False),' in items and '"session": (' not in items
    assert "path_styles" not in items and '"X-Pair": (' not in items
    notes = (out / PACKAGE / "resources" / "notes.py").read_text(encoding="utf-8")
    assert "multipart=True," in notes and "encoding=" not in notes


# --- the server --------------------------------------------------------------------


class Recorder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: RecordingServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.requests.append(
            {
                "method": self.command,
                "target": self.path,
                "headers": [(k.lower(), v) for k, v in self.headers.items()],
                "body": body,
            }
        )
        if self.path.startswith("/v1/forms"):
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        payload = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = _handle


class RecordingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Recorder)
        self.requests: list[dict[str, Any]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def last(self) -> dict[str, Any]:
        return self.requests[-1]


@pytest.fixture(scope="module")
def server() -> Iterator[RecordingServer]:
    srv = RecordingServer()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


def header(record: dict[str, Any], name: str) -> list[str]:
    return [v for k, v in record["headers"] if k == name]


def multipart(record: dict[str, Any]) -> list[tuple[str, str | None, bytes]]:
    """(Content-Disposition, Content-Type, content) of each part, in order."""
    (content_type,) = header(record, "content-type")
    assert content_type.startswith("multipart/form-data; boundary=")
    raw = f"Content-Type: {content_type}\r\n\r\n".encode() + record["body"]
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
    out = []
    for part in message.iter_parts():
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        ctype = part.get("Content-Type")
        out.append(
            (
                str(part["Content-Disposition"]),
                None if ctype is None else str(ctype),
                payload,
            )
        )
    return out


def call(package: ModuleType, server: RecordingServer, kind: str, name: str) -> Any:
    """Runs SCENARIOS[name] with a sync or async client; returns the method's result."""
    cls = package.Client if kind == "sync" else package.AsyncClient
    client = cls(base_url=f"{server.url}/v1", max_retries=0)  # the spec needs no key
    method, args, kwargs = SCENARIOS[name]

    async def run() -> Any:
        resource, verb = method.split(".")
        result = getattr(getattr(client, resource), verb)(*args, **kwargs)
        if kind == "async":
            result = await result
            await client.aclose()
        else:
            client.close()
        return result

    return asyncio.run(run())


SCENARIOS: dict[str, tuple[str, tuple[Any, ...], dict[str, Any]]] = {
    "params": (
        "items.retrieve",
        ([1, 2],),
        {
            "tags": ["a b", "c,d"],
            "csv": ["x", "y,z"],
            "point": {"x": 1, "y": 2},
            "pair": {"x": 3, "y": 4},
            "filter": {"k": "v w", "z": "[1]"},
            "words": ["a", "b"],
            "pipes": [1, 2],
            "flag": False,
            "x_tags": ["t1", "t2"],
            "x_ids": [1, 2],
            "x_point": {"x": 1, "y": 2},
            "x_pair": {"x": 3, "y": 4},
            "session": "a b",
            "prefs": ["dark", "wide"],
        },
    ),
    "params_left_out": (
        "items.retrieve",
        ("7",),
        {"x_ids": [3], "tags": [], "session": "s"},
    ),
    "upload": (
        "uploads.create",
        (),
        {
            "meta": {"name": "cat", "size": 3, "tags": ["x"]},
            "tags": ["a", "b"],
            "csv": [1, 2],
            "note": "# hi",
            "count": 3,
            "public": True,
            "file": b"\x89PNG",
            "extras": [("a.txt", b"A", "text/plain"), ("b.bin", b"B")],
        },
    ),
    "note": ("notes.create", (), {"title": "t", "inputs": {"a": {"b": [1, None]}}}),
    "blob": ("blobs.update", (), {"body": b"\x89PNG\r\n"}),
    "text": ("texts.create", (), {"body": "h\u00e9llo"}),
    "form": (
        "forms.create",
        (),
        {
            "name": "a b&c",
            "tags": ["x", "y"],
            "meta": {"x": 1},
            "deep": {"x": 2, "y": 3},
            "csv": [1, 2],
            "agree": False,
        },
    ),
}

KINDS = ["sync", "async"]


@pytest.mark.parametrize("kind", KINDS)
def test_parameter_styles(
    package: ModuleType, server: RecordingServer, kind: str
) -> None:
    result = call(package, server, kind, "params")
    assert result.ok is True
    record = server.last()
    assert record["target"] == (
        "/v1/items/1,2"
        "?tags=a%20b&tags=c%2Cd"  # form, exploded
        "&csv=x,y%2Cz"  # form, not exploded
        "&x=1&y=2"  # an object, form exploded: each property its own key
        "&pair=x,3,y,4"  # an object, form not exploded
        "&filter%5Bk%5D=v%20w&filter%5Bz%5D=%5B1%5D"  # deepObject
        "&words=a%20b&pipes=1%7C2"
        "&flag=false"
    )
    assert header(record, "x-tags") == ["t1,t2"]
    assert header(record, "x-ids") == ["1,2"]
    assert header(record, "x-point") == ["x=1,y=2"]  # simple, exploded
    assert header(record, "x-pair") == ["x,3,y,4"]  # simple, not exploded
    assert header(record, "cookie") == ["session=a%20b; prefs=dark,wide"]


@pytest.mark.parametrize("kind", KINDS)
def test_not_given_and_empty_are_left_out(
    package: ModuleType, server: RecordingServer, kind: str
) -> None:
    call(package, server, kind, "params_left_out")
    record = server.last()
    assert record["target"] == "/v1/items/7"
    assert header(record, "x-ids") == ["3"]
    assert header(record, "x-tags") == [] and header(record, "x-point") == []
    assert header(record, "cookie") == ["session=s"]


@pytest.mark.parametrize("kind", KINDS)
def test_multipart_body(
    package: ModuleType, server: RecordingServer, kind: str
) -> None:
    call(package, server, kind, "upload")
    record = server.last()
    assert multipart(record) == [
        (
            'form-data; name="meta"',
            "application/json",
            b'{"name":"cat","size":3,"tags":["x"]}',
        ),
        ('form-data; name="tags"', None, b"a"),
        ('form-data; name="tags"', None, b"b"),
        ('form-data; name="csv"', None, b"1,2"),
        ('form-data; name="note"', "text/markdown", b"# hi"),
        ('form-data; name="count"', None, b"3"),
        ('form-data; name="public"', None, b"true"),
        ('form-data; name="file"; filename="upload"', "image/png", b"\x89PNG"),
        ('form-data; name="extras"; filename="a.txt"', "text/plain", b"A"),
        (
            'form-data; name="extras"; filename="b.bin"',
            "application/octet-stream",
            b"B",
        ),
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_multipart_body_without_files(
    package: ModuleType, server: RecordingServer, kind: str
) -> None:
    call(package, server, kind, "note")
    assert multipart(server.last()) == [
        ('form-data; name="title"', None, b"t"),
        ('form-data; name="inputs"', "application/json", b'{"a":{"b":[1,null]}}'),
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_form_urlencoded_body(
    package: ModuleType, server: RecordingServer, kind: str
) -> None:
    assert call(package, server, kind, "form") is None
    record = server.last()
    assert header(record, "content-type") == ["application/x-www-form-urlencoded"]
    assert record["body"] == (
        b"name=a%20b%26c&tags=x&tags=y"
        b"&meta=%7B%22x%22%3A1%7D"  # an object without an encoding: JSON text
        b"&deep%5Bx%5D=2&deep%5By%5D=3"  # encoding style deepObject
        b"&csv=1,2"  # encoding explode false
        b"&agree=false"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_bodies_sent_as_they_are(
    package: ModuleType, server: RecordingServer, kind: str
) -> None:
    call(package, server, kind, "blob")
    record = server.last()
    assert record["method"] == "PUT" and record["body"] == b"\x89PNG\r\n"
    assert header(record, "content-type") == ["application/octet-stream"]
    call(package, server, kind, "text")
    record = server.last()
    assert record["body"] == "h\u00e9llo".encode()
    assert header(record, "content-type") == ["text/plain"]
