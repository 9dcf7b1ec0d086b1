"""A loopback test server for two Dify Chatflow API operations.

``DifyTestServer`` plays the Dify Chatflow App API closely enough for live tests of the generated
client:

* ``GET  /v1/conversations/{conversation_id}/variables``  (query: user, last_id, limit, variable_name)
* ``PUT  /v1/conversations/{conversation_id}/variables/{variable_id}``  (JSON body: value, user)

Behaviour, as documented in ``specs/dify-chatflow/en/openapi_chatflow.json``:

* Bearer auth; a missing or wrong key gives ``401 {"status": 401, "code": "unauthorized", ...}``.
* State: conversations and their variables are seeded by the test (``add_conversation``); variables
  are ordered by ``(created_at, insertion order)``.  ``GET`` pages with ``limit`` (default 20) and the
  cursor ``last_id`` (items after that id; an unknown ``last_id`` is a 404, as in Dify), reports
  ``has_more`` and filters with ``variable_name`` (exact name).  Unknown conversation → 404
  ``not_found`` "Conversation Not Exists.".  A conversation seeded with ``user=...`` only exists for
  that user (query ``user`` for GET, body ``user`` for PUT), as in Dify.
* ``PUT`` checks the new value against the variable's ``value_type`` → 400 ``bad_request``
  "Value type mismatch: expected <type>, got <type>."; unknown variable → 404 "Conversation Variable
  Not Exists."; success stores the value, sets ``updated_at`` to the fixed clock and returns the item.
  ``value`` is returned as the spec types it (a string): strings as they are, everything else as
  JSON text (``json.dumps``, e.g. ``{"a": [1, 2]}``).
* ``app_mode`` other than ``advanced-chat`` / ``chat`` → 400 ``not_chat_app``.
* Every request that matches a spec route is validated against the spec (path parameters, query
  parameters with their types and bounds, unknown or repeated query parameters, content type and JSON
  body) with ``openapi-schema-validator`` (OAS 3.0 dialect, format checker on, ``$ref`` resolved in
  the whole document).  Problems are appended to ``validation_errors``; a request that is not
  answered by an injected fault then gets ``400 {"status": 400, "code": "invalid_param", ...}``.
  The spec document itself is checked once per process with ``openapi-spec-validator``.
* Every request is recorded in ``requests`` (``RecordedRequest``: method, raw path as received,
  raw target, decoded query, lower-cased headers, body bytes), before any delay or fault.
* Faults: ``inject(status, body, headers=..., content_type=..., times=N, method=..., path=...)``
  queues a scripted response for the next N matching requests; ``delay_next(seconds)`` delays the
  next matching response (for client timeouts).
* A fixed clock (``now``, default 1705407629) keeps every output deterministic.

Order of handling: record → validate (collect) → delay → injected fault → auth → routing →
validation response → app mode → business logic.
"""

from __future__ import annotations

import functools
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote

from openapi_schema_validator import (
    OAS30ReadValidator,
    OAS30WriteValidator,
    oas30_format_checker,
)
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = REPO_ROOT / "specs" / "dify-chatflow" / "en" / "openapi_chatflow.json"
SPEC_URI = "urn:dify-chatflow:openapi"

API_PREFIX = "/v1"
DEFAULT_API_KEY = "app-test-0123456789abcdef"
FIXED_NOW = 1705407629
DEFAULT_USER = "abc-123"

LIST_VARIABLES = ("GET", "/conversations/{conversation_id}/variables")
UPDATE_VARIABLE = ("PUT", "/conversations/{conversation_id}/variables/{variable_id}")
IMPLEMENTED = {LIST_VARIABLES, UPDATE_VARIABLE}

CHAT_APP_MODES = ("advanced-chat", "chat", "agent-chat")

_UUID_NAMESPACE = uuid.UUID("6f1c1d1e-8f0b-4a51-9a43-6a0e4c1b7d2a")

FLASK_NOT_FOUND = (
    "The requested URL was not found on the server. If you entered the URL manually please "
    "check your spelling and try again."
)


# --------------------------------------------------------------------------------------------
# deterministic seed helpers


