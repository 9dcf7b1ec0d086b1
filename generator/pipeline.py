"""The stages wired together, top to bottom as the data flows:

    ingest (load, validate beside the rest) -> merge -> build (shape once, then each
    locale's view) -> render (code once, text per locale) -> output (format, stage, write)

``generate``, ``check`` and ``build_api`` are the commands' work; the CLI prints what they
return. Heavy stages (validation, Jinja, black) are imported where used: ``check`` on
unchanged output answers from the cache without loading them.
"""

from __future__ import annotations

import gc
import importlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.config import Target
from generator.ingest import held
from generator.ingest.beside import Beside, plan
from generator.ingest.load import LocaleDocument, display_path, load
from generator.ingest.validate import Validation
from generator.output import cache
from generator.output.check import compare_target, target_fingerprint, up_to_date_fast
from generator.problems import InputError, Problem
from generator.translate.inputs import with_overlays

if TYPE_CHECKING:
    from generator.merge.drift import DriftReport
    from generator.merge.model import Api
    from generator.output.compare import TreeDiff
    from generator.output.staging import Ahead, Staged
    from generator.progress import Progress

# The documents and the merged model of the last target produced, freed when the next
# one starts rather than as produce returns (Twilio's spec in five locales: 55 MB of
# objects, 11 ms), and never by ``python -m generator``, which exits without tearing
# its objects down.
_LAST: list[object] = []

Trees = dict[str, dict[str, str]]  # {locale: {relative path: text}}
Bytes = dict[str, dict[str, bytes]]  # the same files' UTF-8 text


@dataclass(frozen=True)
class Written:
    """What ``generate`` did for one target."""

    target: Target
    locales: tuple[str, ...]
    files: int
    notes: tuple[str, ...]


def _loader(target: Target) -> Callable[[], list[LocaleDocument]]:
    return lambda: with_overlays(
        load(
            list(target.specs),
            target.locale,
            target.primary,
            dict(target.locale_aliases),
        ),
        target,
    )


def _beside(target: Target) -> Beside | None:
    """The locales the validator's process reads (ingest/beside.py): none for a target
    with overlays or naming the locale of all its documents."""
    from generator.translate.overlay import overlay_files

    if target.locale is not None or overlay_files(target.specs):
        return None
    return plan(list(target.specs), target.primary, dict(target.locale_aliases))


# what render_target imports, imported by produce while the validator reads
_STAGES = (
    "generator.build.localize",
    "generator.build.shape",
    "generator.output.format",
    "generator.render.locales",
    "generator.render.python",
    "generator.render.site",
)


def _warn(target: Target) -> bool:
    return target.validation == "warn"


def build_api(
    target: Target, warnings: list[str] | None = None
) -> tuple[Api, DriftReport]:
    """The merged model of a target and the drift between its locales (the validator's
    warnings, under ``validation = "warn"``, appended to ``warnings``)."""
    from generator.merge.api import merge

    with Validation(_loader(target), _warn(target)) as validation:
        documents = validation.documents()
        api, report = merge(documents, target.primary, list(target.locales) or None)
    if warnings is not None:
        warnings += [p.render() for p in validation.warnings]
    from generator.translate.status import with_translations

    return api, with_translations(report, target)


@dataclass(frozen=True)
class Rendered:
    """A target rendered: its files as text (``trees``), the notes about names the
    build changed, and, when its locales were written into a staging folder while they
    rendered (``ahead``): the bytes of the files not written there, every tree in order
    (``data``), the files written there ({tree: relative paths}), missing from both
    ``trees`` and ``data``, and those files hashed and compressed (``sealed``)."""

    trees: Trees
    notes: tuple[str, ...]
    data: Bytes | None = None
    sealed: tuple[cache.Sealed, ...] = ()

    @property
    def written(self) -> dict[str, tuple[str, ...]]:
        """The files written ahead, by tree: those ``sealed``."""
        written: dict[str, list[str]] = {}
        for part in self.sealed:
            for tree, rel, _, _ in part.files:
                written.setdefault(tree, []).append(rel)
        return {tree: tuple(rels) for tree, rels in written.items()}


