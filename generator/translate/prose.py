"""Every piece of prose of an OpenAPI document, found by walking it: what a translator sees.

A piece of prose is a non-blank string under a prose key (``summary``, ``description``,
``title``, a tag's ``name``) of an object that carries prose (an operation, a parameter, a
schema, ...). Examples, defaults, enums and extensions are data, never prose. Each piece is
located by its absolute JSON pointer in the document; its stable key (the PO ``msgctxt``) is
the operation (``GET /path``) or component schema (``schema Name``) it belongs to plus the
pointer inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.merge.error_docs import parse_codes
from generator.merge.methods import HTTP_METHODS, operation_at, operation_keys
from generator.problems import join_pointer

# kind of object -> the prose keys it may carry
PROSE_KEYS: dict[str, tuple[str, ...]] = {
    "info": ("title", "summary", "description"),
    "server": ("description",),
    "tag": ("name", "description"),
    "externalDocs": ("description",),
    "path": ("summary", "description"),
    "operation": ("summary", "description"),
    "parameter": ("description",),
    "header": ("description",),
    "requestBody": ("description",),
    "response": ("description",),
    "example": ("summary", "description"),
    "schema": ("title", "description"),
    "property": ("title", "description"),
    "securityScheme": ("description",),
}
# prose an OpenAPI document must keep: a locale made from translations alone copies the
# primary's text here instead of leaving it out
REQUIRED = frozenset({("info", "title"), ("tag", "name"), ("response", "description")})


@dataclass(frozen=True)
class Piece:
    """One piece of prose of the primary document."""

    context: str  # stable key: owner and pointer inside it
    pointer: str  # absolute JSON pointer of the text
    parent: str  # absolute JSON pointer of the object holding it
    key: str
    kind: str  # what the text is, for the translator
    text: str

    @property
    def required(self) -> bool:
        return (self.kind.split()[0], self.key) in REQUIRED or self.kind.startswith(
            "documented errors"
        )


def tokens(pointer: str) -> list[str]:
    """The reference tokens of an absolute JSON pointer."""
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def context_of(pointer: str) -> str:
    """``GET /path /summary``, ``schema Name /properties/x/description``, ``document /info/title``."""
    parts = tokens(pointer)
    if len(parts) > 2 and parts[0] == "paths" and parts[2] in HTTP_METHODS:
        return f"{parts[2].upper()} {parts[1]} {join_pointer('', *parts[3:])}"
    if len(parts) > 3 and parts[0] == "paths" and parts[2] == "additionalOperations":
        return f"{parts[3].upper()} {parts[1]} {join_pointer('', *parts[4:])}"
    if len(parts) > 2 and parts[:2] == ["components", "schemas"]:
        return f"schema {parts[2]} {join_pointer('', *parts[3:])}"
    return f"document {pointer}"


def _label(kind: str, key: str, text: str) -> str:
    if kind == "response" and key == "description" and parse_codes(text):
        return "documented errors: a response description (keep each `code`)"
    return f"{kind} {key}"


class _Walker:
    def __init__(self) -> None:
        self.pieces: list[Piece] = []
        self.holders: dict[str, str] = {}  # pointer of an object carrying prose -> kind

    def visit(self, node: Any, pointer: str, kind: str) -> None:
        if not isinstance(node, dict):
            return
        self.holders[pointer] = kind
        for key in PROSE_KEYS[kind]:
            value = node.get(key)
            if isinstance(value, str) and value.strip():
                at = join_pointer(pointer, key)
                label = _label(kind, key, value)
                self.pieces.append(
                    Piece(context_of(at), at, pointer, key, label, value)
                )
        getattr(self, "_" + kind, lambda n, p: None)(node, pointer)

    def each(self, node: Any, pointer: str, kind: str, *keys: str) -> None:
        """Visit every member of ``node[key]...`` (a mapping or a list) as ``kind``."""
        for key in keys:
            node = node.get(key) if isinstance(node, dict) else None
            pointer = join_pointer(pointer, key)
        if isinstance(node, dict):
            for name, value in node.items():
                self.visit(value, join_pointer(pointer, name), kind)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                self.visit(value, join_pointer(pointer, index), kind)

    def document(self, doc: dict[str, Any]) -> None:
        self.visit(doc.get("info"), "/info", "info")
        self.each(doc, "", "server", "servers")
        self.each(doc, "", "tag", "tags")
        self.visit(doc.get("externalDocs"), "/externalDocs", "externalDocs")
        self.each(doc, "", "path", "paths")
        self.each(doc, "", "path", "webhooks")
        components = doc.get("components") or {}
        for section, kind in (
            ("schemas", "schema"),
            ("responses", "response"),
            ("parameters", "parameter"),
            ("requestBodies", "requestBody"),
            ("examples", "example"),
            ("headers", "header"),
            ("securitySchemes", "securityScheme"),
        ):
            self.each(components, "/components", kind, section)

    def _tag(self, node: dict[str, Any], pointer: str) -> None:
        self.visit(node.get("externalDocs"), pointer + "/externalDocs", "externalDocs")

    def _path(self, node: dict[str, Any], pointer: str) -> None:
        self.each(node, pointer, "parameter", "parameters")
        # the fixed methods, then OpenAPI 3.2's additionalOperations (PURGE...)
        for _, key in operation_keys(node):
            where = join_pointer(pointer, *key)
            self.visit(operation_at(node, key), where, "operation")

    def _operation(self, node: dict[str, Any], pointer: str) -> None:
        self.visit(node.get("externalDocs"), pointer + "/externalDocs", "externalDocs")
        self.each(node, pointer, "parameter", "parameters")
        self.visit(node.get("requestBody"), pointer + "/requestBody", "requestBody")
        self.each(node, pointer, "response", "responses")

    def _parameter(self, node: dict[str, Any], pointer: str) -> None:
        self.visit(node.get("schema"), pointer + "/schema", "schema")
        self.each(node, pointer, "example", "examples")
        self._content(node, pointer)

    _header = _parameter

    def _requestBody(self, node: dict[str, Any], pointer: str) -> None:
        self._content(node, pointer)

    def _response(self, node: dict[str, Any], pointer: str) -> None:
        self.each(node, pointer, "header", "headers")
        self._content(node, pointer)

    def _content(self, node: dict[str, Any], pointer: str) -> None:
        content = node.get("content")
        if not isinstance(content, dict):
            return
        for ctype, media in content.items():
            if isinstance(media, dict):
                at = join_pointer(pointer, "content", ctype)
                self.visit(media.get("schema"), at + "/schema", "schema")
                self.each(media, at, "example", "examples")

    def _schema(self, node: dict[str, Any], pointer: str) -> None:
        self.each(node, pointer, "property", "properties")
        for key in ("items", "additionalProperties", "not"):
            self.visit(node.get(key), join_pointer(pointer, key), "schema")
        for key in ("allOf", "anyOf", "oneOf"):
            self.each(node, pointer, "schema", key)
        self.visit(node.get("externalDocs"), pointer + "/externalDocs", "externalDocs")

    _property = _schema


def walk(document: dict[str, Any]) -> tuple[list[Piece], dict[str, str]]:
    """The document's prose in document order, and every object that may carry prose."""
    walker = _Walker()
    walker.document(document)
    return walker.pieces, walker.holders


# What a translation must keep: placeholders, inline code and link destinations.
_KEPT = re.compile(
    r"\{\{?[A-Za-z_][\w.\-]*\}\}?"  # {name}, {{name}}
    r"|%(?:\([\w.]+\))?[sd]"  # %s, %(name)s
    r"|`[^`\n]+`"  # `code`
    r"|\]\([^)\s]+"  # the destination of [text](url)
    r"|<https?://[^>\s]+>"  # <https://autolink>
)


def kept_tokens(text: str) -> list[str]:
    """Placeholders, code spans and link destinations, in order of appearance."""
    return _KEPT.findall(text)


def dropped(source: str, translation: str) -> list[str]:
    """The tokens of ``source`` that ``translation`` lacks (each distinct one once)."""
    have = set(kept_tokens(translation))
    return sorted({t for t in kept_tokens(source) if t not in have})


def align(source: str, text: str) -> str:
    """``text`` with a leading and trailing newline exactly where ``source`` has them.

    gettext requires that msgid and msgstr agree on these (``msgfmt --check``).
    """
    core = text.strip("\n")
    return (
        ("\n" if source.startswith("\n") else "")
        + core
        + ("\n" if source.endswith("\n") else "")
    )