def conversation_id(n: int) -> str:
    """A deterministic, valid UUID for conversation number ``n``."""
    return str(uuid.uuid5(_UUID_NAMESPACE, f"conversation-{n}"))


def variable_id(n: int, conversation: str = "") -> str:
    """A deterministic, valid UUID for variable number ``n`` (optionally per conversation)."""
    return str(uuid.uuid5(_UUID_NAMESPACE, f"variable-{conversation}-{n}"))


def make_variable(
    n: int,
    *,
    conversation: str = "",
    name: str | None = None,
    value_type: str = "string",
    value: Any = None,
    description: str | None = None,
    created_at: int | None = None,
    updated_at: int | None = None,
) -> dict[str, Any]:
    """A variable dict in wire shape (id, name, value_type, value, description, timestamps)."""
    created = FIXED_NOW - 3600 + n if created_at is None else created_at
    return {
        "id": variable_id(n, conversation),
        "name": f"var_{n:03d}" if name is None else name,
        "value_type": value_type,
        "value": f"value {n}" if value is None else value,
        "description": f"Variable number {n}" if description is None else description,
        "created_at": created,
        "updated_at": created if updated_at is None else updated_at,
    }


def make_variables(
    count: int, *, conversation: str = "", start: int = 0
) -> list[dict[str, Any]]:
    """``count`` string variables named ``var_000``... with increasing ``created_at``."""
    return [
        make_variable(i, conversation=conversation) for i in range(start, start + count)
    ]


# --------------------------------------------------------------------------------------------
# spec + validation


@functools.lru_cache(maxsize=None)
def load_spec(path: str = str(SPEC_PATH)) -> dict[str, Any]:
    """The spec document, checked once with openapi-spec-validator."""
    from openapi_spec_validator import validate

    spec: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    validate(spec)
    return spec


@functools.lru_cache(maxsize=None)
def _registry(path: str = str(SPEC_PATH)) -> Registry:
    spec = load_spec(path)
    registry: Registry = Registry().with_resource(
        SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT4)
    )
    return registry


def _pointer_escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _validator(pointer: str, *, write: bool, path: str = str(SPEC_PATH)) -> Any:
    cls = OAS30WriteValidator if write else OAS30ReadValidator
    return cls(
        {"$ref": f"{SPEC_URI}#{pointer}"},
        registry=_registry(path),
        format_checker=oas30_format_checker,
    )


def _error_messages(validator: Any, instance: Any) -> list[str]:
    errors = sorted(
        validator.iter_errors(instance), key=lambda e: list(e.absolute_path)
    )
    out = []
    for err in errors:
        where = "".join(f"[{p!r}]" for p in err.absolute_path)
        out.append(f"{where}: {err.message}" if where else err.message)
    return out


def validate_response_body(
    method: str,
    template: str,
    status: int,
    body: Any,
    *,
    spec_path: str = str(SPEC_PATH),
) -> list[str]:
    """Check a response body against the spec's schema for that status (for server self-tests)."""
    spec = load_spec(spec_path)
    response = spec["paths"][template][method.lower()]["responses"].get(str(status))
    if response is None:
        return [f"status {status} is not documented for {method} {template}"]
    media = response.get("content", {}).get("application/json")
    if media is None or "schema" not in media:
        return []
    pointer = "/".join(
        [
            "",
            "paths",
            _pointer_escape(template),
            method.lower(),
            "responses",
            str(status),
            "content",
            "application~1json",
            "schema",
        ]
    )
    return _error_messages(_validator(pointer, write=False, path=spec_path), body)


def _coerce(raw: str, schema: Mapping[str, Any]) -> Any:
    """Deserialize one form-style query/path value for a primitive schema (else keep the text)."""
    kind = schema.get("type")
    if kind == "integer":
        try:
            return int(raw, 10)
        except ValueError:
            return raw
    if kind == "number":
        try:
            return float(raw)
        except ValueError:
            return raw
    if kind == "boolean":
        return {"true": True, "false": False}.get(raw, raw)
    return raw


