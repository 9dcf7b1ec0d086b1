"""Validate stage: every locale's assembled document against the OpenAPI schema."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from jsonschema.exceptions import ValidationError, best_match

if TYPE_CHECKING:
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

from generator import cache
from generator.load import LocaleDocument
from generator.parallel import parallel_map
from generator.pointers import resolve_pointer
from generator.problems import InputError, Problem, join_pointer

_MAX_PER_DOCUMENT = 20


def validate(documents: list[LocaleDocument]) -> None:
    """Raise InputError naming file(s), locale, JSON pointer and message for every failure.

    Documents validated before (same content, same validator version) are not validated
    again; the others are validated in parallel.
    """
    todo = [doc for doc in documents if not cache.valid_document(doc.document)]
    problems = [p for found in parallel_map(_validate_one, todo) for p in found]
    if problems:
        raise InputError(problems)
    for doc in todo:
        cache.store_valid_document(doc.document)


def _validate_one(doc: LocaleDocument) -> list[Problem]:
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    version = str(doc.document.get("openapi", ""))
    validator_cls: type[OpenAPIV30SpecValidator] | type[OpenAPIV31SpecValidator]
    if version.startswith("3.0"):
        validator_cls = OpenAPIV30SpecValidator
    elif version.startswith("3.1"):
        validator_cls = OpenAPIV31SpecValidator
    else:
        message = f"unsupported OpenAPI version {version!r} (3.0.x or 3.1.x expected)"
        return [Problem(message, doc.files, doc.locale, "/openapi")]
    errors = list(_unresolved_refs(doc.document))
    if not errors:
        errors = _validator_errors(validator_cls(doc.document))
    problems = []
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
    return problems


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
