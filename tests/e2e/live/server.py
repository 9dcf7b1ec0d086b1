"""A loopback test server for two Dify Chatflow API operations.

``DifyTestServer`` plays the Dify Chatflow App API closely enough for live tests of the generated
client:

* ``GET  /v1/conversations/{conversation_id}/variables``  (query: user, last_id, limit, variable_name)
* ``PUT  /v1/conversations/{conversation_id}/variables/{variable_id}``  (JSON body: value, user)
* ``GET /v1/messages``, ``POST /v1/files/upload``, ``GET /v1/files/{file_id}/preview``,
  ``POST /v1/text-to-audio``, ``POST /v1/chat-messages/{task_id}/stop``: see ``chat``
  (``server.chat`` holds their state: ``add_messages``, ``files``, ``stopped``)
* ``POST /v1/chat-messages`` (blocking, or streamed as server-sent events) and
  ``GET /v1/workflow/{workflow_run_id}/events``: see ``chat_stream.py``
  (``server.chat_stream``)

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

Modules: ``spec`` (the document and its operations), ``checking`` (request checks), ``records``
(what is recorded), ``faults`` (scripted responses and delays), ``conversations`` (state and the two
operations), ``value_types``, ``transport`` (HTTP plumbing), ``seed`` (deterministic test data);
this module puts them together.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote

from .chat import ChatStore
from .chat_stream import ChatService
from .checking import validate_request
from .conversations import ConversationStore
from .faults import FaultQueue
from .records import RecordedRequest, ValidationFailure
from .seed import FIXED_NOW
from .spec import SPEC_PATH, Operation, operations
from .transport import LoopbackHTTPServer, Response, error_response, json_response

API_PREFIX = "/v1"
DEFAULT_API_KEY = "app-test-0123456789abcdef"

LIST_VARIABLES = ("GET", "/conversations/{conversation_id}/variables")
UPDATE_VARIABLE = ("PUT", "/conversations/{conversation_id}/variables/{variable_id}")
SEND_CHAT_MESSAGE = ("POST", "/chat-messages")
WORKFLOW_EVENTS = ("GET", "/workflow/{workflow_run_id}/events")
LIST_MESSAGES = ("GET", "/messages")
UPLOAD_FILE = ("POST", "/files/upload")
PREVIEW_FILE = ("GET", "/files/{file_id}/preview")
TEXT_TO_AUDIO = ("POST", "/text-to-audio")
STOP_MESSAGE = ("POST", "/chat-messages/{task_id}/stop")
IMPLEMENTED = {
    LIST_VARIABLES,
    UPDATE_VARIABLE,
    LIST_MESSAGES,
    UPLOAD_FILE,
    PREVIEW_FILE,
    TEXT_TO_AUDIO,
    STOP_MESSAGE,
    SEND_CHAT_MESSAGE,
    WORKFLOW_EVENTS,
}

CHAT_APP_MODES = ("advanced-chat", "chat", "agent-chat")

FLASK_NOT_FOUND = (
    "The requested URL was not found on the server. If you entered the URL manually please "
    "check your spelling and try again."
)


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
        self._store = ConversationStore()
        self.chat = ChatStore(now)
        # chat messages and their workflow runs (chat_stream.py)
        self.chat_stream = ChatService()
        self._faults = FaultQueue()
        self._lock = threading.RLock()
        self._httpd: LoopbackHTTPServer | None = None
        self._thread: threading.Thread | None = None
        operations(self.spec_path)  # load + check the spec before serving

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> DifyTestServer:
        if self._httpd is not None:
            return self
        httpd = LoopbackHTTPServer(("127.0.0.1", 0), self._dispatch)
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
        self._store.add_conversation(
            conversation_id, variables=variables, user=user, now=self.now
        )

    def add_variable(self, conversation_id: str, variable: Mapping[str, Any]) -> None:
        self._store.add_variable(conversation_id, variable, now=self.now)

    def variables(self, conversation_id: str) -> list[dict[str, Any]]:
        """The conversation's variables in order, as stored (native values), copies."""
        return self._store.variables(conversation_id)

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
        self._faults.add_response(
            status,
            body,
            headers=headers,
            content_type=content_type,
            times=times,
            method=method,
            path=path,
        )

    def delay_next(
        self,
        seconds: float,
        *,
        times: int = 1,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        """Hold the response of the next ``times`` matching requests for ``seconds``."""
        self._faults.add_delay(seconds, times=times, method=method, path=path)

    @property
    def pending_faults(self) -> int:
        """Injected responses, delays and stream failures not used yet."""
        return self._faults.pending + self.chat_stream.pending

    # -- request handling --------------------------------------------------------------------

    def _dispatch(
        self, method: str, target: str, raw_headers: Any, body: bytes
    ) -> Response:
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
            problems, values, parsed = validate_request(
                op, path_params, query, headers, body, self.spec_path
            )
            values.update({k: v for k, v in path_params.items() if k not in values})
            if problems:
                with self._lock:
                    self.validation_errors.extend(
                        ValidationFailure(method, raw_path, m) for m in problems
                    )

        delay = self._faults.take(method, raw_path, delay=True)
        if delay is not None:
            time.sleep(delay.delay)
        fault = self._faults.take(method, raw_path, delay=False)
        if fault is not None:
            assert fault.status is not None
            return fault.status, list(fault.headers), fault.body

        if not raw_path.startswith(API_PREFIX + "/"):
            if raw_path.rstrip("/") == "/admin":
                # a trap: a client whose path parameters escape their segment lands here
                return json_response(200, {"admin": True, "trap": "path traversal"})
            return error_response(404, "not_found", FLASK_NOT_FOUND)

        auth = headers.get("authorization", "")
        if not auth.startswith("Bearer "):
            return error_response(
                401,
                "unauthorized",
                "Authorization header must be provided and start with 'Bearer'",
            )
        if auth[len("Bearer ") :].strip() != self.api_key:
            return error_response(401, "unauthorized", "Access token is invalid")

        if route is None:
            return error_response(404, "not_found", FLASK_NOT_FOUND)
        if route == "method":
            return error_response(
                405,
                "method_not_allowed",
                "The method is not allowed for the requested URL.",
            )
        assert isinstance(route, tuple)
        op = route[0]
        if problems:
            return error_response(400, "invalid_param", "; ".join(problems))
        if (op.method, op.template) not in IMPLEMENTED:
            return error_response(
                501, "not_implemented", f"{op.method} {op.template} is not served here."
            )
        if self.app_mode not in CHAT_APP_MODES:
            return error_response(
                400,
                "not_chat_app",
                "Please check if your app mode matches the right API route.",
            )
        key = (op.method, op.template)
        if key == SEND_CHAT_MESSAGE:
            return self.chat_stream.send(parsed, now=self.now)
        if key == WORKFLOW_EVENTS:
            return self.chat_stream.events(values, now=self.now)
        if key == LIST_VARIABLES:
            return self._store.list_variables(values)
        if key == UPDATE_VARIABLE:
            return self._store.update_variable(values, parsed, now=self.now)
        return self._chat(key, values, parsed)

    def _chat(
        self, key: tuple[str, str], values: dict[str, Any], parsed: Any
    ) -> Response:
        if key == LIST_MESSAGES:
            return self.chat.list_messages(values)
        if key == UPLOAD_FILE:
            return self.chat.upload(parsed or [])
        if key == PREVIEW_FILE:
            return self.chat.preview(values)
        if key == TEXT_TO_AUDIO:
            return self.chat.text_to_audio(parsed)
        return self.chat.stop(values, parsed)

    def _route(
        self, method: str, raw_path: str
    ) -> tuple[Operation, dict[str, str]] | str | None:
        if not raw_path.startswith(API_PREFIX + "/"):
            return None
        segments = [unquote(s) for s in raw_path[len(API_PREFIX) :].split("/")[1:]]
        method_mismatch = False
        for op in operations(self.spec_path):
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
