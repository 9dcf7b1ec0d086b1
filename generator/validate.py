"""Validate stage: every locale's assembled document against the OpenAPI schema."""

from __future__ import annotations

from typing import Any, Iterator
from urllib.parse import unquote

from jsonschema.exceptions import ValidationError, best_match
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

from generator.load import LocaleDocument
from generator.problems import InputError, Problem, join_pointer

_MAX_PER_DOCUMENT = 20


def validate(documents: list[LocaleDocument]) -> None:
    """Raise InputError naming file(s), locale, JSON pointer and message for every failure."""
    problems: list[Problem] = []
    for doc in documents:
        version = str(doc.document.get("openapi", ""))
        if version.startswith("3.0"):
            validator_cls = OpenAPIV30SpecValidator
        elif version.startswith("3.1"):
            validator_cls = OpenAPIV31SpecValidator  # type: ignore[assignment]
        else:
            problems.append(
                Problem(
                    f"unsupported OpenAPI version {version!r} (3.0.x or 3.1.x expected)",
                    doc.files,
                    doc.locale,
                    "/openapi",
                )
            )
            continue
        errors = list(_unresolved_refs(doc.document))
        if not errors:
            errors = _validator_errors(validator_cls(doc.document))
        seen = set()
        for error in errors:
            pointer = join_pointer("", *error.absolute_path)
            key = (pointer, error.message)
            if key in seen:
                continue
            seen.add(key)
            problems.append(
                Problem(error.message, doc.files_for(pointer), doc.locale, pointer)
            )
            if len(seen) >= _MAX_PER_DOCUMENT:
                break
    if problems:
        raise InputError(problems)


def _validator_errors(
    validator: OpenAPIV30SpecValidator | OpenAPIV31SpecValidator,
) -> list[ValidationError]:
    """The validator's errors: shape errors first (plain JSON Schema), then semantic checks.

    The semantic checks assume a well-shaped document and can crash on a broken one; the
    shape errors found before such a crash are what to report.
    """
    errors = [
        best_match([e]) or e
        for e in validator.schema_validator.iter_errors(validator.schema)
    ]
    if errors:
        return errors
    try:
        return list(validator.root_validator(validator.schema_path))
    except Exception as exc:  # e.g. an unresolvable reference deep in a schema
        return [ValidationError(f"invalid document: {str(exc)[:200]}")]


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


def _unresolved_refs(document: Any) -> Iterator[ValidationError]:
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(document, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                try:
                    resolve_pointer(document, ref)
                except KeyError:
                    kind = (
                        "unresolvable"
                        if ref.startswith("#")
                        else "external (unsupported)"
                    )
                    yield ValidationError(f"{kind} $ref {ref!r}", path=path + ("$ref",))
            stack.extend((v, path + (k,)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, path + (i,)) for i, v in enumerate(node))
