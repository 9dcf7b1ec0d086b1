"""Deterministic seed data for the live tests: ids, variables and the fixed clock.

Everything here is a pure function of its arguments, so every test (and every run) sees the same
UUIDs, names and timestamps.
"""

from __future__ import annotations

import uuid
from typing import Any

FIXED_NOW = 1705407629
"""The server's default clock, and the base of the seeded timestamps."""
DEFAULT_USER = "abc-123"

_UUID_NAMESPACE = uuid.UUID("6f1c1d1e-8f0b-4a51-9a43-6a0e4c1b7d2a")


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


def message_id(n: int, conversation: str = "") -> str:
    """A deterministic, valid UUID for message number ``n`` of a conversation."""
    return str(uuid.uuid5(_UUID_NAMESPACE, f"message-{conversation}-{n}"))


def make_message(n: int, *, conversation: str) -> dict[str, Any]:
    """Message ``n`` of a conversation in wire shape: query ``q<n>``, answer ``a<n>``,
    created ``n`` seconds after the hour before the fixed clock."""
    return {
        "id": message_id(n, conversation),
        "conversation_id": conversation,
        "parent_message_id": message_id(n - 1, conversation) if n > 1 else None,
        "inputs": {},
        "query": f"q{n}",
        "answer": f"a{n}",
        "message_files": [],
        "feedback": None,
        "retriever_resources": [],
        "agent_thoughts": [],
        "created_at": FIXED_NOW - 3600 + n,
        "status": "normal",
        "error": None,
    }
