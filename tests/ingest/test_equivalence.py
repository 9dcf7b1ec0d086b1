"""Documents equal but for their prose share a verdict; anything else is validated."""

from __future__ import annotations

import marshal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.equivalence import blanked, prose_free_key
from tests.builders import with_value

DOC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Pets", "version": "1", "description": "All about pets."},
    "paths": {
        "/pets": {
            "get": {
                "summary": "List pets",
                "parameters": [
                    {
                        "name": "kind",
                        "in": "query",
                        "description": "Which kind",
                        "schema": {
                            "type": "object",
                            "properties": {"description": {"type": "string"}},
                            "default": {"description": "dog"},
                        },
                    }
                ],
                "responses": {"200": {"description": "OK", "x-note": "a"}},
            }
        }
    },
}


def changed(path: list[str | int], value: Any) -> dict[str, Any]:
    return with_value(DOC, path, value)


GET = ["paths", "/pets", "get"]
SCHEMA = GET + ["parameters", 0, "schema"]


def test_translated_prose_gives_the_same_key() -> None:
    translated = changed(["info", "title"], "ペット")
    translated = changed(["info", "description"], "ペットのすべて")
    assert prose_free_key(translated) == prose_free_key(DOC)
    assert prose_free_key(changed(GET + ["summary"], "列出")) == prose_free_key(DOC)
    ok = changed(GET + ["responses", "200", "description"], "好")
    assert prose_free_key(ok) == prose_free_key(DOC)


def test_anything_but_prose_strings_changes_the_key() -> None:
    for doc in [
        changed(["info", "description"], 5),  # not a string: the validator must see it
        changed(SCHEMA + ["default"], {"description": "cat"}),  # checked vs the schema
        changed(SCHEMA + ["properties", "description"], {"type": "integer"}),
        changed(GET + ["responses", "200", "x-note"], "b"),
        changed(GET + ["parameters", 0, "name"], "type"),
        changed(["info", "version"], "2"),
    ]:
        assert prose_free_key(doc) != prose_free_key(DOC)


def test_a_refused_document_does_not_vouch_for_its_twins(
    tmp_path: Any, capsys: Any
) -> None:
    import json

    from generator.cli import main

    bad = changed(GET + ["responses", "200"], {"content": {}})  # no description
    for locale, title in (("en", "Pets"), ("zh", "宠物")):
        folder = tmp_path / "specs" / locale
        folder.mkdir(parents=True)
        doc = changed(["info", "title"], title) | {"paths": bad["paths"]}
        (folder / "openapi.json").write_text(json.dumps(doc), encoding="utf-8")
    assert main(["drift", "--no-cache", "--specs", str(tmp_path / "specs")]) == 2
    err = capsys.readouterr().err
    assert "[locale en]" in err and "[locale zh]" in err, err


def _copied(node: Any) -> Any:
    """The plain definition of blanking: every container copied."""
    if isinstance(node, dict):
        return {
            key: (
                ""
                if key in ("summary", "description", "title") and isinstance(value, str)
                else (
                    value
                    if key
                    in ("default", "example", "examples", "enum", "const", "value")
                    or (isinstance(key, str) and key.startswith("x-"))
                    else _copied(value)
                )
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_copied(item) for item in node]
    return node


_KEYS = st.sampled_from(
    ["summary", "description", "title", "default", "example", "x-a", "type", "name", ""]
)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=400, derandomize=True, database=None, deadline=None)
@given(_JSON)
def test_blanking_shares_what_has_no_prose_and_gives_the_copied_value(
    value: Any,
) -> None:
    """``blanked`` copies only the containers on the way to prose; the value (and so
    the key, marshal's bytes of it) is the one copying everything gives."""
    before = marshal.dumps(value, 0)
    made = blanked(value)
    assert marshal.dumps(value, 0) == before  # the document is not changed
    assert marshal.dumps(made, 0) == marshal.dumps(_copied(value), 0)
