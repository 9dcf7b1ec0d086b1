"""Validate stage: every locale's assembled document against the OpenAPI schema.

``Validation`` runs it in a background process while the caller merges and renders: the
validator's import and its walk over each document are the largest cost of a first run, and
they need nothing the later stages produce. Whatever the later stages did, the validator's
problems are what a run reports when there are any.
"""

from __future__ import annotations

import dataclasses
import functools
import multiprocessing
import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from openapi_spec_validator.validation.validators import SpecValidator

from generator.ingest import meta_check, validator_settings
from generator.ingest.equivalence import prose_free_key, semantic_key
from generator.ingest.load import LocaleDocument
from generator.ingest.pointers import document_pointer, resolve_pointer
from generator.ingest.refs import is_extension
from generator.output import cache
from generator.parallel import parallel_map, workers
from generator.problems import InvalidDocument, Problem

_MAX_PER_DOCUMENT = 20
_VERSIONS = ("3.0", "3.1", "3.2")
_RECURSION = 20000


class Validation:
    """``with Validation(load) as v: docs = v.documents(); ...``: validated meanwhile.

    On entering, the documents are loaded with ``load``, then a process is forked that
    validates them (it finds them in its copy of memory: nothing is parsed or sent twice).
    ``documents()`` returns them. On leaving, waits for the validator and raises
    InputError with its problems, in place of whatever the body raised (an invalid
    document may well break the later stages). If the validator died, the documents are
    validated in the caller. Without fork or a second core, everything runs in the caller.
    """

    def __init__(
        self, load: Callable[[], list[LocaleDocument]], warn: bool = False
    ) -> None:
        self.load = load
        self.warn = warn  # problems become ``warnings`` when the body succeeds
        self.warnings: tuple[Problem, ...] = ()
        self.loaded: list[LocaleDocument] = []
        self.process: BaseProcess | None = None
        self.results: Connection | None = None

    def documents(self) -> list[LocaleDocument]:
        return self.loaded

    def __enter__(self) -> Validation:
        self.loaded = self.load()
        if workers() < 2 or "fork" not in multiprocessing.get_all_start_methods():
            self._found(_check(self.loaded))
            return self
        context = multiprocessing.get_context("fork")
        self.results, send = context.Pipe(duplex=False)
        self.process = context.Process(target=_background, args=(self.loaded, send))
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
            if kind is not None and self.warnings:  # not usable after all
                raise InvalidDocument(_as_errors(self.warnings))
            return
        try:
            problems: list[Problem] | None = self.results.recv()
        except EOFError:  # the validator process died
            problems = None
        finally:
            self.results.close()
            # the answer is in: the process ends on its own (tearing down its copy of
            # the run's memory takes a hundredth of a second) and multiprocessing reaps
            # it when it next starts one, or at exit
            self.process = None
        if problems:
            if kind is not None or not self.warn:
                raise InvalidDocument(problems)
            self._found(problems)
        if kind is not None:
            return  # the body's own error stands
        if problems is None:
            self._found(_check(self.loaded))

    def _found(self, problems: list[Problem]) -> None:
        """The validator's problems: raised, or kept as warnings under ``warn``."""
        if problems and not self.warn:
            raise InvalidDocument(problems)
        self.warnings = tuple(dataclasses.replace(p, level="warning") for p in problems)


def _as_errors(problems: tuple[Problem, ...]) -> list[Problem]:
    return [dataclasses.replace(p, level="error") for p in problems]


def _check(documents: list[LocaleDocument]) -> list[Problem]:
    """The problems of the documents not known valid; the valid ones are remembered.

    A document is known valid when one differing from it only in prose was
    (ingest/equivalence.py): the cache is keyed by the prose-free content.
    """
    problems, valid = _verdict(documents)
    _remember(valid)
    return problems


def _verdict(documents: list[LocaleDocument]) -> tuple[list[Problem], list[str]]:
    """The problems of the documents not known valid, and the keys to remember as valid
    (none if there are problems)."""
    keys = [prose_free_key(doc.document) for doc in documents]
    todo = [
        (doc, key)
        for doc, key in zip(documents, keys)
        if not cache.valid_document(cache.valid_key(key))
    ]
    problems = _validate_all(todo)
    return problems, [] if problems else list(dict.fromkeys(k for _, k in todo))


def _remember(valid: list[str]) -> None:
    for key in valid:
        cache.store_valid_document(cache.valid_key(key))


