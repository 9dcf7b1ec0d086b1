"""Each locale's files of a target: the code laid out once, with the locale's docstrings
filled in, and the locale's README, metadata and reference docs.

Locales are independent, so they render on the cores at once: the primary locale here, then
the others, one core's share of them here and the rest in forked workers, which find the
shape and the laid-out code here (nothing is pickled to them) and send back only files; for
a first output, each locale is written into the staging folder where it renders (by its
worker, which sends back the bytes it wrote). A worker costs a fork and, for every page
of memory either side then writes, a copy: one fewer is a tenth of the cost of a locale
(Twilio's spec in five locales: 268 -> 207 ms of CPU time per extra locale).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.localize import localize
from generator.build.shape import ClientShape
from generator.build.view import ClientDef
from generator.merge.model import Api
from generator.output.staging import encoded
from generator.parallel import parallel_map
from generator.render.distribution import render_other
from generator.render.method_docs import Frames, MethodViews
from generator.render.python import fill_pieces, placeholder_pieces
from generator.render.site import SITE_DIR, locale_pages, site_name

if TYPE_CHECKING:
    from generator.output.staging import Ahead

# set by locale_trees for its workers: (api, shape, primary view, laid-out code split
# at its placeholders, out, the staging folder to write into, the docs' parts no
# locale changes)
_Job = tuple[
    Api, ClientShape, ClientDef, dict[str, list[str]], str, "Ahead | None", Frames
]
_JOB: _Job | None = None


def locale_trees(
    api: Api,
    shape: ClientShape,
    primary: ClientDef,
    skeleton: dict[str, str],
    out: str,
    ahead: Ahead | None = None,
) -> tuple[
    dict[str, dict[str, str]],
    dict[str, str],
    dict[str, str],
    dict[str, dict[str, bytes]],
]:
    """({locale: {relative path: text}}, each locale's name of the site, every locale's
    pages of the reference site, what was written into ``ahead`` already), every locale
    in the API's order (only text comes back from the workers: a view is large to send).

    With ``ahead``, each locale the workers render (its package and its pages of the
    site) is written there by its worker while the others still render, and comes back
    as the bytes written ({locale or SITE_DIR: {relative path: bytes}}) instead of text;
    the primary locale, rendered here first, is not written ahead."""
    global _JOB
    locales = tuple(api.locales)
    pieces = {path: placeholder_pieces(text) for path, text in skeleton.items()}
    _JOB = (api, shape, primary, pieces, out, ahead, Frames())
    try:
        # the primary locale first, here: what it computes that no locale changes (laid
        # out examples, code spans, memoized docstring lines) is inherited by the workers
        rendered = (
            {shape.primary: _tree(shape.primary)} if shape.primary in locales else {}
        )
        others = [locale for locale in locales if locale not in rendered]
        rendered.update(zip(others, parallel_map(_tree, others, share_here=True)))
    finally:
        _JOB = None
    done = [rendered[locale] for locale in locales]
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


def _tree(locale: str) -> _Done:
    assert _JOB is not None
    api, shape, primary, pieces, out, ahead, frames = _JOB
    view = primary if locale == shape.primary else localize(shape, locale)
    folder = Path(out)
    # relative paths only: output never depends on where it is written
    install = (folder / locale).as_posix() if out and not folder.is_absolute() else "."
    files = {
        path: fill_pieces(split, view.docstrings) for path, split in pieces.items()
    }
    # the package's docs and the site's share the sections, the locales their code
    views = MethodViews(view, frames)
    files.update(render_other(view, api.version, install, views))
    pages = locale_pages(api, view, install, views)
    if ahead is None or locale == shape.primary:
        return _Done(files, site_name(view), pages, None)
    data = encoded({locale: files, SITE_DIR: pages})
    ahead.write(data)
    return _Done({}, site_name(view), {}, data)
