"""BaseModel.from_dict / to_dict on the hand-written models of the test package."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from .conftest import ITEM_JSON, Runtime


def test_round_trip_with_nested_models_and_extra_keys(rt: Runtime) -> None:
    T = rt.model_types
    data = copy.deepcopy(ITEM_JSON)
    item = T.Item.from_dict(data)
    assert item.id == "it-1" and item.score == 3 and item.tags == ["a", "b"]
    assert item.from_ == "web"  # wire name "from"
    assert isinstance(item.author, T.Author) and item.author.role == "admin"
    assert item.author.extra_fields == {"mood": "happy"}
    assert isinstance(item.authors["x"], T.Author)
    assert isinstance(item.value[0], T.Author)  # union: the list[Author] member
    assert item.meta == {"free": ["form"]}
    assert item.extra_fields == {"unknown_key": {"kept": True}}
    assert item.to_dict() == ITEM_JSON
    assert data == ITEM_JSON  # the source is not modified


def test_self_recursive_model(rt: Runtime) -> None:
    Node = rt.model_types.Node
    data = {
        "name": "root",
        "children": [{"name": "a", "children": [{"name": "a1"}]}, {"name": "b"}],
        "parent": None,
    }
    node = Node.from_dict(data)
    assert isinstance(node.children[0].children[0], Node)
    assert node.children[0].children[0].name == "a1"
    assert node.parent is None
    assert node.to_dict() == data  # an explicit null stays, absent keys stay absent


def test_lenient_values_are_kept(rt: Runtime) -> None:
    T = rt.model_types
    data: dict[str, Any] = {
        "id": 42,  # not a str
        "score": "high",  # not a float
        "tags": "not-a-list",
        "author": ["not", "a", "dict"],
        "value": {"k": 1},  # fits no member of the union
    }
    item = T.Item.from_dict(data)
    assert item.id == 42 and item.score == "high" and item.tags == "not-a-list"
    assert item.author == ["not", "a", "dict"] and item.value == {"k": 1}
    assert item.to_dict() == data
    author = T.Author.from_dict({"role": "superuser"})  # bad Literal, missing name
    assert author.role == "superuser" and author.missing_fields == ["name"]
    with pytest.raises(AttributeError, match="Author.name is required"):
        author.name
    assert author.to_dict() == {"role": "superuser"}
    assert T.Item.from_dict({"id": "x", "value": 7}).value == 7
    assert T.Item.from_dict({"id": "x", "value": "s"}).value == "s"


def test_missing_required_key_in_nested_model(rt: Runtime) -> None:
    T = rt.model_types
    item = T.Item.from_dict({"id": "x", "author": {"role": "user"}})
    # the field stays unset: reading it raises, nothing else does
    assert isinstance(item.author, T.Author) and item.author.missing_fields == ["name"]
    with pytest.raises(AttributeError, match="Author.name is required but the data"):
        item.author.name
    assert item.author.role == "user" and item.missing_fields == []
    assert repr(item.author) == "Author(name=<missing>, role='user')"
    assert item.author == T.Author.from_dict({"role": "user"})
    assert item.author != T.Author.from_dict({"role": "user", "name": "n"})
    assert item.to_dict() == {"id": "x", "author": {"role": "user"}}


def test_to_dict_of_constructed_and_changed_models(rt: Runtime) -> None:
    T = rt.model_types
    item = T.Item(id="n", from_="api", author=T.Author(name="Bo"))
    assert item.to_dict() == {"id": "n", "from": "api", "author": {"name": "Bo"}}
    assert item.extra_fields == {}
    parsed = T.Item.from_dict({"id": "p"})
    parsed.score = 1.5
    parsed.tags = None  # None that was never given: left out
    assert parsed.to_dict() == {"id": "p", "score": 1.5}


def test_page_model_and_hint_cache(rt: Runtime) -> None:
    T = rt.model_types
    page = T.ItemPage.from_dict({"limit": 2, "has_more": True, "data": [{"id": "a"}]})
    assert isinstance(page.data[0], T.Item)
    assert T.ItemPage in rt.models._FIELDS and T.Item in rt.models._FIELDS
    wires = [f.wire for f in rt.models._FIELDS[T.Item]]
    assert "from" in wires and "from_" not in wires