def _background(documents: list[LocaleDocument], send: Connection) -> None:
    """In the forked process: the documents' problems."""
    # This process never fetches a URL (references are bundled at load; remote ones are
    # refused): without requests, jsonschema-path takes its urllib handler, and the
    # validator's import is a fifth shorter.
    sys.modules.setdefault("requests", None)  # type: ignore[arg-type]
    try:
        problems, valid = _verdict(documents)
        send.send(problems)
        send.close()  # the caller waits for the answer, not for the cache
        _remember(valid)
    except BaseException:  # noqa: BLE001  the caller validates and reports it itself
        pass
    finally:
        send.close()  # a no-op once closed above


def _validate_all(todo: list[tuple[LocaleDocument, str]]) -> list[Problem]:
    """Each document's shape check and semantic check (``todo``: each document with its
    prose-free key), as separate tasks on the cores.

    The semantic checks assume a well-shaped document (and can crash on a broken one), so
    a document's shape errors, when it has any, are what is reported. A document that
    differs from another only in prose (the same key) gets that one's verdict; should
    that one be invalid, it is validated itself.
    """
    validator_settings.import_validator()  # once, before any worker is forked

    problems: list[Problem] = []
    groups: dict[str, list[LocaleDocument]] = {}
    for doc, key in todo:
        version = str(doc.document.get("openapi", ""))
        if version.startswith(_VERSIONS):
            groups.setdefault(key, []).append(doc)
        else:
            message = f"unsupported OpenAPI version {version!r} (3.0.x, 3.1.x or 3.2.x expected)"
            problems.append(Problem(message, doc.files, doc.locale, "/openapi"))
    first = [docs[0] for docs in groups.values()]
    found = _run(first)
    again = [d for docs, bad in zip(groups.values(), found) if bad for d in docs[1:]]
    for doc, errors in [*zip(first, found), *zip(again, _run(again))]:
        problems += _problems(doc, errors)
    return problems


def _run(docs: list[LocaleDocument]) -> list[_Errors]:
    """Each document's errors: its shape errors if it has any, else its semantic ones.

    The shape check runs on every document. The semantic checks run once for documents
    they cannot tell apart (ingest/equivalence.semantic_key): the others take that one's
    verdict when it is clean, and are checked themselves when it is not.
    """
    leads: dict[str, LocaleDocument] = {}
    lead = []  # the document whose semantic verdict each document takes
    for doc in docs:
        key = semantic_key(doc.document) if len(docs) > 1 else None
        lead.append(doc if key is None else leads.setdefault(key, doc))
    own = [doc for doc, first in zip(docs, lead) if first is doc]
    # the longer checks first: the shorter ones fill the other cores meanwhile
    found = _tasks(
        [(doc, "semantic") for doc in own] + [(doc, "shape") for doc in docs]
    )
    semantic = {id(doc): errors for doc, errors in zip(own, found)}
    shape = {id(doc): errors for doc, errors in zip(docs, found[len(own) :])}
    redo = [
        doc
        for doc, first in zip(docs, lead)
        if first is not doc
        and not shape[id(doc)]
        and (shape[id(first)] or semantic[id(first)])
    ]
    semantic.update(zip(map(id, redo), _tasks([(doc, "semantic") for doc in redo])))
    return [
        shape[id(doc)] or semantic.get(id(doc), semantic[id(first)])
        for doc, first in zip(docs, lead)
    ]


def _tasks(tasks: list[tuple[LocaleDocument, str]]) -> list[_Errors]:
    """The errors of each (document, "shape" | "semantic") check: the first (the
    longest) here, the others meanwhile in forked workers, which find the documents here
    instead of unpickling a copy."""
    global _TASKS
    _TASKS = tasks
    return parallel_map(_errors, range(len(tasks)), first_here=True)


_Errors = list[tuple[tuple[str | int, ...], str]]  # (path in the document, message)
_TASKS: list[tuple[LocaleDocument, str]] = []  # (document, "shape" | "semantic")


def _errors(index: int) -> _Errors:
    from jsonschema.exceptions import best_match

    # the validator recurses per level of nesting: 150 levels of inline objects need
    # more frames than Python's default allows
    sys.setrecursionlimit(max(sys.getrecursionlimit(), _RECURSION))
    doc, part = _TASKS[index]
    validator = _validator_class(str(doc.document.get("openapi")))(doc.document)
    if part == "shape":
        unresolved = list(_unresolved_refs(doc.document))
        if unresolved:
            return unresolved
        # the fast backend (jsonschema-rs, when installed) gives the verdict; a document
        # it refuses is checked again by jsonschema, whose messages and paths are reported
        try:
            if (
                next(
                    iter(validator.schema_validator.iter_errors(validator.schema)), None
                )
                is None
            ):
                return []
            best = [
                best_match([e]) or e
                for e in _reference_validator(doc).iter_errors(doc.document)
            ]
        except RecursionError:
            return [((), "nested too deeply to validate")]
        return [(tuple(e.absolute_path), e.message) for e in best]
    try:
        return [
            (getattr(e, "located", tuple(e.absolute_path)), e.message)
            for e in validator.root_validator(validator.schema_path)
        ]
    except Exception as exc:  # e.g. an unresolvable reference deep in a schema
        return [((), f"invalid document: {str(exc)[:200]}")]


