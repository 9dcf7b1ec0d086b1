"""Spec blocks of documentation pages, and the fences that try to be one and are not."""

from __future__ import annotations

from generator.ingest.pages import spec_blocks


def test_spec_blocks_and_ordinary_examples() -> None:
    text = (
        "# T\n\n```yaml /en/api.json get /a\npaths: {}\n```\n\n"
        "````yaml docs/openapi get /b\npaths: {}\n````\n\n"
        "```yaml\nkey: value\n```\n\n```yaml config.yaml\nkey: value\n```\n"
    )
    blocks, broken = spec_blocks(text)
    assert [(b.source, b.body, b.line) for b in blocks] == [
        ("/en/api.json", "paths: {}\n", 3),
        ("docs/openapi", "paths: {}\n", 7),
    ]
    assert broken == []


def test_broken_spec_blocks_are_reported_with_their_line() -> None:
    text = (
        "```yml /en/api.json get /a\npaths: {}\n```\n"
        "```yaml /en/api.json\npaths: {}\n```\n"
        "```yaml /en/api.json post /c\npaths: {}\n"
    )
    blocks, broken = spec_blocks(text)
    assert blocks == []
    assert [(b.line, b.source) for b in broken] == [
        (1, "/en/api.json"),
        (4, "/en/api.json"),
        (7, "/en/api.json"),
    ]
    assert "yml" in broken[0].message
    assert "no method or path" in broken[1].message
    assert "no closing ``` fence" in broken[2].message
