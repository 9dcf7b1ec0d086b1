"""Required properties are required (no default, not Optional unless nullable); a
required key missing from a response leaves the field unset and says so when read."""

import dataclasses
import typing
from typing import Any

import pytest


def check(T: Any, client: Any, server: Any) -> None:
    fields = {f.name: f for f in dataclasses.fields(T.Account)}
    required = {n for n, f in fields.items() if f.default is dataclasses.MISSING}
    assert required == {"id", "name", "nickname"}
    hints = typing.get_type_hints(T.Account)
    assert hints["id"] is str and hints["nickname"] == str | None
    assert hints["email"] == str | None  # optional: may be absent

    created = client.accounts.create(name="Ann", nickname=None)
    assert server.requests[-1].json() == {"name": "Ann", "nickname": None}
    assert type(created) is T.Account and created.nickname is None
    assert created.manager is None and created.email is None

    account = client.accounts.retrieve("a1", fields="id,name")
    assert server.requests[-1].query == (("fields", "id,name"),)
    assert type(account.manager) is T.Account and account.manager.name == "Max"
    assert account.to_dict() == server.answer_for("GET", "/accounts/{account_id}")

    # a response that omits a required key: decoded, the field stays unset
    server.respond("GET", "/accounts/{account_id}", 200, {"id": "a2", "nickname": None})
    partial = client.accounts.retrieve("a2", fields="id", limit=None)
    assert partial.id == "a2" and partial.missing_fields == ["name"]
    with pytest.raises(AttributeError, match="Account.name is required"):
        partial.name
    assert partial.to_dict() == {"id": "a2", "nickname": None}
    assert server.requests[-1].query == (("fields", "id"),)  # None: left out
