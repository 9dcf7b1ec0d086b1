"""References to other files are bundled into one document with local references only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.ingest.load import load
from generator.ingest.refs import has_external_refs, only_local_refs
from generator.problems import InputError
from tests.paths import ROOT


def write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data) if path.suffix == ".json" else yaml.safe_dump(data)
    path.write_text(text, encoding="utf-8")


def document(paths: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "paths": paths,
        **extra,
    }


def get(schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "get": {
            "responses": {
                "200": {
                    "description": "ok",
                    "content": {"application/json": {"schema": schema}},
                }
            }
        }
    }


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for v in node.values() for r in refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in refs(v)]
    return []


def test_a_multi_file_specification_of_thousands_of_files(tmp_path: Path) -> None:
    """3,000 schema files in a chain with a cycle back to the first, 1,000 path files."""
    schemas, paths = 3000, 1000
    for i in range(schemas):
        write(
            tmp_path / "en" / "schemas" / f"S{i}.json",
            {
                "type": "object",
                "properties": {"next": {"$ref": f"S{(i + 1) % schemas}.json"}},
            },
        )
    for i in range(paths):
        write(
            tmp_path / "en" / "paths" / f"p{i}.json",
            get({"$ref": f"../schemas/S{i * 3}.json"}),
        )
    write(
        tmp_path / "en" / "openapi.yaml",
        document({f"/p{i}": {"$ref": f"paths/p{i}.json"} for i in range(paths)}),
    )
    (doc,) = load([str(tmp_path)])
    assert doc.locale == "en"
    components = doc.document["components"]["schemas"]
    assert sorted(components) == sorted(f"S{i}" for i in range(schemas))
    assert components["S2999"]["properties"]["next"] == {
        "$ref": "#/components/schemas/S0"
    }
    assert not has_external_refs(doc.document)
    assert all(r.startswith("#/components/schemas/S") for r in refs(doc.document))
    assert len(doc.referenced) == schemas + paths
    assert doc.origins["/components/schemas/S7"][0].endswith("en/schemas/S7.json")


def test_same_component_name_in_two_files_gets_a_suffix(tmp_path: Path) -> None:
    error = {"type": "object", "properties": {"message": {"type": "string"}}}
    other = {"type": "object", "properties": {"code": {"type": "integer"}}}
    write(tmp_path / "a.yaml", {"components": {"schemas": {"Error": error}}})
    write(tmp_path / "b.yaml", {"components": {"schemas": {"Error": other}}})
    write(
        tmp_path / "openapi.yaml",
        document(
            {
                "/a": get({"$ref": "a.yaml#/components/schemas/Error"}),
                "/b": get({"$ref": "b.yaml#/components/schemas/Error"}),
                "/c": get({"$ref": "a.yaml#/components/schemas/Error"}),
            }
        ),
    )
    (doc,) = load([str(tmp_path / "openapi.yaml")])
    assert doc.document["components"]["schemas"] == {"Error": error, "Error_2": other}
    assert refs(doc.document["paths"]) == [
        "#/components/schemas/Error",
        "#/components/schemas/Error_2",
        "#/components/schemas/Error",
    ]


def test_a_file_refers_back_to_the_root_document(tmp_path: Path) -> None:
    write(
        tmp_path / "models" / "Tree.yaml",
        {
            "type": "object",
            "description": "A tree.",
            "properties": {
                "leaf": {"$ref": "../openapi.yaml#/components/schemas/Leaf"}
            },
        },
    )
    write(
        tmp_path / "openapi.yaml",
        document(
            {"/t": get({"$ref": "#/components/schemas/Tree"})},
            components={
                "schemas": {
                    "Tree": {"$ref": "models/Tree.yaml"},
                    "Leaf": {"type": "string"},
                }
            },
        ),
    )
    (doc,) = load([str(tmp_path / "openapi.yaml")])
    tree = doc.document["components"]["schemas"]["Tree"]
    assert tree["properties"]["leaf"] == {"$ref": "#/components/schemas/Leaf"}
    assert tree["description"] == "A tree."
    assert sorted(doc.document["components"]["schemas"]) == ["Leaf", "Tree"]


def test_siblings_of_an_external_ref_are_kept(tmp_path: Path) -> None:
    write(tmp_path / "Pet.yaml", {"type": "object"})
    write(
        tmp_path / "openapi.json",
        document({"/p": get({"$ref": "Pet.yaml", "description": "The pet."})}),
    )
    (doc,) = load([str(tmp_path / "openapi.json")], primary="ja")
    schema = doc.document["paths"]["/p"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]
    assert schema == {"description": "The pet.", "$ref": "#/components/schemas/Pet"}
    assert doc.locale == "ja"


def test_a_cycle_of_copied_path_items_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", {"get": {"$ref": "b.yaml"}})
    write(tmp_path / "b.yaml", {"$ref": "a.yaml#/get"})
    write(tmp_path / "en" / "openapi.yaml", document({"/a": {"$ref": "../a.yaml"}}))
    with pytest.raises(InputError) as caught:
        load([str(tmp_path / "en")])
    (problem,) = caught.value.problems
    assert "refers back to itself" in problem.message
    assert problem.locale == "en"
    assert problem.files[0].endswith("a.yaml")


def test_a_referenced_openapi_document_is_not_a_second_document(tmp_path: Path) -> None:
    shared = document({}, components={"schemas": {"Id": {"type": "string"}}})
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "shared.json").write_text(json.dumps(shared), encoding="utf-8")
    write(
        tmp_path / "en" / "openapi.yaml",
        document({"/i": get({"$ref": "shared.json#/components/schemas/Id"})}),
    )
    (doc,) = load([str(tmp_path)])
    assert doc.document["components"]["schemas"] == {"Id": {"type": "string"}}


def test_a_root_component_keeps_its_name_wherever_its_file_is_met_first(
    tmp_path: Path,
) -> None:
    write(tmp_path / "models" / "pet.yaml", {"type": "object"})
    root = {
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "components": {"schemas": {"Pet": {"$ref": "models/pet.yaml"}}},
        "paths": {"/p": get({"$ref": "models/pet.yaml"})},
    }
    write(tmp_path / "openapi.yaml", root)
    (doc,) = load([str(tmp_path / "openapi.yaml")])
    assert doc.document["components"]["schemas"] == {"Pet": {"type": "object"}}
    assert refs(doc.document) == ["#/components/schemas/Pet"]


def test_a_ref_inside_an_extension_is_left_alone(tmp_path: Path) -> None:
    # Bump.sh's x-topics point at Markdown; OpenAPI gives an extension no meaning
    topics = [{"title": "Start", "content": {"$ref": "./docs/start.md"}}]
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "start.md").write_text("# Start\n", encoding="utf-8")
    write(
        tmp_path / "api.yaml",
        document({"/a": get({"type": "string"})}, **{"x-topics": topics}),
    )
    assert not has_external_refs(yaml.safe_load((tmp_path / "api.yaml").read_text()))
    (doc,) = load([str(tmp_path / "api.yaml")])
    assert doc.document["x-topics"] == topics


def test_a_ref_to_a_file_without_an_object_is_reported(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# Only a heading\n", encoding="utf-8")
    write(tmp_path / "api.yaml", document({"/a": get({"$ref": "notes.md"})}))
    with pytest.raises(InputError) as raised:
        load([str(tmp_path / "api.yaml")])
    (problem,) = raised.value.problems
    assert "'notes.md': what it names holds no JSON or YAML object" in problem.message
    assert (
        problem.pointer
        == "/paths/~1a/get/responses/200/content/application~1json/schema/$ref"
    )


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ('{"$ref": "#/components/schemas/A"}', True),
        ("schema:\n  $ref: '#/components/schemas/A'\n", True),
        ("schema: {$ref: \"#/a\"}\nother:\n  $ref:\n    '#/b'\n", True),
        ('{"a": 1}', True),
        ('{"$ref": "other.yaml#/A"}', False),
        ("$ref: ./pet.yaml", False),
        ('{"$ref": ""}', False),  # not a pointer: the walk decides
        ('{"\\u0024ref": "other.json"}', False),  # an escape that could spell one
        ('{"$r\\u0065f": "#/a"}', False),
        ("description: see the $ref keyword\n", False),  # a "$ref" not as a key
        ("$ref: >-\n  other.yaml\n", False),
    ],
)
def test_only_local_refs_reads_the_text(text: str, local: bool) -> None:
    assert only_local_refs(text) is local
    assert only_local_refs(text.encode("utf-8")) is local  # the file's bytes alike


def test_only_local_refs_never_hides_a_reference_the_walk_finds() -> None:
    files = [
        p
        for p in sorted((ROOT / "tests" / "cases").rglob("*"))
        if p.suffix in (".json", ".yaml", ".yml") and "golden" not in p.parts
    ]
    verdicts = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            document = yaml.safe_load(text)  # JSON is YAML
        except yaml.YAMLError:  # the corpus's broken inputs
            continue
        verdicts.append(only_local_refs(text))
        assert only_local_refs(path.read_bytes()) is verdicts[-1], path
        if verdicts[-1]:
            assert not has_external_refs(document), path
    assert verdicts.count(True) >= 40 and False in verdicts