@functools.cache
def _validator_class(version: str) -> type[SpecValidator]:
    """The version's spec validator, its semantic checks locating what they report.

    The library's semantic checks (a default of the wrong type, a duplicate parameter)
    report paths relative to the part they check; each check here tags the errors it
    yields with its part's place in the document (the innermost check first).
    """
    import openapi_spec_validator as osv
    from jsonschema_path import SchemaPath
    from openapi_spec_validator.validation.keywords import ValueValidator

    base: type[SpecValidator] = (
        osv.OpenAPIV30SpecValidator
        if version.startswith("3.0")
        else (
            osv.OpenAPIV31SpecValidator
            if version.startswith("3.1")
            else osv.OpenAPIV32SpecValidator
        )
    )

    def located(keyword: type[Any]) -> type[Any]:
        class Located(keyword):  # type: ignore[misc]
            def __call__(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
                part = next((a for a in args if isinstance(a, SchemaPath)), None)
                extra = ("default",) if isinstance(self, ValueValidator) else ()
                for error in super().__call__(*args, **kwargs):
                    if part is not None and not hasattr(error, "located"):
                        error.located = (
                            tuple(part.parts) + extra + tuple(error.absolute_path)
                        )
                    yield error

        Located.__name__ = keyword.__name__
        return Located

    keywords = {k: located(v) for k, v in base.keyword_validators.items()}
    if meta_check.enabled():
        keywords["schema"] = _fast_meta(keywords["schema"])
    return type(base.__name__, (base,), {"keyword_validators": keywords})


def _fast_meta(keyword: type[Any]) -> type[Any]:
    """The schema keyword, its meta-schema check decided by jsonschema-rs
    (ingest/meta_check.py) for the dialects it is set up for; the library's own check
    for the others and for whatever jsonschema-rs refuses."""

    class FastMeta(keyword):  # type: ignore[misc]
        def _validate_schema_meta(self, schema: Any, schema_value: Any) -> Any:
            try:
                if hasattr(self, "_get_validator_class_for_dialect"):  # 3.1, 3.2
                    dialect = self._get_schema_dialect_id(schema, schema_value)
                    cls = self._get_validator_class_for_dialect(dialect)
                    checker = self.schema_validator_format_checker
                else:  # 3.0: one dialect, checked with its own formats
                    cls = self.schema_validator_cls
                    checker = cls.FORMAT_CHECKER
            except ValueError:  # a "$schema" that is no dialect: the library says so
                cls = None
            if cls is not None and meta_check.accepts(cls, checker, schema_value):
                return None
            return super()._validate_schema_meta(schema, schema_value)

    FastMeta.__name__ = keyword.__name__
    return FastMeta


def _reference_validator(doc: LocaleDocument) -> Any:
    """The OpenAPI meta-schema's validator on the jsonschema backend (whatever is set)."""
    from openapi_spec_validator.schemas import schema_v30, schema_v31, schema_v32
    from openapi_spec_validator.schemas.backend.jsonschema import create_validator

    version = str(doc.document.get("openapi"))
    schema = (
        schema_v30
        if version.startswith("3.0")
        else schema_v31 if version.startswith("3.1") else schema_v32
    )
    return create_validator(schema)


def _problems(doc: LocaleDocument, errors: _Errors) -> list[Problem]:
    problems: list[Problem] = []
    seen = set()
    for path, message in errors:
        pointer = document_pointer(doc.document, path)
        if (pointer, message) in seen:
            continue
        seen.add((pointer, message))
        if len(seen) <= _MAX_PER_DOCUMENT:
            problems.append(
                Problem(message, doc.files_for(pointer), doc.locale, pointer)
            )
    if len(seen) > _MAX_PER_DOCUMENT:
        more = len(seen) - _MAX_PER_DOCUMENT
        message = f"{more} more problem{'s' if more > 1 else ''} not shown"
        problems.append(Problem(message, doc.files, doc.locale))
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
            stack.extend(
                (v, path + (k,)) for k, v in node.items() if not is_extension(k)
            )
        elif isinstance(node, list):
            stack.extend((v, path + (i,)) for i, v in enumerate(node))
