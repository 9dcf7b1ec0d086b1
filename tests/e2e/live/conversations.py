"""Conversation state and the two Dify operations served on it.

* Conversations are seeded by the test; one seeded with ``user=...`` only exists for that user.
* Variables are kept ordered by ``(created_at, insertion order)``.
* ``list_variables`` pages with ``limit`` (default 20) and the cursor ``last_id`` (an unknown
  ``last_id`` is a 404, as in Dify), reports ``has_more`` and filters by exact ``variable_name``.
* ``update_variable`` checks the value against the variable's ``value_type``, stores it and sets
  ``updated_at``.  Values go out as the spec types them (see ``value_types.wire_value``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .transport import Response, error_response, json_response
from .value_types import expected_name, infer_type, value_matches, wire_value


@dataclass
class Conversation:
    id: str
    user: str | None
    variables: list[dict[str, Any]] = field(default_factory=list)
    seq: int = 0


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


class ConversationStore:
    """The seeded conversations with their variables (thread-safe)."""

    def __init__(self) -> None:
        self._conversations: dict[str, Conversation] = {}
        self._lock = threading.RLock()

    # -- seeding and inspection --------------------------------------------------------------

    def add_conversation(
        self,
        conversation_id: str,
        *,
        variables: Iterable[Mapping[str, Any]] = (),
        user: str | None = None,
        now: int,
    ) -> None:
        with self._lock:
            self._conversations[conversation_id] = Conversation(conversation_id, user)
            for v in variables:
                self.add_variable(conversation_id, v, now=now)

    def add_variable(
        self, conversation_id: str, variable: Mapping[str, Any], *, now: int
    ) -> None:
        required = {"id", "name", "value_type", "value"}
        missing = required - set(variable)
        if missing:
            raise ValueError(f"variable is missing {sorted(missing)}")
        with self._lock:
            conv = self._conversations[conversation_id]
            item = {
                "description": "",
                "created_at": now,
                "updated_at": now,
                **dict(variable),
                "_seq": conv.seq,
            }
            conv.seq += 1
            conv.variables.append(item)
            conv.variables.sort(key=lambda v: (v["created_at"], v["_seq"]))

    def variables(self, conversation_id: str) -> list[dict[str, Any]]:
        with self._lock:
            return [
                {k: v for k, v in item.items() if k != "_seq"}
                for item in self._conversations[conversation_id].variables
            ]

    # -- the operations ----------------------------------------------------------------------

    def _conversation(self, cid: str, user: Any) -> Conversation | None:
        conv = self._conversations.get(cid)
        if conv is None or (conv.user is not None and conv.user != user):
            return None
        return conv

    def list_variables(self, values: Mapping[str, Any]) -> Response:
        """``GET /conversations/{conversation_id}/variables`` (validated parameters)."""
        limit = values.get("limit", 20)
        with self._lock:
            conv = self._conversation(values["conversation_id"], values.get("user"))
            if conv is None:
                return error_response(404, "not_found", "Conversation Not Exists.")
            items = list(conv.variables)
            last_id = values.get("last_id")
            if last_id:
                ids = [v["id"] for v in items]
                if last_id not in ids:
                    return error_response(
                        404, "not_found", "Conversation Variable Not Exists."
                    )
                items = items[ids.index(last_id) + 1 :]
            name = values.get("variable_name")
            if name:
                items = [v for v in items if v["name"] == name]
            page = items[:limit]
            body = {
                "limit": limit,
                "has_more": len(items) > limit,
                "data": [_wire_item(v) for v in page],
            }
        return json_response(200, body)

    def update_variable(
        self, values: Mapping[str, Any], body: Any, *, now: int
    ) -> Response:
        """``PUT /conversations/{conversation_id}/variables/{variable_id}`` (validated body)."""
        with self._lock:
            conv = self._conversation(values["conversation_id"], body.get("user"))
            if conv is None:
                return error_response(404, "not_found", "Conversation Not Exists.")
            for item in conv.variables:
                if item["id"] == values["variable_id"]:
                    break
            else:
                return error_response(
                    404, "not_found", "Conversation Variable Not Exists."
                )
            new_value = body["value"]
            if not value_matches(item["value_type"], new_value):
                return error_response(
                    400,
                    "bad_request",
                    f"Value type mismatch: expected {expected_name(item['value_type'])}, "
                    f"got {infer_type(new_value)}.",
                )
            item["value"] = new_value
            item["updated_at"] = now
            return json_response(200, _wire_item(item))
