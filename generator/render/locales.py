"""Each locale's files of a target: the code laid out once, with the locale's docstrings
filled in, and the locale's README, metadata and reference docs.

Locales are independent, so they render on the cores at once. ``start`` forks the workers
as soon as the target's shape is built, each with its share of the locales other than the
primary; they find the shape here (nothing is pickled to them), and render their locales'
views, docs and site pages while this process renders the primary's view and lays out the
code. ``Locales.finish`` then sends them the laid-out code (split at its docstrings'
placeholders) and renders the primary locale and its own share of the others here; the
workers fill in their locales' docstrings and send back only files. For a first output,
each locale is written into the staging folder where it renders (by its worker, which sends
back the bytes it wrote).

Started after the code is laid out, the workers left the second core idle once the
validator was done; and every worker costs a fork and a copy of each page of memory
either side then writes, so on two cores one worker takes all but this process's share
(Twilio's spec in five locales: one worker fewer took the CPU time of an extra locale from
268 to 207 ms).
"""

from __future__ import annotations

import multiprocessing
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.localize import localize
from generator.build.shape import ClientShape
from generator.build.view import ClientDef
from generator.merge.model import Api
from generator.output.staging import encoded
from generator.parallel import workers
from generator.render.distribution import render_other
from generator.render.frames import Frames
from generator.render.method_docs import MethodViews
from generator.render.python import fill_pieces, placeholder_pieces
from generator.render.site import SITE_DIR, locale_pages, site_name

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from generator.output.staging import Ahead


# set by start for the workers and for this process: (api, shape, out, the staging
# folder to write into, the docs' parts no locale changes); then, by finish, the primary
# view and the laid-out code split at its placeholders
@dataclass
class _Job:
    api: Api
    shape: ClientShape
    out: str
    ahead: Ahead | None
    frames: Frames
    primary: ClientDef | None = None
    pieces: dict[str, list[str]] | None = None


_JOB: _Job | None = None

Trees = tuple[
    dict[str, dict[str, str]],
    dict[str, str],
    dict[str, str],
    dict[str, dict[str, bytes]],
]


def start(api: Api, shape: ClientShape, out: str, ahead: Ahead | None) -> Locales:
    """Begin rendering a target's locales: the workers are forked now, each with its
    share of the locales other than the primary (see ``shares``)."""
    global _JOB
    _JOB = _Job(api, shape, out, ahead, Frames())
    others = [loc for loc in api.locales if loc != shape.primary]
    here, shared = shares(others, workers())
    if shared and "fork" not in multiprocessing.get_all_start_methods():
        here, shared = others, []
    return Locales(tuple(api.locales), here, [_Worker(group) for group in shared])


