"""Each locale's files of a target: the code laid out once, with the locale's docstrings
filled in, and the locale's README, metadata and reference docs.

Locales are independent, so they render on the cores at once: the primary locale here, then
the others in forked workers, which find the shape and the laid-out code here (nothing is
pickled to them) and send back only files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.localize import localize
from generator.build.shape import ClientShape
from generator.build.view import ClientDef
from generator.merge.model import Api
from generator.output.staging import joined
from generator.parallel import parallel_map
from generator.render.distribution import render_other
from generator.render.method_docs import MethodViews
from generator.render.python import fill_pieces, placeholder_pieces
from generator.render.site import SITE_DIR, locale_pages, site_name

if TYPE_CHECKING:
    from generator.output.staging import Ahead

# set by locale_trees for its workers: (api, shape, primary view, laid-out code split
# at its placeholders, out, the staging folder to write into)
_Job = tuple[Api, ClientShape, ClientDef, dict[str, list[str]], str, "Ahead | None"]
_JOB: _Job | None = None


def locale_trees(
    api: Api,
    shape: ClientShape,
    primary: ClientDef,
    skeleton: dict[str, str],
    out: str,
    ahead: Ahead | None = None,
) -> tuple[dict[str, dict[str, str]], dict[str, str], dict[str, str], frozenset[str]]:
    """({locale: {relative path: text}}, each locale's name of the site, every locale's
    pages of the reference site, the files written into ``ahead`` already (by their
    paths in the output folder)), every locale in the API's order (only text comes back
    from the workers: a view is large to send).

    With ``ahead``, each locale the workers render (its package and its pages of the
    site) is written there by its worker, while the others still render; the primary
    locale, rendered here first, is not."""
    global _JOB
    locales = tuple(api.locales)
    pieces = {path: placeholder_pieces(text) for path, text in skeleton.items()}
    _JOB = (api, shape, primary, pieces, out, ahead)
    try:
        # the primary locale first, here: what it computes that no locale changes (laid
        # out examples, code spans, memoized docstring lines) is inherited by the workers
        rendered = (
            {shape.primary: _tree(shape.primary)} if shape.primary in locales else {}
        )
        others = [locale for locale in locales if locale not in rendered]
        rendered.update(zip(others, parallel_map(_tree, others)))
    finally:
        _JOB = None
    done = [rendered[locale] for locale in locales]
    trees = {locale: files for locale, (files, _, _, _) in zip(locales, done)}
    names = {locale: name for locale, (_, name, _, _) in zip(locales, done)}
    pages = {path: text for _, _, found, _ in done for path, text in found.items()}
    written = frozenset(
        path
        for locale, (files, _, found, wrote) in zip(locales, done)
        if wrote
        for path in _paths(locale, files, found)
    )
    return trees, names, pages, written


def _paths(locale: str, files: dict[str, str], pages: dict[str, str]) -> dict[str, str]:
    """A locale's files and its pages of the site, by their paths in the output folder."""
    return {joined(locale, rel): text for rel, text in files.items()} | {
        joined(SITE_DIR, rel): text for rel, text in pages.items()
    }


def _tree(locale: str) -> tuple[dict[str, str], str, dict[str, str], bool]:
    """A locale's files, its site's name, its pages, and whether they were written into
    the staging folder here."""
    assert _JOB is not None
    api, shape, primary, pieces, out, ahead = _JOB
    view = primary if locale == shape.primary else localize(shape, locale)
    folder = Path(out)
    # relative paths only: output never depends on where it is written
    install = (folder / locale).as_posix() if out and not folder.is_absolute() else "."
    files = {
        path: fill_pieces(split, view.docstrings) for path, split in pieces.items()
    }
    views = MethodViews(view)  # the package's docs and the site's share the sections
    files.update(render_other(view, api.version, install, views))
    pages = locale_pages(api, view, install, views)
    write = ahead is not None and locale != shape.primary
    if write:
        assert ahead is not None
        ahead.write(_paths(locale, files, pages))
    return files, site_name(view), pages, write