@dataclass(frozen=True)
class _Operation:
    method: str
    template: str
    segments: tuple[str, ...]
    parameters: tuple[dict[str, Any], ...]
    parameter_pointers: tuple[str, ...]
    """JSON pointer of each parameter object in the spec (path item or operation level)."""
    pointer: str
    request_body: dict[str, Any] | None

    def match(self, segments: Sequence[str]) -> dict[str, str] | None:
        if len(segments) != len(self.segments):
            return None
        params: dict[str, str] = {}
        for pattern, actual in zip(self.segments, segments):
            if pattern.startswith("{") and pattern.endswith("}"):
                params[pattern[1:-1]] = actual
            elif pattern != actual:
                return None
        return params


def _resolve_pointer(document: Any, pointer: str) -> Any:
    for token in pointer.lstrip("/").split("/"):
        document = document[token.replace("~1", "/").replace("~0", "~")]
    return document


@functools.lru_cache(maxsize=None)
def _operations(path: str = str(SPEC_PATH)) -> tuple[_Operation, ...]:
    spec = load_spec(path)
    ops = []
    for template, item in spec["paths"].items():
        shared = item.get("parameters", [])
        for method, op in item.items():
            if method not in (
                "get",
                "put",
                "post",
                "delete",
                "patch",
                "head",
                "options",
            ):
                continue
            item_ptr = f"/paths/{_pointer_escape(template)}"
            by_key: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
            for base, params in (
                (f"{item_ptr}/parameters", shared),
                (f"{item_ptr}/{method}/parameters", op.get("parameters", [])),
            ):
                for i, p in enumerate(params):
                    ptr = f"{base}/{i}"
                    if "$ref" in p:  # a local reference to components/parameters
                        ptr = p["$ref"][1:]
                        p = _resolve_pointer(spec, ptr)
                    by_key[(p["name"], p["in"])] = (p, ptr)
            ops.append(
                _Operation(
                    method=method.upper(),
                    template=template,
                    segments=tuple(template.split("/")[1:]),
                    parameters=tuple(p for p, _ in by_key.values()),
                    parameter_pointers=tuple(ptr for _, ptr in by_key.values()),
                    pointer=f"/paths/{_pointer_escape(template)}/{method}",
                    request_body=op.get("requestBody"),
                )
            )
    return tuple(ops)


def _validate_request(
    op: _Operation,
    path_params: Mapping[str, str],
    query: Mapping[str, list[str]],
    headers: Mapping[str, str],
    body: bytes,
    spec_path: str,
) -> tuple[list[str], dict[str, Any], Any]:
    """Validate one request; returns (messages, deserialized params, parsed JSON body)."""
    messages: list[str] = []
    values: dict[str, Any] = {}
    known_query = set()
    for index, param in enumerate(op.parameters):
        name, where, schema = param["name"], param["in"], param.get("schema", {})
        label = f"{where} parameter '{name}'"
        if where == "query":
            known_query.add(name)
        raw_values: list[str]
        if where == "path":
            raw_values = [path_params[name]] if name in path_params else []
            if raw_values and raw_values[0] == "":
                messages.append(f"{label}: must not be empty")
                continue
        elif where == "query":
            raw_values = list(query.get(name, []))
        elif where == "header":
            raw_values = [headers[name.lower()]] if name.lower() in headers else []
        else:
            continue
        if not raw_values:
            if param.get("required"):
                messages.append(f"{label}: is required")
            continue
        if len(raw_values) > 1 and schema.get("type") != "array":
            messages.append(f"{label}: given {len(raw_values)} times")
            continue
        value = _coerce(raw_values[0], schema)
        pointer = f"{op.parameter_pointers[index]}/schema"
        for msg in _error_messages(
            _validator(pointer, write=True, path=spec_path), value
        ):
            messages.append(f"{label}: {msg}")
        values[name] = value
    for name in query:
        if name not in known_query:
            messages.append(
                f"query parameter '{name}': not defined for {op.method} {op.template}"
            )

    parsed: Any = None
    rb = op.request_body
    if rb is not None:
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        if not body:
            if rb.get("required"):
                messages.append("request body: is required")
        elif ctype not in rb.get("content", {}):
            messages.append(
                f"request body: content type {ctype or '(none)'!r} is not one of "
                f"{sorted(rb.get('content', {}))}"
            )
        else:
            try:
                parsed = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as exc:
                messages.append(f"request body: not valid JSON ({exc})")
            else:
                pointer = (
                    f"{op.pointer}/requestBody/content/{_pointer_escape(ctype)}/schema"
                )
                for msg in _error_messages(
                    _validator(pointer, write=True, path=spec_path), parsed
                ):
                    messages.append(f"request body: {msg}")
    elif body:
        messages.append(f"request body: {op.method} {op.template} takes no body")
    return messages, values, parsed


