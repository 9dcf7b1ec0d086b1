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
    """Each document's shape check and semantic check, as separate tasks on the cores.

    The semantic checks assume a well-shaped document (and can crash on a broken one), so
    a document's shape errors, when it has any, are what is reported.
    """
    import openapi_spec_validator  # noqa: F401  once, before any worker is forked

    problems: list[Problem] = []
    tasks = []
    for doc in todo:
        version = str(doc.document.get("openapi", ""))
        if version.startswith(("3.0", "3.1")):
            tasks += [(doc, "shape"), (doc, "semantic")]
        else:
            message = f"unsupported OpenAPI version {version!r} (3.0.x or 3.1.x expected)"
            problems.append(Problem(message, doc.files, doc.locale, "/openapi"))
    found = parallel_map(_errors, tasks)
    for i in range(0, len(tasks), 2):
        doc = tasks[i][0]
        problems += _problems(doc, found[i] or found[i + 1])
    return problems


_Errors = list[tuple[tuple[str | int, ...], str]]  # (path in the document, message)


def _errors(task: tuple[LocaleDocument, str]) -> _Errors:
    from jsonschema.exceptions import best_match
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    doc, part = task
    validator_cls: type[OpenAPIV30SpecValidator] | type[OpenAPIV31SpecValidator] = (
        OpenAPIV30SpecValidator
        if str(doc.document.get("openapi")).startswith("3.0")
        else OpenAPIV31SpecValidator
    )
    validator = validator_cls(doc.document)
    if part == "shape":
        unresolved = list(_unresolved_refs(doc.document))
        if unresolved:
            return unresolved
        best = [
            best_match([e]) or e
            for e in validator.schema_validator.iter_errors(validator.schema)
        ]
        return [(tuple(e.absolute_path), e.message) for e in best]
    try:
        return [
            (tuple(e.absolute_path), e.message)
            for e in validator.root_validator(validator.schema_path)
        ]
    except Exception as exc:  # e.g. an unresolvable reference deep in a schema
        return [((), f"invalid document: {str(exc)[:200]}")]


def _problems(doc: LocaleDocument, errors: _Errors) -> list[Problem]:
    problems = []
    seen = set()
    for path, message in errors:
        pointer = join_pointer("", *path)
        if (pointer, message) in seen:
            continue
        seen.add((pointer, message))
        problems.append(Problem(message, doc.files_for(pointer), doc.locale, pointer))
        if len(seen) >= _MAX_PER_DOCUMENT:
            break
    return problems


def _unresolved_refs(document: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
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
                    yield path + ("$ref",), f"{kind} $ref {ref!r}"
            stack.extend((v, path + (k,)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, path + (i,)) for i, v in enumerate(node))