def render_target(api: Api, target: Target, ahead: Ahead | None = None) -> Rendered:
    """Every locale's files of a target (see ``Rendered``)."""
    from generator.build.localize import localize
    from generator.build.shape import build_shape
    from generator.output.format import format_files
    from generator.output.staging import encoded
    from generator.render import locales
    from generator.render.python import render_python
    from generator.render.site import SITE_DIR, render_site

    shape = build_shape(api, target)
    primary = localize(shape, api.primary)
    rendering = locales.start(api, shape, target.out, ahead, primary)  # the others
    try:
        # the code is the same text in every locale: rendered and laid out once
        skeleton = format_files(render_python(primary))
        trees, names, pages, sealed = rendering.finish(skeleton)
    finally:
        rendering.close()
    # the target's reference site: mkdocs.yml ("" is the target's own folder) and pages
    trees.update(render_site(api, names, pages))
    if ahead is None:
        return Rendered(trees, shape.notes)
    mine = encoded(trees)
    sealed_trees = [tree for part in sealed for tree, *_ in part.files]
    data: Bytes = {}
    for tree in dict.fromkeys([*api.locales, *trees, *sealed_trees]):
        files = mine.get(tree, {})
        data[tree] = dict(sorted(files.items())) if tree == SITE_DIR else files
    return Rendered(trees, shape.notes, data, sealed)


def produce(
    target: Target,
    stage: Callable[[Bytes, Rendered], Staged] | None = None,
    ahead: Ahead | None = None,
) -> tuple[tuple[Trees, tuple[str, ...]], Staged | None]:
    """A target's files and notes, validated while they render (the files written into
    ``ahead`` are not among the files returned: see ``Rendered``).

    ``stage``, if given, is called with the files' bytes (and the ``Rendered``: the
    paths written into ``ahead`` already, and those files sealed) while validation may
    still be running (to write them somewhere not yet visible); its result is returned
    with them, and it is discarded when the input turns out invalid, as ``ahead`` is.
    """
    from generator.output.staging import encoded

    staged: Staged | None = None
    try:
        with Validation(_loader(target), _warn(target), _beside(target)) as validation:
            # imported after the validator process is forked (it needs none of them),
            # while it reads the locales beside
            from generator.merge.api import merge

            for name in _STAGES:
                importlib.import_module(name)
            documents = validation.documents()
            gc.freeze()  # the documents live to the end: not walked by the collector
            # the drift is the drift command's: not looked for here
            locales = list(target.locales) or None
            twins = validation.twins
            api, _ = merge(documents, target.primary, locales, False, twins)
            gc.freeze()  # nor the merged model, while the client renders
            _LAST[:] = [documents, api]
            out = render_target(api, target, ahead)
            if stage is not None:
                data = encoded(out.trees) if out.data is None else out.data
                staged = stage(data, out)
        # the validator's warnings (validation = "warn") are notes of their own kind
        warnings = tuple(p.render() for p in validation.warnings)
        produced = (out.trees, warnings + out.notes)
    except BaseException:
        if staged is not None:
            staged.discard()
        if ahead is not None:
            ahead.discard()  # a no-op once staged took it over
        raise
    return produced, staged


def generate(targets: list[Target], progress: Progress) -> list[Written]:
    """Regenerate every target; nothing is written unless every target succeeded.

    Compressing the output for the cache (from when it is rendered, while the input may
    still be validated) and hashing what is written run on threads beside the staging
    and the swap (Zstandard and hashlib release the GIL): a tenth of a run for a large
    target. A first output is written where each locale renders (``staging.Ahead``).
    The cache entry is stored only for validated input.
    """
    results: list[_Result] = []
    with ThreadPoolExecutor(max_workers=2) as beside:
        stores: list[Future[None]] = []
        try:
            # stage everything first: bad input in any target leaves every output
            # untouched
            for target in targets:
                with _writing(Path(target.out)):
                    results.append(_staged(target, progress, beside, stores))
            written = []
            for target, notes, staged, hashes in results:
                progress.step(f"{target.name}: writing {target.out}")
                with _writing(Path(target.out)):
                    staged.commit()
                cache.record(*hashes.result())
                trees = tuple(k for k in staged.trees if k)
                written.append(Written(target, trees, len(staged.new), notes))
            for done in stores:
                done.result()
            return written
        finally:
            for *_, staged, _ in results:
                staged.discard()


_Result = tuple[Target, tuple[str, ...], "Staged", "Future[Hashes]"]