# --------------------------------------------------------------------------------------------
# value types


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


_ELEMENT_CHECKS: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "number": _is_number,
    "object": lambda v: isinstance(v, dict),
    "boolean": lambda v: isinstance(v, bool),
    "file": lambda v: isinstance(v, dict),
    "any": lambda v: True,
}


def value_matches(value_type: str, value: Any) -> bool:
    """Whether ``value`` (decoded JSON) fits a Dify variable ``value_type``."""
    vt = {"secret": "string", "integer": "number", "float": "number"}.get(
        value_type, value_type
    )
    if vt.startswith("array[") and vt.endswith("]"):
        check = _ELEMENT_CHECKS.get(vt[6:-1])
        return (
            isinstance(value, list)
            and check is not None
            and all(check(x) for x in value)
        )
    check = _ELEMENT_CHECKS.get(vt)
    return check is not None and vt != "any" and check(value)


def infer_type(value: Any) -> str:
    """The type name used in the mismatch message for a decoded JSON value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        for name in ("boolean", "string", "number", "object"):
            if value and all(_ELEMENT_CHECKS[name](x) for x in value):
                return f"array[{name}]"
        return "array[any]"
    return type(value).__name__


def _expected_name(value_type: str) -> str:
    return {"secret": "string", "integer": "number", "float": "number"}.get(
        value_type, value_type
    )


def wire_value(value: Any) -> str:
    """``value`` as the spec types it (string; JSON text for non-strings)."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


# --------------------------------------------------------------------------------------------
# recording and faults


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


@dataclass
class _Fault:
    status: int | None
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


@dataclass
class _Conversation:
    id: str
    user: str | None
    variables: list[dict[str, Any]] = field(default_factory=list)
    seq: int = 0