def shares(locales: list[str], cores: int) -> tuple[list[str], list[list[str]]]:
    """The locales this process renders and each worker's, on ``cores`` cores: this
    process also renders the primary locale and lays out the code, about two locales'
    worth, so it takes what is left of an even share once that is counted."""
    if cores < 2 or not locales:
        return list(locales), []
    count = len(locales)
    mine = max(0, (count - 2 * (cores - 1)) // cores)
    rest = locales[mine:]
    jobs = min(cores - 1, len(rest))
    size, extra = divmod(len(rest), jobs)
    groups, pos = [], 0
    for index in range(jobs):
        end = pos + size + (index < extra)
        groups.append(rest[pos:end])
        pos = end
    return list(locales[:mine]), groups


class _Worker:
    """A forked process rendering ``locales``: it renders all but their code at once,
    then waits for the laid-out code (``send``), and sends back their ``_Done``."""

    def __init__(self, locales: list[str]) -> None:
        self.locales = locales
        self.sending: threading.Thread | None = None
        context = multiprocessing.get_context("fork")
        self.conn, child = context.Pipe()
        self.process: BaseProcess | None = context.Process(
            target=_serve, args=(locales, child), daemon=True
        )
        self.process.start()
        child.close()

    def send(self, pieces: dict[str, list[str]]) -> None:
        """The laid-out code, sent from a thread: the worker reads it only once it has
        rendered the rest of its locales, and the pipe holds far less."""
        self.sending = threading.Thread(target=self._send, args=(pieces,), daemon=True)
        self.sending.start()

    def _send(self, pieces: dict[str, list[str]]) -> None:
        try:
            self.conn.send(pieces)
        except OSError:  # it died (or the run failed): finish renders its locales here
            pass

    def results(self) -> list[_Done] | None:
        """Its locales rendered, or None if it died (they are rendered here then)."""
        try:
            done: list[_Done] = self.conn.recv()
        except (EOFError, OSError):
            return None
        finally:
            self._sent()
            self.conn.close()
        # it ends on its own; multiprocessing reaps it when it next starts one
        self.process = None
        return done

    def _sent(self) -> None:
        if self.sending is not None:
            self.sending.join()
            self.sending = None

    def close(self) -> None:
        """Stop waiting for it; one whose results were never taken is stopped (the run
        failed before)."""
        if self.process is not None:
            if self.process.is_alive():
                self.process.kill()
            self.process = None
        self._sent()  # the kill ended a send still blocked
        self.conn.close()


def _serve(locales: list[str], conn: Connection) -> None:
    """In a worker: render ``locales`` but for their code, wait for the laid-out code,
    fill it in, and send every locale back. Any failure just ends the worker: this
    process sees it go and renders the locales itself (and reports their errors)."""
    try:
        prepared = [_prepare(locale) for locale in locales]
        pieces: dict[str, list[str]] = conn.recv()
        conn.send([_complete(p, pieces) for p in prepared])
    except BaseException:  # noqa: BLE001  the parent renders them itself
        pass
    finally:
        conn.close()


class Locales:
    """A target's locales being rendered (``start``); ``finish`` returns them, and
    ``close`` (whether ``finish`` ran or not) stops the workers still running."""

    def __init__(
        self, locales: tuple[str, ...], here: list[str], workers: list[_Worker]
    ) -> None:
        self.locales = locales
        self.here = here
        self.workers = workers

    def finish(self, primary: ClientDef, skeleton: dict[str, str]) -> Trees:
        """({locale: {relative path: text}}, each locale's name of the site, every
        locale's pages of the reference site, what was written into ``ahead`` already),
        every locale in the API's order (only text comes back from the workers: a view
        is large to send).

        ``primary``: the primary locale's view; ``skeleton``: the laid-out code. With
        ``ahead``, each locale but the primary (its package and its pages of the site)
        is written there where it renders, and comes back as the bytes written
        ({locale or SITE_DIR: {relative path: bytes}}) instead of text."""
        assert _JOB is not None
        _JOB.primary = primary
        _JOB.pieces = {path: placeholder_pieces(t) for path, t in skeleton.items()}
        for worker in self.workers:
            worker.send(_JOB.pieces)
        shape = _JOB.shape
        rendered = {}
        if shape.primary in self.locales:
            rendered[shape.primary] = _tree(shape.primary)
        for locale in self.here:
            rendered[locale] = _tree(locale)
        for worker in self.workers:
            done = worker.results()
            for locale, one in zip(worker.locales, done or []):
                rendered[locale] = one
            for locale in worker.locales[len(done or []) :]:
                rendered[locale] = _tree(locale)  # the worker died: here, then
        done_all = [rendered[locale] for locale in self.locales]
        return _gathered(self.locales, done_all)

    def close(self) -> None:
        """Stop the workers still running (a failed run) and forget the job."""
        global _JOB
        for worker in self.workers:
            worker.close()
        self.workers = []
        _JOB = None


def _gathered(locales: tuple[str, ...], done: list[_Done]) -> Trees:
    trees = {loc: d.files for loc, d in zip(locales, done) if d.written is None}
    names = {locale: d.name for locale, d in zip(locales, done)}
    pages = {path: text for d in done for path, text in d.pages.items()}
    written: dict[str, dict[str, bytes]] = {}
    for d in done:
        for tree, files in (d.written or {}).items():
            written.setdefault(tree, {}).update(files)
    return trees, names, pages, written


@dataclass(frozen=True)
class _Done:
    """One locale rendered: its files and its pages of the site, or (written ahead)
    the bytes written, by tree (the locale, SITE_DIR) and relative path."""

    files: dict[str, str]
    name: str
    pages: dict[str, str]
    written: dict[str, dict[str, bytes]] | None


@dataclass(frozen=True)
class _Prepared:
    """A locale rendered but for its code: its docstrings, its other files and pages."""

    locale: str
    docstrings: tuple[str, ...]
    files: dict[str, str]
    name: str
    pages: dict[str, str]


def _prepare(locale: str) -> _Prepared:
    assert _JOB is not None
    job = _JOB
    shape = job.shape
    view = (
        job.primary
        if locale == shape.primary and job.primary is not None
        else localize(shape, locale)
    )
    folder = Path(job.out)
    # relative paths only: output never depends on where it is written
    install = (
        (folder / locale).as_posix() if job.out and not folder.is_absolute() else "."
    )
    # the package's docs and the site's share the sections, the locales their code
    views = MethodViews(view, job.frames)
    files = render_other(view, job.api.version, install, views)
    pages = locale_pages(job.api, view, install, views)
    return _Prepared(locale, view.docstrings, files, site_name(view), pages)


def _complete(prepared: _Prepared, pieces: dict[str, list[str]]) -> _Done:
    assert _JOB is not None
    files = {
        path: fill_pieces(split, prepared.docstrings) for path, split in pieces.items()
    }
    files.update(prepared.files)
    locale = prepared.locale
    if _JOB.ahead is None or locale == _JOB.shape.primary:
        return _Done(files, prepared.name, prepared.pages, None)
    data = encoded({locale: files, SITE_DIR: prepared.pages})
    _JOB.ahead.write(data)
    return _Done({}, prepared.name, {}, data)


def _tree(locale: str) -> _Done:
    """One locale rendered here (the laid-out code known: ``finish``)."""
    assert _JOB is not None and _JOB.pieces is not None
    return _complete(_prepare(locale), _JOB.pieces)
