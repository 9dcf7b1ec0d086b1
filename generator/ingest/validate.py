"""Validate stage: every locale's assembled document against the OpenAPI schema.

``Validation`` runs it in a background process while the caller merges and renders: the
validator's import and its walk over each document are the largest cost of a first run, and
they need nothing the later stages produce. Whatever the later stages did, the validator's
problems are what a run reports when there are any.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

from generator.ingest import subnodes, validator_settings
from generator.ingest.beside import Beside, answer
from generator.ingest.equivalence import prose_free_key, semantic_key
from generator.ingest.load import LocaleDocument
from generator.ingest.pointers import document_pointer, resolve_pointer
from generator.ingest.refs import is_extension
from generator.ingest.spec_validators import reference_validator, validator_class
from generator.ingest.twins import Twin
from generator.output import cache
from generator.parallel import parallel_map, workers
from generator.problems import InputError, InvalidDocument, Problem

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
        self,
        load: Callable[[], list[LocaleDocument]],
        warn: bool = False,
        beside: Beside | None = None,
    ) -> None:
        self.load = load
        self.warn = warn  # problems become ``warnings`` when the body succeeds
        # the locales the validator's process reads (ingest/beside.py), and the texts
        # of those that turned out twins of the primary document (ingest/twins.py)
        self.beside = beside
        self.twins: dict[str, Twin] = {}
        self.warnings: tuple[Problem, ...] = ()
        self.loaded: list[LocaleDocument] = []
        self.process: BaseProcess | None = None
        self.results: Connection | None = None
        self.answer_due = False  # the validator's answer on the twins, not yet read

    def documents(self) -> list[LocaleDocument]:
        """The documents read here. With ``beside``, first waits for the validator's
        answer: the twins' texts (``twins``), or, when a document read there is no twin
        or does not load (or the validator died), every document read here after all."""
        if self.answer_due:
            self.answer_due = False
            twins = self._received()
            if twins is None:
                self.loaded = self.load()
            else:
                self.twins = twins
        return self.loaded

    def _received(self) -> Any:
        assert self.results is not None
        try:
            return self.results.recv()
        except EOFError:  # the validator process died
            return None

    def __enter__(self) -> Validation:
        if workers() < 2 or "fork" not in multiprocessing.get_all_start_methods():
            self.loaded = self.load()
            self._found(_check(self.loaded))
            return self
        beside = self.beside
        try:
            self.loaded = self.load() if beside is None else beside.first()
        except InputError:
            beside = None  # the message a run gives names every document's problems
            self.loaded = self.load()
        context = multiprocessing.get_context("fork")
        self.results, send = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_background, args=(self.loaded, send, beside)
        )
        self.process.start()
        send.close()
        self.answer_due = beside is not None
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
            if self.answer_due:  # the body never asked for the documents
                self.answer_due = False
                self._received()
            problems: list[Problem] | None = self._received()
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
        if problems is None:  # every document, those read beside too
            self._found(_check(self.load() if self.twins else self.loaded))

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


def _verdict(
    documents: list[LocaleDocument], known: dict[int, str] | None = None
) -> tuple[list[Problem], list[str]]:
    """The problems of the documents not known valid, and the keys to remember as valid
    (none if there are problems); ``known``: keys already found, by document id."""
    known = known or {}
    keys = [
        known.get(id(doc.document)) or prose_free_key(doc.document) for doc in documents
    ]
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


def _background(
    documents: list[LocaleDocument], send: Connection, beside: Beside | None
) -> None:
    """In the forked process: with ``beside``, the documents read here and the answer
    on their twins (sent first); then the documents' problems."""
    validator_settings.offline()  # this process never fetches a URL
    try:
        known: dict[int, str] = {}
        if beside is not None:
            # the documents live to the end: the collector does not walk them while
            # more are made (a cycle is rare in a parsed document)
            gc.disable()
            found = answer(documents, beside)
            gc.freeze()
            gc.enable()
            send.send(found.twins)
            if found.documents is None:  # the caller reads them, and says why not
                return
            # in the order the caller would have read them in
            documents = sorted(
                [*documents, *found.documents], key=lambda d: (d.source, d.locale)
            )
            known = found.keys
        problems, valid = _verdict(documents, known)
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
    subnodes.speed_up()

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
    validator = validator_class(str(doc.document.get("openapi")))(doc.document)
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
                for e in reference_validator(doc).iter_errors(doc.document)
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