# --------------------------------------------------------------------------------------------
# the server


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    dify: DifyTestServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # a client that gave up (timeout tests) is not a server bug
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "DifyTestServer/1.0"
    sys_version = ""
    server: _HTTPServer

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
        status, headers, payload = self.server.dify._dispatch(
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


def _json_response(
    status: int, body: Any, extra: Iterable[tuple[str, str]] = ()
) -> tuple[int, list[tuple[str, str]], bytes]:
    payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
    return status, [("Content-Type", "application/json"), *extra], payload


def _error(
    status: int, code: str, message: str
) -> tuple[int, list[tuple[str, str]], bytes]:
    return _json_response(status, {"status": status, "code": code, "message": message})


class DifyTestServer:
    """Loopback Dify Chatflow API (conversation variables) on ``127.0.0.1:<random port>/v1``."""

    def __init__(
        self,
        *,
        api_key: str = DEFAULT_API_KEY,
        now: int = FIXED_NOW,
        app_mode: str = "advanced-chat",
        spec_path: str | Path = SPEC_PATH,
    ) -> None:
        self.api_key = api_key
        self.now = now
        self.app_mode = app_mode
        self.spec_path = str(spec_path)
        self.requests: list[RecordedRequest] = []
        self.validation_errors: list[ValidationFailure] = []
        self._conversations: dict[str, _Conversation] = {}
        self._faults: list[_Fault] = []
        self._lock = threading.RLock()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        _operations(self.spec_path)  # load + check the spec before serving

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> DifyTestServer:
        if self._httpd is not None:
            return self
        httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        httpd.dify = self
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
            name=f"DifyTestServer:{httpd.server_address[1]}",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> DifyTestServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("server not started")
        return int(self._httpd.server_address[1])

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.root_url}{API_PREFIX}"

    # -- state -------------------------------------------------------------------------------

    def add_conversation(
        self,
        conversation_id: str,
        *,
        variables: Iterable[Mapping[str, Any]] = (),
        user: str | None = None,
    ) -> None:
        """Seed a conversation. ``user``: only that user sees it (None: every user)."""
        with self._lock:
            self._conversations[conversation_id] = _Conversation(conversation_id, user)
            for v in variables:
                self.add_variable(conversation_id, v)

    def add_variable(self, conversation_id: str, variable: Mapping[str, Any]) -> None:
        required = {"id", "name", "value_type", "value"}
        missing = required - set(variable)
        if missing:
            raise ValueError(f"variable is missing {sorted(missing)}")
        with self._lock:
            conv = self._conversations[conversation_id]
            item = {
                "description": "",
                "created_at": self.now,
                "updated_at": self.now,
                **dict(variable),
                "_seq": conv.seq,
            }
            conv.seq += 1
            conv.variables.append(item)
            conv.variables.sort(key=lambda v: (v["created_at"], v["_seq"]))

    def variables(self, conversation_id: str) -> list[dict[str, Any]]:
        """The conversation's variables in order, as stored (native values), copies."""
        with self._lock:
            return [
                {k: v for k, v in item.items() if k != "_seq"}
                for item in self._conversations[conversation_id].variables
            ]

    def variable(self, conversation_id: str, variable_id: str) -> dict[str, Any]:
        for item in self.variables(conversation_id):
            if item["id"] == variable_id:
                return item
        raise KeyError(variable_id)

    # -- faults ------------------------------------------------------------------------------

    def inject(
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
        """Answer the next ``times`` matching requests with this response instead.

        ``body``: dict/list → JSON (``application/json``); str → text (``content_type`` or
        ``text/plain; charset=utf-8``); bytes → as is; None → empty.  ``method`` / ``path``
        (substring of the raw path) restrict which requests match.
        """
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
            self._faults.append(_Fault(status, payload, hdrs, times, method, path))

    def delay_next(
        self,
        seconds: float,
        *,
        times: int = 1,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        """Hold the response of the next ``times`` matching requests for ``seconds``."""
        with self._lock:
            self._faults.append(
                _Fault(None, b"", [], times, method, path, delay=seconds)
            )

    @property
    def pending_faults(self) -> int:
        """Injected responses and delays not used yet."""
        with self._lock:
            return sum(f.remaining for f in self._faults)

    def _take_fault(self, method: str, path: str, delay: bool) -> _Fault | None:
        with self._lock:
            for fault in self._faults:
                if (fault.status is None) == delay and fault.matches(method, path):
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    # -- request handling --------------------------------------------------------------------

    def _dispatch(
        self, method: str, target: str, raw_headers: Any, body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        raw_path, _, raw_query = target.partition("?")
        raw_path = raw_path.partition("#")[0]
        query = parse_qs(raw_query, keep_blank_values=True)
        headers: dict[str, str] = {}
        for k, v in raw_headers.items():
            key = k.lower()
            headers[key] = f"{headers[key]}, {v}" if key in headers else v
        record = RecordedRequest(method, raw_path, target, query, headers, body)
        with self._lock:
            self.requests.append(record)

        # route + validation (collected for every request matching a spec route)
        route = self._route(method, raw_path)
        problems: list[str] = []
        values: dict[str, Any] = {}
        parsed: Any = None
        if isinstance(route, tuple):
            op, path_params = route
            problems, values, parsed = _validate_request(
                op, path_params, query, headers, body, self.spec_path
            )
            values.update({k: v for k, v in path_params.items() if k not in values})
            if problems:
                with self._lock:
                    self.validation_errors.extend(
                        ValidationFailure(method, raw_path, m) for m in problems
                    )

        delay = self._take_fault(method, raw_path, delay=True)
        if delay is not None:
            time.sleep(delay.delay)
        fault = self._take_fault(method, raw_path, delay=False)
        if fault is not None:
            assert fault.status is not None
            return fault.status, list(fault.headers), fault.body

        if not raw_path.startswith(API_PREFIX + "/"):
            if raw_path.rstrip("/") == "/admin":
                # a trap: a client whose path parameters escape their segment lands here
                return _json_response(200, {"admin": True, "trap": "path traversal"})
            return _error(404, "not_found", FLASK_NOT_FOUND)

        auth = headers.get("authorization", "")
        if not auth.startswith("Bearer "):
            return _error(
                401,
                "unauthorized",
                "Authorization header must be provided and start with 'Bearer'",
            )
        if auth[len("Bearer ") :].strip() != self.api_key:
            return _error(401, "unauthorized", "Access token is invalid")

        if route is None:
            return _error(404, "not_found", FLASK_NOT_FOUND)
        if route == "method":
            return _error(
                405,
                "method_not_allowed",
                "The method is not allowed for the requested URL.",
            )
        assert isinstance(route, tuple)
        op = route[0]
        if problems:
            return _error(400, "invalid_param", "; ".join(problems))
        if (op.method, op.template) not in IMPLEMENTED:
            return _error(
                501, "not_implemented", f"{op.method} {op.template} is not served here."
            )
        if self.app_mode not in CHAT_APP_MODES:
            return _error(
                400,
                "not_chat_app",
                "Please check if your app mode matches the right API route.",
            )
        if (op.method, op.template) == LIST_VARIABLES:
            return self._list_variables(values)
        return self._update_variable(values, parsed)

    def _route(
        self, method: str, raw_path: str
    ) -> tuple[_Operation, dict[str, str]] | str | None:
        if not raw_path.startswith(API_PREFIX + "/"):
            return None
        segments = [unquote(s) for s in raw_path[len(API_PREFIX) :].split("/")[1:]]
        method_mismatch = False
        for op in _operations(self.spec_path):
            params = op.match(segments)
            if params is None:
                continue
            if op.method == method:
                return op, params
            if all(
                params.values()
            ):  # "/variables/" is not a PUT target with an empty id
                method_mismatch = True
        return "method" if method_mismatch else None

    def _conversation(self, cid: str, user: Any) -> _Conversation | None:
        conv = self._conversations.get(cid)
        if conv is None or (conv.user is not None and conv.user != user):
            return None
        return conv

    @staticmethod
    def _wire_item(item: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "id": item["id"],
            "name": item["name"],
            "value_type": item["value_type"],
            "value": wire_value(item["value"]),
            "description": item.get("description", ""),
            "created_at": item["created_at"],
            "updated_at": item["updated_at"],
        }

    def _list_variables(
        self, values: Mapping[str, Any]
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        limit = values.get("limit", 20)
        with self._lock:
            conv = self._conversation(values["conversation_id"], values.get("user"))
            if conv is None:
                return _error(404, "not_found", "Conversation Not Exists.")
            items = list(conv.variables)
            last_id = values.get("last_id")
            if last_id:
                ids = [v["id"] for v in items]
                if last_id not in ids:
                    return _error(404, "not_found", "Conversation Variable Not Exists.")
                items = items[ids.index(last_id) + 1 :]
            name = values.get("variable_name")
            if name:
                items = [v for v in items if v["name"] == name]
            page = items[:limit]
            body = {
                "limit": limit,
                "has_more": len(items) > limit,
                "data": [self._wire_item(v) for v in page],
            }
        return _json_response(200, body)

    def _update_variable(
        self, values: Mapping[str, Any], body: Any
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        with self._lock:
            conv = self._conversation(values["conversation_id"], body.get("user"))
            if conv is None:
                return _error(404, "not_found", "Conversation Not Exists.")
            for item in conv.variables:
                if item["id"] == values["variable_id"]:
                    break
            else:
                return _error(404, "not_found", "Conversation Variable Not Exists.")
            new_value = body["value"]
            if not value_matches(item["value_type"], new_value):
                return _error(
                    400,
                    "bad_request",
                    f"Value type mismatch: expected {_expected_name(item['value_type'])}, "
                    f"got {infer_type(new_value)}.",
                )
            item["value"] = new_value
            item["updated_at"] = self.now
            return _json_response(200, self._wire_item(item))
