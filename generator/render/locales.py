"""Each locale's files of a target: the code laid out once, with the locale's docstrings
filled in, and the locale's README, metadata and reference docs.

Locales are independent, so they render on the cores at once. ``start`` renders the
primary locale's docs and pages, then forks the workers: they find the shape, the primary
view and what the docs share across locales (``Frames``) here, made once (nothing is
pickled to them). The workers and this process then take the other locales one at a time
(``Claims``) and render their views, docs and pages; this process takes one, lays out the
code, and ``Locales.finish`` sends the workers the laid-out code (split at its docstrings'
placeholders), takes locales until none is left, and collects the workers' locales. The
workers fill in their locales' docstrings and send back only files. For a first output,
each locale is written into the staging folder where it renders (by its worker, which sends
back the bytes it wrote).

Why this way, measured on Twilio's spec in five locales: forked before the primary's docs
were made, a worker made them again for its first locale (about 100 ms); given a fixed
share, the worker finished up to two locales after this process, because the validator runs
on a core beside them for most of a large run, and more on some runs than on others.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.localize import localize
from generator.build.shape import ClientShape
from generator.build.view import ClientDef
from generator.merge.model import Api
from generator.output.cache import Sealed, seal
from generator.output.staging import encoded
from generator.parallel import workers
from generator.render.distribution import render_other
from generator.render.frames import Frames
from generator.render.method_docs import MethodViews
from generator.render.python import (
    encoded_pieces,
    fill_encoded,
    fill_pieces,
    placeholder_pieces,
)
from generator.render.site import SITE_DIR, locale_pages, site_name

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from generator.output.staging import Ahead


# set by start for the workers and for this process: (api, shape, out, the staging
# folder to write into, the docs' parts no locale changes, the primary locale's view);
# then, by finish, the laid-out code split at its placeholders
@dataclass
class _Job:
    api: Api
    shape: ClientShape
    out: str
    ahead: Ahead | None
    frames: Frames
    primary: ClientDef
    pieces: dict[str, list[str]] | None = None


_JOB: _Job | None = None

Trees = tuple[
    dict[str, dict[str, str]],
    dict[str, str],
    dict[str, str],
    tuple[Sealed, ...],
]


def start(
    api: Api, shape: ClientShape, out: str, ahead: Ahead | None, primary: ClientDef
) -> Locales:
    """Begin rendering a target's locales (``primary``: the primary locale's view):
    its docs and pages are rendered here first, then the workers are forked, and they
    and this process take the other locales one at a time (``Claims``)."""
    global _JOB
    _JOB = _Job(api, shape, out, ahead, Frames(), primary)
    rendering: Locales | None = None
    try:
        first = _prepare(shape.primary) if shape.primary in api.locales else None
        others = tuple(loc for loc in api.locales if loc != shape.primary)
        jobs = min(workers() - 1, len(others))
        if (
            "fork" not in multiprocessing.get_all_start_methods()
            or len(others) > Claims.MOST_SHARED
        ):
            jobs = 0
        claims = Claims(others, shared=jobs > 0)
        rendering = Locales(tuple(api.locales), claims, first)
        rendering.workers = [_Worker(claims) for _ in range(jobs)]
        # this process takes one too before it lays out the code (about a locale's
        # time), else the workers would have taken most by then
        if rendering.workers and (locale := claims.next()) is not None:
            rendering.early.append(_prepare(locale))
    except BaseException:
        if rendering is not None:
            rendering.close()  # the job too
        _JOB = None
        raise
    return rendering


class Claims:
    """The locales other than the primary, taken one at a time (``next``) by this
    process and the workers alike: a process done early takes more, so both cores stay
    busy whatever else runs on one of them (the validator, most of a large run).

    Shared, each locale is a token (its index, two bytes) in a pipe whose writing end
    is closed before any worker is forked: reading one token is atomic, and a worker
    that dies takes nothing with it but the locales it read (``finish`` renders those
    here); reading at the end of the pipe finds it empty. At most ``MOST_SHARED``
    locales are shared: their tokens fit in the smallest pipe Linux makes (one page,
    once a user's pipes hold their limit), so writing them never blocks.
    """

    MOST_SHARED = 2048

    def __init__(self, locales: tuple[str, ...], shared: bool) -> None:
        self.locales = locales
        self.taken = 0  # unshared: how many this process took
        self.pipe = -1  # shared: the reading end
        if shared:
            assert len(locales) <= self.MOST_SHARED
            self.pipe, write = os.pipe()
            tokens = b"".join(i.to_bytes(2, "big") for i in range(len(locales)))
            try:
                os.write(write, tokens)
            finally:
                os.close(write)

    def next(self) -> str | None:
        """A locale no process has taken yet, now this one's; None when none is left."""
        if self.pipe < 0:
            if self.taken == len(self.locales):
                return None
            self.taken += 1
            return self.locales[self.taken - 1]
        token = os.read(self.pipe, 2)
        return self.locales[int.from_bytes(token, "big")] if token else None

    def close(self) -> None:
        if self.pipe >= 0:
            os.close(self.pipe)
            self.pipe = -1


class _Worker:
    """A forked process taking locales (``claims``) and rendering all but their code,
    then waiting for the laid-out code (``send``) and sending back each locale's
    ``_Done``."""

    def __init__(self, claims: Claims) -> None:
        self.sending: threading.Thread | None = None
        context = multiprocessing.get_context("fork")
        self.conn, child = context.Pipe()
        self.process: BaseProcess | None = context.Process(
            target=_serve, args=(claims, child), daemon=True
        )
        self.process.start()
        child.close()

    def send(self, pieces: dict[str, list[str]]) -> None:
        """The laid-out code, sent from a thread: the worker reads it only between two
        locales, and the pipe holds far less."""
        self.sending = threading.Thread(target=self._send, args=(pieces,), daemon=True)
        self.sending.start()

    def _send(self, pieces: dict[str, list[str]]) -> None:
        try:
            self.conn.send(pieces)
        except OSError:  # it died (or the run failed): finish renders its locales here
            pass

    def results(self) -> list[tuple[str, _Done]]:
        """The locales it rendered, each with its ``_Done`` (none if it died: those
        it took are rendered here then)."""
        try:
            done: list[tuple[str, _Done]] = self.conn.recv()
        except (EOFError, OSError):
            return []
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
                self.process.join()  # gone once this returns (SIGKILL: at once)
            self.process = None
        self._sent()  # the kill ended a send still blocked
        self.conn.close()


def _serve(claims: Claims, conn: Connection) -> None:
    """In a worker: take locales and render them but for their code until none is
    left, wait for the laid-out code, fill it in, and send every locale back. Any
    failure just ends the worker: this process sees it go and renders the locales it
    took itself (and reports their errors). The collector does not run: what a
    locale makes holds no cycle it would find, and the process ends with its last
    locale (10-13 ms of a three-locale worker's Twilio run)."""
    gc.disable()
    try:
        prepared: list[_Prepared] = []
        done: list[tuple[str, _Done]] = []
        pieces: dict[str, list[str]] | None = None
        while (locale := claims.next()) is not None:
            prepared.append(_prepare(locale))
            if pieces is None and conn.poll():
                pieces = conn.recv()
            if pieces is not None:  # each locale done as soon as it can be
                done += [(p.locale, _complete(p, pieces)) for p in prepared]
                prepared = []
        if pieces is None:
            pieces = conn.recv()
        conn.send(done + [(p.locale, _complete(p, pieces)) for p in prepared])
    except BaseException:  # noqa: BLE001  the parent renders them itself
        pass
    finally:
        conn.close()


class Locales:
    """A target's locales being rendered (``start``); ``finish`` returns them, and
    ``close`` (whether ``finish`` ran or not) stops the workers still running."""

    def __init__(
        self, locales: tuple[str, ...], claims: Claims, first: _Prepared | None
    ) -> None:
        self.locales = locales
        self.claims = claims
        self.first = first  # the primary locale but for its code
        self.workers: list[_Worker] = []
        self.early: list[_Prepared] = []  # taken here before the code was laid out

    def finish(self, skeleton: dict[str, str]) -> Trees:
        """({locale: {relative path: text}}, each locale's name of the site, every
        locale's pages of the reference site, the files written into ``ahead``
        already, sealed), every locale in the API's order (only text comes back from
        the workers: a view is large to send).

        ``skeleton``: the laid-out code. With ``ahead``, each locale (its package and
        its pages of the site) is written there where it renders, hashed and
        compressed there (``cache.seal``), and comes back as that seal instead of
        text: the end of a run has only the site's own files left to hash and
        compress, and no bytes cross from a worker."""
        assert _JOB is not None
        _JOB.pieces = {path: placeholder_pieces(t) for path, t in skeleton.items()}
        for worker in self.workers:
            worker.send(_JOB.pieces)
        rendered = {}
        for p in self.early:
            rendered[p.locale] = _complete(p, _JOB.pieces)
        while (locale := self.claims.next()) is not None:
            rendered[locale] = _tree(locale)
        if self.first is not None:  # written while the workers finish theirs
            rendered[self.first.locale] = _complete(self.first, _JOB.pieces)
        for worker in self.workers:
            rendered.update(worker.results())
        for locale in self.claims.locales:
            if locale not in rendered:  # a worker that took it died: here, then
                rendered[locale] = _tree(locale)
        return _gathered(self.locales, [rendered[loc] for loc in self.locales])

    def close(self) -> None:
        """Stop the workers still running (a failed run) and forget the job."""
        global _JOB
        for worker in self.workers:
            worker.close()
        self.workers = []
        self.claims.close()
        _ENCODED.clear()
        _JOB = None


def _gathered(locales: tuple[str, ...], done: list[_Done]) -> Trees:
    trees = {loc: d.files for loc, d in zip(locales, done) if d.sealed is None}
    names = {locale: d.name for locale, d in zip(locales, done)}
    pages = {path: text for d in done for path, text in d.pages.items()}
    sealed = tuple(d.sealed for d in done if d.sealed is not None)
    return trees, names, pages, sealed


@dataclass(frozen=True)
class _Done:
    """One locale rendered: its files and its pages of the site, or (written ahead)
    the files written (the locale's, SITE_DIR's), sealed."""

    files: dict[str, str]
    name: str
    pages: dict[str, str]
    sealed: Sealed | None = None


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
    view = job.primary if locale == shape.primary else localize(shape, locale)
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
    if _JOB.ahead is None:
        files = {
            path: fill_pieces(split, prepared.docstrings)
            for path, split in pieces.items()
        }
        files.update(prepared.files)
        return _Done(files, prepared.name, prepared.pages)
    # written ahead: the code filled in as bytes, never made text
    texts = [text.encode("utf-8") for text in prepared.docstrings]
    code = {path: fill_encoded(split, texts) for path, split in _bytes(pieces).items()}
    data = encoded({prepared.locale: prepared.files, SITE_DIR: prepared.pages})
    data[prepared.locale] = code | data[prepared.locale]
    _JOB.ahead.write(data)
    return _Done({}, prepared.name, {}, seal(data))


_ENCODED: list[tuple[dict[str, list[str]], dict[str, list[bytes]]]] = []


def _bytes(pieces: dict[str, list[str]]) -> dict[str, list[bytes]]:
    """The laid-out code's pieces as bytes, made once per process."""
    if not _ENCODED or _ENCODED[0][0] is not pieces:
        _ENCODED[:] = [(pieces, {p: encoded_pieces(s) for p, s in pieces.items()})]
    return _ENCODED[0][1]


def _tree(locale: str) -> _Done:
    """One locale rendered here (the laid-out code known: ``finish``)."""
    assert _JOB is not None and _JOB.pieces is not None
    return _complete(_prepare(locale), _JOB.pieces)
