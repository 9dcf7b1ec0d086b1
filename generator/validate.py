"""Validate stage: every locale's assembled document against the OpenAPI schema.

``Validation`` runs it in a background process while the caller merges and renders: the
validator's import and its walk over each document are the largest cost of a first run, and
they need nothing the later stages produce. Whatever the later stages did, the validator's
problems are what a run reports when there are any.
"""

from __future__ import annotations

import multiprocessing
from types import TracebackType
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from jsonschema.exceptions import ValidationError
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

from generator import cache
from generator.load import LocaleDocument
from generator.parallel import parallel_map, workers
from generator.pointers import resolve_pointer
from generator.problems import InputError, Problem, join_pointer

_MAX_PER_DOCUMENT = 20


def validate(documents: list[LocaleDocument]) -> None:
    """Raise InputError naming file(s), locale, JSON pointer and message for every failure.

    Documents validated before (same content, same validator version) are not validated
    again; the others are validated in parallel.
    """
    with Validation(documents):
        pass


class Validation:
    """``with Validation(documents): ...``: validated while the body runs.

    On leaving, waits for the validator and raises InputError with its problems, in place
    of whatever the body raised (an invalid document may well break the later stages).
    Without fork or a second core, validates on entering instead.
    """

    def __init__(self, documents: list[LocaleDocument]) -> None:
        self.todo = [doc for doc in documents if not cache.valid_document(doc.document)]
        self.process: BaseProcess | None = None
        self.results: Connection | None = None

    def __enter__(self) -> Validation:
        if not self.todo:
            return self
        if workers() < 2 or "fork" not in multiprocessing.get_all_start_methods():
            self._finish(_validate_all(self.todo))
            return self
        context = multiprocessing.get_context("fork")
        self.results, send = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_background, args=(self.todo, send)
        )
        self.process.start()
        send.close()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.process is None or self.results is None:
            return
        try:
            problems: list[Problem] = self.results.recv()
        except EOFError:  # the validator process died: validate here instead
            problems = _validate_all(self.todo)
        finally:
            self.results.close()
            self.process.join()
            self.process = None
        if kind is None or problems:
            self._finish(problems)

    def _finish(self, problems: list[Problem]) -> None:
        if problems:
            raise InputError(problems)
        for doc in self.todo:
            cache.store_valid_document(doc.document)


def _background(todo: list[LocaleDocument], send: Connection) -> None:
    try:
        send.send(_validate_all(todo))
    except BaseException:  # noqa: BLE001  the parent validates again and reports it
        pass
    finally:
        send.close()


def _validate_all(todo: list[LocaleDocument]) -> list[Problem]:
    import openapi_spec_validator  # noqa: F401  once, before any worker is forked

    return [p for found in parallel_map(_validate_one, todo) for p in found]


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
    from jsonschema.exceptions import ValidationError, best_match

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
    from jsonschema.exceptions import ValidationError

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
