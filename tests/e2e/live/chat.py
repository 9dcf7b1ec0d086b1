"""Message history, files, text-to-audio and stopping a generation, as Dify serves them.

* ``GET /messages`` (``MessageService.pagination_by_first_id`` in Dify): without ``first_id``
  the latest ``limit`` messages (default 20); with it, the ``limit`` messages created before
  that one. ``has_more`` says older messages exist. Each page is in chronological order
  (oldest first), so the next page's cursor is the FIRST item of the current page. Unknown
  conversation → 404 "Conversation Not Exists."; unknown ``first_id`` → 404 "First Message
  Not Exists.".
* ``POST /files/upload`` (multipart: ``file``, ``user``): no ``file`` part → 400
  ``no_file_uploaded``; a second file → 400 ``too_many_files``; a part without a file name
  → 400 ``filename_not_exists_error``; a name with ``/`` or ``\\`` → 400 ``invalid_param``.
  Success is 201 with the stored file's description (``mime_type`` is the part's
  Content-Type, ``extension`` the name's). Stored files are kept in ``files``.
* ``GET /files/{file_id}/preview``: the stored bytes with their MIME type; unknown id → 404
  ``file_not_found``.
* ``POST /text-to-audio``: ``audio/mpeg`` bytes, a pure function of the text (large enough
  to arrive in several chunks); neither ``text`` nor ``message_id`` → 400 ``invalid_param``
  (the spec says "provide either").
* ``POST /chat-messages/{task_id}/stop``: always ``{"result": "success"}`` (Dify does nothing
  when the user differs); every call is kept in ``stopped`` as ``(task_id, user)``.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from .multipart import Part
from .seed import FIXED_NOW
from .transport import Response, error_response, json_response

AUDIO_SIZE = 256 * 1024


def speech(text: str) -> bytes:
    """The deterministic "MP3" the server speaks ``text`` as (``AUDIO_SIZE`` bytes)."""
    seed = hashlib.sha256(text.encode("utf-8")).digest()
    body = (seed * (AUDIO_SIZE // len(seed) + 1))[: AUDIO_SIZE - 3]
    return b"ID3" + body


class ChatStore:
    """Messages by conversation, uploaded files, stopped tasks (thread-safe)."""

    def __init__(self, now: int = FIXED_NOW) -> None:
        self.now = now
        self._messages: dict[str, list[dict[str, Any]]] = {}
        self.files: dict[str, dict[str, Any]] = {}
        self.stopped: list[tuple[str, str]] = []
        self._lock = threading.RLock()

    def add_messages(
        self, conversation_id: str, messages: Iterable[Mapping[str, Any]]
    ) -> None:
        with self._lock:
            stored = self._messages.setdefault(conversation_id, [])
            stored.extend(dict(m) for m in messages)
            stored.sort(key=lambda m: m["created_at"])

    # -- the operations ----------------------------------------------------------------------

    def list_messages(self, values: Mapping[str, Any]) -> Response:
        limit = values.get("limit", 20)
        with self._lock:
            messages = self._messages.get(values["conversation_id"])
            if messages is None:
                return error_response(404, "not_found", "Conversation Not Exists.")
            older = list(messages)
            first_id = values.get("first_id")
            if first_id:
                ids = [m["id"] for m in messages]
                if first_id not in ids:
                    return error_response(404, "not_found", "First Message Not Exists.")
                older = messages[: ids.index(first_id)]
            newest_first = list(reversed(older))[: limit + 1]
            has_more = len(newest_first) > limit
            page = list(reversed(newest_first[:limit]))
        return json_response(200, {"limit": limit, "has_more": has_more, "data": page})

    def upload(self, parts: list[Part]) -> Response:
        files = [p for p in parts if p.name == "file"]
        if not files:
            return error_response(400, "no_file_uploaded", "Please upload your file.")
        if len(files) > 1:
            return error_response(400, "too_many_files", "Only one file is allowed.")
        file = files[0]
        if not file.filename:
            return error_response(
                400,
                "filename_not_exists_error",
                "The specified filename does not exist.",
            )
        if "/" in file.filename or "\\" in file.filename:
            return error_response(
                400, "invalid_param", "Filename contains invalid characters."
            )
        user = next(
            (p.data.decode() for p in parts if p.name == "user"), "DEFAULT-USER"
        )
        file_id = str(
            uuid.uuid5(uuid.NAMESPACE_URL, f"file-{len(self.files)}-{file.filename}")
        )
        extension = file.filename.rsplit(".", 1)[-1] if "." in file.filename else None
        record = {
            "id": file_id,
            "name": file.filename,
            "size": len(file.data),
            "extension": extension,
            "mime_type": file.content_type,
            "created_by": str(uuid.uuid5(uuid.NAMESPACE_URL, f"user-{user}")),
            "created_at": self.now,
            "preview_url": None,
            "source_url": f"https://upload.dify.ai/files/{file_id}/file-preview",
        }
        with self._lock:
            self.files[file_id] = {**record, "data": file.data, "user": user}
        return json_response(201, record)

    def preview(self, values: Mapping[str, Any]) -> Response:
        with self._lock:
            stored = self.files.get(values["file_id"])
        if stored is None:
            return error_response(
                404, "file_not_found", "The requested file was not found."
            )
        ctype = stored["mime_type"] or "application/octet-stream"
        return 200, [("Content-Type", ctype)], stored["data"]

    def text_to_audio(self, body: Mapping[str, Any]) -> Response:
        text = body.get("text")
        if not text and not body.get("message_id"):
            return error_response(
                400, "invalid_param", "text or message_id is required."
            )
        return 200, [("Content-Type", "audio/mpeg")], speech(text or body["message_id"])

    def stop(self, values: Mapping[str, Any], body: Mapping[str, Any]) -> Response:
        with self._lock:
            self.stopped.append((values["task_id"], body["user"]))
        return json_response(200, {"result": "success"})
