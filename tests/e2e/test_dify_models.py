"""Dify's own unions decode into their member classes: the app parameters' user_input_form
controls, from the generated Chatflow client against a loopback server."""

from __future__ import annotations

import json

from tests.e2e.spec_server import serve
from tests.packages import PackageImports
from tests.paths import GENERATED, SPECS

SPEC = SPECS / "dify-chatflow" / "en" / "openapi_chatflow.json"

FORM = [
    {"text-input": {"label": "City", "variable": "city", "required": True}},
    {"paragraph": {"label": "Notes", "variable": "notes", "required": False}},
    {"select": {"label": "Size", "variable": "size", "options": ["S", "M"]}},
]


def test_user_input_form_controls_decode_into_their_own_classes(
    generated_package: PackageImports,
) -> None:
    package = generated_package(GENERATED / "chatflow" / "en", "dify_chatflow")
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    with serve(spec) as server:
        documented = server.answer_for("GET", "/parameters")
        assert documented["user_input_form"][0]["text-input"]["label"] == "City"
        server.respond(
            "GET", "/parameters", 200, {**documented, "user_input_form": FORM}
        )
        with package.Client(api_key="k", base_url=server.base_url) as client:
            parameters = client.parameters.retrieve()
    assert server.problems == []
    names = [type(c).__name__ for c in parameters.user_input_form]
    assert names == [
        "TextInputControlWrapper",
        "ParagraphControlWrapper",
        "SelectControlWrapper",
    ]
    text, paragraph, select = parameters.user_input_form
    assert text.text_input.label == "City" and text.extra_fields == {}
    assert paragraph.paragraph.variable == "notes"
    assert select.select.options == ["S", "M"] and select.extra_fields == {}
    assert parameters.to_dict() == {**documented, "user_input_form": FORM}