def _staged(
    target: Target,
    progress: Progress,
    beside: ThreadPoolExecutor,
    stores: list[Future[None]],
) -> _Result:
    """One target's output staged (rendered or taken from the cache), its files'
    hashes computing ``beside``; storing it in the cache, if rendered, goes to ``stores``.
    """
    with held.holding():  # the fingerprint and the loader read each input once
        return _staged_held(target, progress, beside, stores)


def _staged_held(
    target: Target,
    progress: Progress,
    beside: ThreadPoolExecutor,
    stores: list[Future[None]],
) -> _Result:
    from generator.output.staging import Staged, ahead_of, encoded

    out = Path(target.out)
    key = target_fingerprint(target)
    stored = cache.stored_output(key)
    if stored is not None:
        trees, notes = stored
        files = encoded(trees)
        staged = Staged(out, files)
        hashes = beside.submit(_written, key, files, staged.manifest_text)
        return target, notes, staged, hashes
    progress.step(f"{target.name}: validating, merging and rendering")
    packed: list[Future[cache.Packed]] = []
    data: list[Bytes] = []  # the files' bytes, encoded once (by ``stage``)
    sealed: list[tuple[cache.Sealed, ...]] = []
    # a first output: each locale is written where it renders
    ahead = ahead_of(out)

    def stage(
        files: Bytes,
        rendered: Rendered,
        out: Path = out,
        ahead: Ahead | None = ahead,
    ) -> Staged:
        data.append(files)
        sealed.append(rendered.sealed)
        packed.append(beside.submit(cache.pack_output, files, rendered.sealed))
        return Staged(out, files, ahead, rendered.written)

    (_, notes), made = produce(target, stage, ahead)
    assert made is not None
    # hashing beside the packing (storing only waits for it)
    hashes = beside.submit(_written, key, data[0], made.manifest_text, sealed[0])
    stores.append(beside.submit(_store, key, packed[0], notes))
    return target, notes, made, hashes


@contextmanager
def _writing(out: Path) -> Iterator[None]:
    """An output that cannot be written (a file where a folder goes, no permission, a
    full disk) is the user's to fix: one problem naming the path, exit status 2. An
    error about any other path (an input that cannot be read) is not the output's."""
    try:
        yield
    except OSError as exc:
        named = exc.filename
        path = Path(os.fsdecode(named)) if isinstance(named, (str, bytes)) else out
        if not _of_output(path, out):
            raise
        where = display_path(path)
        reason = exc.strerror or str(exc)
        raise InputError(
            [Problem(f"cannot write the output: {reason}", (where,))]
        ) from None


def _of_output(path: Path, out: Path) -> bool:
    """Whether ``path`` is the output folder, inside it, or a folder made for it."""
    path, out = Path(os.path.abspath(path)), Path(os.path.abspath(out))
    return path == out or out in path.parents or path in out.parents


def check(targets: list[Target]) -> list[TreeDiff]:
    """How the output on disk differs from what generating now would write."""
    from generator.output.staging import encoded, manifest_text

    stale = []
    for target in targets:
        with held.holding():
            key = target_fingerprint(target)
            if up_to_date_fast(target, key):
                continue
            (trees, _), _ = produce(target)
        manifest = manifest_text(trees)
        diffs = compare_target(target, trees, manifest)
        if diffs:
            stale += diffs
        else:
            cache.record(*_written(key, encoded(trees), manifest))
    return stale


Hashes = tuple[str, dict[str, str]]  # a target's fingerprint, its files' hashes


def _store(key: str, packed: Future[cache.Packed], notes: tuple[str, ...]) -> None:
    cache.store_output(key, packed.result(), notes)


def _written(
    key: str, data: Bytes, manifest: str, sealed: tuple[cache.Sealed, ...] = ()
) -> Hashes:
    """The hash of every file the generator writes for a target (its fingerprint
    ``key``; ``data``, the files' bytes; ``manifest``, its manifest's text; ``sealed``,
    files hashed already), by its path in the output folder."""
    from generator.output.staging import MANIFEST, joined

    hashes = {
        joined(tree, rel): digest
        for part in sealed
        for tree, rel, _, digest in part.files
    }
    hashes.update(
        (joined(locale, rel), cache.file_hash(content))
        for locale, tree in data.items()
        for rel, content in tree.items()
    )
    hashes[MANIFEST] = cache.file_hash(manifest.encode("utf-8"))
    return key, hashes
