"""Local JSON references (``#/components/schemas/X``) resolved against a document."""

from __future__ import annotations

from typing import Any
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
