"""Chat messages, as the Dify Chatflow API sends them (``specs/dify-chatflow``).

* ``POST /chat-messages``: ``response_mode`` ``blocking`` (or omitted) answers one
  ``ChatCompletionResponse``; ``streaming`` answers ``text/event-stream``: ``data: {json}``
  events, in Dify's order on success: ``workflow_started``, ``node_started``, one
  ``message`` per answer chunk, ``node_finished``, ``message_end``, ``workflow_finished``,
  with a keep-alive ``event: ping`` (no data) and a comment between them. Every event has
  ``conversation_id``, ``message_id`` and ``created_at``; all but ``error`` have
  ``task_id``; workflow and node events nest their payload under ``data`` and carry
  ``workflow_run_id``.
* A failure the test scripts with ``fail_next_stream`` ends the stream after the first
  ``message`` chunk with ``workflow_finished`` (status ``failed``) then ``error``
  (``status``, ``code``, ``message``), no ``message_end``; the HTTP status stays 200.
* The answer is ``You said: <query>`` in chunks of one word. A new conversation gets an id;
  a ``conversation_id`` the server did not hand out is a 404 ``not_found``.
* ``GET /workflow/{workflow_run_id}/events`` (query ``user``): for a finished run, a single
  ``workflow_finished`` event; an unknown run is a 404 ``not_found``.

Ids are uuid5 of a counter, timestamps the server's fixed clock: output is deterministic.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .transport import Response, error_response, json_response

_NS = uuid.UUID("6c1b7f3e-0d2a-4f8e-9a55-3e0c2b1d4a77")
SSE_HEADERS = [
    ("Content-Type", "text/event-stream; charset=utf-8"),
    ("Cache-Control", "no-cache"),
]


@dataclass(frozen=True)
class StreamFailure:
    status: int
    code: str
    message: str


@dataclass
class Run:
    id: str
    conversation_id: str
    message_id: str
    task_id: str
    user: str
    status: str


class ChatService:
    """Conversations started by chat messages, and their workflow runs (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._seq = 0
        self.conversations: dict[str, str] = {}  # id -> user
        self.runs: dict[str, Run] = {}
        self._failures: list[StreamFailure] = []

    def fail_next_stream(self, status: int, code: str, message: str) -> None:
        with self._lock:
            self._failures.append(StreamFailure(status, code, message))

    @property
    def pending(self) -> int:
        return len(self._failures)

    def _id(self) -> str:
        self._seq += 1
        return str(uuid.uuid5(_NS, str(self._seq)))

    # -- POST /chat-messages ------------------------------------------------------------

    def send(self, body: Mapping[str, Any], *, now: int) -> Response:
        user = body["user"]
        with self._lock:
            cid = body.get("conversation_id") or ""
            if cid and self.conversations.get(cid) != user:
                return error_response(404, "not_found", "Conversation Not Exists.")
            if not cid:
                cid = self._id()
                self.conversations[cid] = user
            run = Run(self._id(), cid, self._id(), self._id(), user, "running")
            self.runs[run.id] = run
            failure = self._failures.pop(0) if self._failures else None
            if body.get("response_mode") != "streaming":
                failure = None  # scripted for streams only
            run.status = "failed" if failure else "succeeded"
        chunks = [f"{w} " for w in f"You said: {body['query']}".split()]
        chunks[-1] = chunks[-1].rstrip()
        usage = {"prompt_tokens": 3, "completion_tokens": len(chunks), "latency": 0.1}
        usage["total_tokens"] = 3 + len(chunks)
        if body.get("response_mode") != "streaming":
            return json_response(200, self._blocking(run, "".join(chunks), usage, now))
        return 200, list(SSE_HEADERS), self._stream(run, chunks, usage, failure, now)

    def _blocking(
        self, run: Run, answer: str, usage: dict[str, Any], now: int
    ) -> dict[str, Any]:
        return {
            "event": "message",
            "task_id": run.task_id,
            "id": run.message_id,
            "message_id": run.message_id,
            "conversation_id": run.conversation_id,
            "mode": "advanced-chat",
            "answer": answer,
            "metadata": {"usage": usage, "retriever_resources": []},
            "created_at": now,
        }

    def _stream(
        self,
        run: Run,
        chunks: list[str],
        usage: dict[str, Any],
        failure: StreamFailure | None,
        now: int,
    ) -> bytes:
        def event(name: str, **fields: Any) -> str:
            head = {"event": name}
            if name != "error":
                head["task_id"] = run.task_id
            common = {
                "message_id": run.message_id,
                "conversation_id": run.conversation_id,
                "created_at": now,
            }
            return f"data: {json.dumps({**head, **common, **fields})}\n\n"

        def workflow(name: str, data: dict[str, Any]) -> str:
            return event(name, workflow_run_id=run.id, data=data)

        node = {"id": "ne-1", "node_id": "llm", "node_type": "llm", "title": "LLM"}
        out = [
            workflow(
                "workflow_started",
                {"id": run.id, "workflow_id": "wf-1", "created_at": now},
            ),
            ": keep the connection open\n\n",
            workflow("node_started", {**node, "index": 1, "created_at": now}),
            "event: ping\n\n",
        ]
        for i, chunk in enumerate(chunks):
            out.append(event("message", answer=chunk))
            if failure is not None and i == 0:
                finished = {"id": run.id, "status": "failed", "error": failure.message}
                out.append(workflow("workflow_finished", finished))
                out.append(
                    event(
                        "error",
                        status=failure.status,
                        code=failure.code,
                        message=failure.message,
                    )
                )
                return "".join(out).encode()
        done = {**node, "index": 1, "status": "succeeded", "created_at": now}
        out.append(workflow("node_finished", done))
        out.append(event("message_end", metadata={"usage": usage}))
        out.append(workflow("workflow_finished", self._finished(run, usage, now)))
        return "".join(out).encode()

    def _finished(self, run: Run, usage: dict[str, Any], now: int) -> dict[str, Any]:
        return {
            "id": run.id,
            "workflow_id": "wf-1",
            "status": run.status,
            "total_tokens": usage["total_tokens"],
            "total_steps": 1,
            "created_at": now,
            "finished_at": now,
        }

    # -- GET /workflow/{workflow_run_id}/events ----------------------------------------

    def events(self, values: Mapping[str, Any], *, now: int) -> Response:
        with self._lock:
            run = self.runs.get(values["workflow_run_id"])
        if run is None or run.user != values.get("user"):
            return error_response(404, "not_found", "Workflow run not found.")
        data = self._finished(run, {"total_tokens": 0}, now)
        payload = {
            "event": "workflow_finished",
            "task_id": run.task_id,
            "workflow_run_id": run.id,
            "message_id": run.message_id,
            "conversation_id": run.conversation_id,
            "created_at": now,
            "data": data,
        }
        return 200, list(SSE_HEADERS), f"data: {json.dumps(payload)}\n\n".encode()
