"""Local JSON references (``#/components/schemas/X``) resolved against a document."""

from __future__ import annotations

from typing import Any, Iterable
from urllib.parse import unquote


def resolve_pointer(document: Any, ref: str) -> Any:
    """The value a local ``#/...`` reference points at; KeyError when there is none."""
    if not ref.startswith("#"):
        raise KeyError(ref)
    node = document
    for token in ref[1:].split("/")[1:]:
        token = unquote(token).replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, dict) and token in node:
            node = node[token]
        else:
            raise KeyError(ref)
    return node


def document_pointer(document: Any, tokens: Iterable[str | int]) -> str:
    """The JSON pointer, from the document's root, of the value reached by ``tokens``
    when references are followed on the way (as validators walk a document): the part
    after each ``$ref`` continues from the referenced place, so the pointer names where
    the value is written."""
    node, pointer = document, ""
    for token in tokens:
        seen: set[str] = set()
        while (
            isinstance(node, dict)
            and isinstance(node.get("$ref"), str)
            and token not in node
            and node["$ref"] not in seen
        ):
            seen.add(node["$ref"])
            try:
                node, pointer = resolve_pointer(document, node["$ref"]), unquote(
                    node["$ref"][1:]
                )
            except KeyError:
                break
        pointer += "/" + str(token).replace("~", "~0").replace("/", "~1")
        if isinstance(node, dict):
            node = node.get(str(token))
        elif isinstance(node, list) and isinstance(token, int) and token < len(node):
            node = node[token]
        else:
            node = None
    return pointer
