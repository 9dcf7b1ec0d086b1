"""How the generator decides that an operation streams, its event type and its switch:
the target's ``streams`` table (validated in config), and the heuristic for documents that
describe the stream in prose, as Dify's do."""

from __future__ import annotations

import ast
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from generator.build import pytype as pt
from generator.build.responses import LINE_JSON
from generator.build.shape import Method, build_shape
from generator.config import StreamRule, adhoc_target, load_config
from generator.pipeline import build_api
from generator.problems import InputError
from tests.paths import RUNTIME_DIR

OBJ = {"type": "object"}


def completion_spec(event_stream: dict[str, Any] | None) -> dict[str, Any]:
    """An OpenAI-style operation: a ``stream`` boolean; JSON and maybe an event stream."""
    content: dict[str, Any] = {
        "application/json": {"schema": {"$ref": "#/components/schemas/Completion"}}
    }
    if event_stream is not None:
        content["text/event-stream"] = event_stream
    body = {
        "type": "object",
        "required": ["prompt"],
        "properties": {"prompt": {"type": "string"}, "stream": {"type": "boolean"}},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": {
            "/completions": {
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": body}}},
                    "responses": {"200": {"description": "ok", "content": content}},
                }
            }
        },
        "components": {
            "schemas": {
                "Completion": {**OBJ, "properties": {"text": {"type": "string"}}},
                "Chunk": {**OBJ, "properties": {"delta": {"type": "string"}}},
            }
        },
    }


def dify_like_spec() -> dict[str, Any]:
    """A ``response_mode`` enum, a string event stream, one union discriminated by event."""
    spec = completion_spec({"schema": {"type": "string"}})
    body = spec["paths"]["/completions"]["post"]["requestBody"]
    props = body["content"]["application/json"]["schema"]["properties"]
    del props["stream"]
    props["response_mode"] = {"type": "string", "enum": ["streaming", "blocking"]}
    tags = ["started", "finished", "ping"]
    spec["components"]["schemas"].update(
        {
            "Event": {
                **OBJ,
                "properties": {"event": {"type": "string", "enum": tags}},
                "discriminator": {
                    "propertyName": "event",
                    "mapping": {t: f"#/components/schemas/{t.title()}" for t in tags},
                },
            },
            **{
                t.title(): {"allOf": [{"$ref": "#/components/schemas/Event"}, OBJ]}
                for t in tags
            },
        }
    )
    return spec


def create_method(
    tmp_path: Path, spec: dict[str, Any], **target: Any
) -> tuple[Method, tuple[str, ...]]:
    (tmp_path / "specs" / "en").mkdir(parents=True)
    (tmp_path / "specs" / "en" / "openapi.json").write_text(json.dumps(spec))
    t = dataclasses.replace(adhoc_target([str(tmp_path / "specs")], "p"), **target)
    api, _ = build_api(t)
    shape = build_shape(api, t)
    (resource,) = shape.resources
    (method,) = resource.methods
    return method, shape.notes


def test_an_event_stream_schema_and_a_stream_boolean(tmp_path: Path) -> None:
    chunk = {"schema": {"$ref": "#/components/schemas/Chunk"}}
    method, notes = create_method(tmp_path, completion_spec(chunk))
    assert method.stream is not None and method.kind == "plain"
    assert (method.stream.switch, method.stream.value) == ("stream", True)
    assert method.stream.source == "schema"
    assert method.stream.events == pt.model("Chunk", "chunk")
    assert method.stream.blocking == pt.literal(["False"])
    assert method.returns.name == "Completion" and notes == ()


def test_the_streams_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.generator.targets.t]\n"
        'specs = ["specs"]\npackage = "p"\n'
        "[tool.generator.targets.t.streams]\n"
        '"post /completions" = { events = "Chunk", switch = "stream=true" }\n'
    )
    (target,) = load_config(tmp_path / "pyproject.toml").targets
    rule = StreamRule("Chunk", "stream", True)
    assert target.streams == (("POST /completions", rule),)
    # the spec documents JSON only (as OpenAI's does): the table makes it stream
    method, _ = create_method(tmp_path, completion_spec(None), streams=target.streams)
    assert method.stream is not None and method.stream.source == "config"
    assert method.stream.events == pt.model("Chunk", "chunk")
    assert method.stream.switch == "stream"


@pytest.mark.parametrize(
    "entry, message",
    [
        ('"completions" = { events = "X" }', "the key must read 'METHOD /path'"),
        ('"POST /c" = { switch = "stream=true" }', 'must be a table with events = "'),
        ('"POST /c" = { events = "X", switch = "stream" }', "switch must read"),
        ('"POST /c" = { events = "X", mode = "a" }', "unknown key(s) mode"),
    ],
)
def test_the_streams_table_is_validated(
    tmp_path: Path, entry: str, message: str
) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(
        '[tool.generator.targets.t]\nspecs = ["s"]\npackage = "p"\n'
        f"[tool.generator.targets.t.streams]\n{entry}\n"
    )
    with pytest.raises(InputError) as info:
        load_config(path)
    (problem,) = info.value.problems
    assert message in problem.message and problem.files == (str(path),)
    assert problem.message.startswith("tool.generator.targets.t.streams.")


def test_an_unknown_events_schema_is_an_input_error(tmp_path: Path) -> None:
    streams = (("POST /completions", StreamRule("Nope", "stream", True)),)
    with pytest.raises(InputError) as info:
        create_method(tmp_path, completion_spec(None), streams=streams)
    assert "'Nope', which is not a component schema" in str(info.value)


def test_the_heuristic_for_dify_like_documents(tmp_path: Path) -> None:
    method, notes = create_method(tmp_path, dify_like_spec())
    spec = method.stream
    assert spec is not None and spec.source == "heuristic"
    assert (spec.switch, spec.value) == ("response_mode", "streaming")
    assert spec.blocking == pt.literal(['"blocking"'])
    # the events: the union's members but the keep-alive, then UnknownEvent
    names = [m.name for m in spec.events.members]
    assert names == ["Finished", "Started", "UnknownEvent"]
    assert spec.decoded.members[0].name == "Annotated"


def test_no_switch_means_blocking_only(tmp_path: Path) -> None:
    spec = dify_like_spec()
    body = spec["paths"]["/completions"]["post"]["requestBody"]
    del body["content"]["application/json"]["schema"]["properties"]["response_mode"]
    method, notes = create_method(tmp_path, spec)
    assert method.stream is None and method.returns.name == "Completion"
    assert notes == (
        "POST /completions: answers JSON or an event stream, but no request field asks "
        "for the stream (set switch in the target's streams table): blocking only",
    )


def test_the_runtime_knows_every_json_lines_type_the_generator_streams() -> None:
    """The runtime decides by the response's type; it has its own copy of the list."""
    tree = ast.parse((RUNTIME_DIR / "_streaming.py").read_text(encoding="utf-8"))
    (value,) = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "_LINE_JSON" for t in node.targets)
    ]
    assert set(ast.literal_eval(value)) == LINE_JSON
