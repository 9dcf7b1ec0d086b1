"""Each locale's files of a target: the code laid out once, with the locale's docstrings
filled in, and the locale's README, metadata and reference docs.

Locales are independent, so they render on the cores at once: the primary locale here, then
the others in forked workers, which find the shape and the laid-out code here (nothing is
pickled to them) and send back only files.
"""

from __future__ import annotations

from pathlib import Path

from generator.build.localize import localize
from generator.build.shape import ClientShape
from generator.build.view import ClientDef
from generator.merge.model import Api
from generator.parallel import parallel_map
from generator.render.distribution import render_other
from generator.render.docs import MethodViews
from generator.render.python import fill_docstrings
from generator.render.site import locale_pages, site_name

# set by locale_trees for its workers: (api, shape, primary view, laid-out code, out)
_JOB: tuple[Api, ClientShape, ClientDef, dict[str, str], str] | None = None


def locale_trees(
    api: Api,
    shape: ClientShape,
    primary: ClientDef,
    skeleton: dict[str, str],
    out: str,
) -> tuple[dict[str, dict[str, str]], dict[str, str], dict[str, str]]:
    """({locale: {relative path: text}}, each locale's name of the site, every locale's
    pages of the reference site), every locale in the API's order (only text comes back
    from the workers: a view is large to send)."""
    global _JOB
    locales = tuple(api.locales)
    _JOB = (api, shape, primary, skeleton, out)
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
    trees = {locale: files for locale, (files, _, _) in zip(locales, done)}
    names = {locale: name for locale, (_, name, _) in zip(locales, done)}
    pages = {path: text for _, _, found in done for path, text in found.items()}
    return trees, names, pages


def _tree(locale: str) -> tuple[dict[str, str], str, dict[str, str]]:
    assert _JOB is not None
    api, shape, primary, skeleton, out = _JOB
    view = primary if locale == shape.primary else localize(shape, locale)
    folder = Path(out)
    # relative paths only: output never depends on where it is written
    install = (folder / locale).as_posix() if out and not folder.is_absolute() else "."
    files = {
        path: fill_docstrings(text, view.docstrings) for path, text in skeleton.items()
    }
    views = MethodViews(view)  # the package's docs and the site's share the sections
    files.update(render_other(view, api.version, install, views))
    return files, site_name(view), locale_pages(api, view, install, views)
