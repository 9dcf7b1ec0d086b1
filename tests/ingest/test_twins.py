"""A translation is a twin of the primary document exactly when it repeats it but for the
strings under summary, description and title (ingest/twins.py), and its texts are keyed
by the primary's strings they replace."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable
from typing import Any

import pytest

from generator.ingest.equivalence import DATA, PROSE, prose_free_key
from generator.ingest.load import load
from generator.ingest.twins import prose_free, twin_texts
from tests.builders import base_document, translated
from tests.paths import CASES, ROOT


def texts(primary: Any, other: Any) -> dict[int, str] | None:
    return twin_texts(prose_free(primary), prose_free(other))


def test_a_translation_is_a_twin_and_each_text_replaces_the_primarys() -> None:
    primary = base_document("en")
    other = translated(primary, "[ja]")
    found = texts(primary, other)
    assert found is not None
    strings: list[str] = []
    _prose(primary, strings)
    assert strings and len(found) == len({id(s) for s in strings})
    assert all(found[id(s)] == f"{s} [ja]" for s in strings)


def _prose(node: Any, out: list[str]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            if k in PROSE and isinstance(v, str):
                out.append(v)
            elif not (k in DATA or k.startswith("x-")):
                _prose(v, out)
    elif isinstance(node, list):
        for v in node:
            _prose(v, out)


def _op(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["paths"]["/info"]["get"]  # type: ignore[no-any-return]


def _example(doc: dict[str, Any]) -> dict[str, Any]:
    media = _op(doc)["responses"]["200"]["content"]["application/json"]
    return media["example"]  # type: ignore[no-any-return]


def _primary() -> dict[str, Any]:
    """A document with a part of each kind the changes below touch."""
    doc = base_document("en")
    doc["info"]["description"] = "About the demo."
    doc["info"]["x-logo"] = {"description": "Our logo."}
    doc["tags"] = [{"name": "Apps", "description": "App calls."}]
    _op(doc)["deprecated"] = False
    _op(doc)["responses"]["200"]["content"]["application/json"]["example"] = {
        "title": "Mr",
        "name": "x",
    }
    return doc


def _reordered(doc: dict[str, Any]) -> None:
    items = list(doc.items())
    doc.clear()
    doc.update(reversed(items))


CHANGES: dict[str, Callable[[dict[str, Any]], None]] = {
    "a name": lambda d: _op(d).update(operationId="other"),
    "a value's type": lambda d: _op(d).update(deprecated=0),  # False == 0
    "an added operation": lambda d: d["paths"].update({"/more": {}}),
    "the key order": _reordered,
    "an extension's prose": lambda d: d["info"]["x-logo"].update(description="Logo"),
    "a prose key of data": lambda d: _example(d).update(title="Mrs"),
    "a prose key holding no string": lambda d: d["info"].update(description=5),
    "a tag's name": lambda d: d["tags"][0].update(name="Others"),
}


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_any_difference_beyond_prose_makes_no_twin(change: str) -> None:
    primary = _primary()
    other = translated(primary, "[ja]")
    assert texts(primary, other) is not None
    CHANGES[change](other)
    assert texts(primary, other) is None


def test_one_string_in_two_places_translated_alike_or_apart() -> None:
    shared = "Shared words."
    primary = base_document("en")
    primary["info"]["description"] = shared
    _op(primary)["description"] = shared  # one object, two places (a YAML alias)
    other = translated(primary, "[ja]")
    found = texts(primary, other)
    assert found is not None and found[id(shared)] == "Shared words. [ja]"
    _op(other)["description"] = "Other words."
    assert texts(primary, other) is None


def test_a_value_marshal_cannot_write_makes_no_twin() -> None:
    primary = base_document("en")
    primary["info"]["x-when"] = object()
    assert prose_free(primary) is None
    assert texts(primary, copy.deepcopy(primary)) is None


def _documents() -> list[Any]:
    """Every document of the case corpus that loads, and the Chatflow spec's."""
    found = []
    for folder in [*sorted(CASES.glob("*/specs")), ROOT / "specs" / "dify-chatflow"]:
        try:
            found += [doc.document for doc in load([str(folder)], None, "en", {})]
        except Exception:  # noqa: BLE001  the cases that stop at loading
            continue
    return found


def test_the_key_of_the_blanked_bytes_is_the_validators_key() -> None:
    # the validator's process keys the documents it blanked for the twins by these
    # bytes (ingest/beside.py): the cache of valid documents must find them
    documents = _documents()
    assert len(documents) > 40
    for document in documents:
        blanked = prose_free(document)
        assert blanked is not None
        assert hashlib.sha256(blanked[0]).hexdigest() == prose_free_key(document)
        twin = json.loads(json.dumps(translated(document, "[x]")))
        assert texts(document, twin) is not None
