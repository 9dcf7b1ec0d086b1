"""The Dify Chatflow reference site (generated/chatflow/mkdocs.yml) in a real browser.

Built with ``mkdocs build --strict`` into a temporary folder, served on 127.0.0.1 and read
with headless Chromium: per locale the pages say their language, search finds a page by a
word of its title in the locale's script, the language switcher keeps the page, no link of
the site is broken and no page logs a JavaScript error. A screenshot per locale is kept in
``test-artifacts/docs-site/`` (ignored by git).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.docs_site import INSTALL_HINT, build_site, chromium, crawl, serve
from tests.paths import GENERATED, ROOT

ARTIFACTS = ROOT / "test-artifacts" / "docs-site"
# locale -> (URL prefix, a word of the Conversations page's title in the locale's script)
LOCALES = {"en": ("", "Conversations"), "zh": ("zh/", "会话"), "ja": ("ja/", "会話")}
PAGE = "conversations/"  # English slugs in every locale


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = build_site(
        GENERATED / "chatflow" / "mkdocs.yml", tmp_path_factory.mktemp("site") / "out"
    )
    with serve(folder) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - the [test] extra installs it
        raise AssertionError(
            f"playwright is missing: pip install -e '.[test]' ({error})"
        )
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=executable)
        except Exception as error:  # noqa: BLE001 - say how to fix it
            raise AssertionError(f"{INSTALL_HINT}\n{error}") from error
        yield launched
        launched.close()


class Errors(list[str]):
    """The JavaScript errors a page logged."""


@pytest.fixture
def page(browser: object) -> Iterator[tuple[object, Errors]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    errors = Errors()
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on(
        "response",
        lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    yield tab, errors
    context.close()


@pytest.mark.parametrize("locale", list(LOCALES))
def test_pages_search_and_switcher(
    site: str, page: tuple[object, Errors], locale: str
) -> None:
    tab, errors = page
    prefix, word = LOCALES[locale]
    tab.goto(f"{site}{prefix}")  # type: ignore[attr-defined]
    assert tab.get_attribute("html", "lang") == locale  # type: ignore[attr-defined]
    tab.goto(f"{site}{prefix}{PAGE}")  # type: ignore[attr-defined]
    assert tab.get_attribute("html", "lang") == locale  # type: ignore[attr-defined]
    title = tab.inner_text("article h1")  # type: ignore[attr-defined]
    assert word in title
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{locale}-{PAGE.strip('/')}.png"))  # type: ignore[attr-defined]

    # search: a word of the title, in the locale's script, lists the page
    tab.click("input.md-search__input")  # type: ignore[attr-defined]
    results = tab.locator(".md-search-result__item > a")  # type: ignore[attr-defined]
    wanted = tab.locator(f'.md-search-result__item > a[href*="{PAGE}"]').first  # type: ignore[attr-defined]
    # the search reads the box on keyup: CJK text arrives without key events (as from
    # an input method), the End key after it is what a reader's last key would be; the
    # worker loads its index after the page, a query before it is ready is typed again
    for _ in range(5):
        tab.fill("input.md-search__input", word)  # type: ignore[attr-defined]
        tab.press("input.md-search__input", "End")  # type: ignore[attr-defined]
        try:
            wanted.wait_for(state="attached", timeout=2_000)
            break
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: type again
            continue
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    meta = tab.inner_text(".md-search-result__meta")  # type: ignore[attr-defined]
    assert any(h and h.split("#")[0].endswith(f"{prefix}{PAGE}") for h in hrefs), (
        meta,
        hrefs,
        errors,
    )
    tab.screenshot(path=str(ARTIFACTS / f"{locale}-search.png"))  # type: ignore[attr-defined]

    # the language switcher leads to the same page in every other locale
    tab.keyboard.press("Escape")  # type: ignore[attr-defined]
    for other, (other_prefix, _) in LOCALES.items():
        if other == locale:
            continue
        tab.goto(f"{site}{prefix}{PAGE}")  # type: ignore[attr-defined]
        tab.hover(".md-header__option .md-select")  # type: ignore[attr-defined]
        tab.click(f'a.md-select__link[hreflang="{other}"]')  # type: ignore[attr-defined]
        tab.wait_for_load_state()  # type: ignore[attr-defined]
        assert tab.url == f"{site}{other_prefix}{PAGE}"  # type: ignore[attr-defined]
        assert tab.get_attribute("html", "lang") == other  # type: ignore[attr-defined]
    assert not errors, errors


def test_no_broken_link(site: str) -> None:
    seen, broken = crawl(site, [f"{site}{prefix}" for prefix, _ in LOCALES.values()])
    assert not broken, broken
    # every page of every locale is reached by links (model pages from the types)
    reference = GENERATED / "chatflow" / "reference"
    expected = set()
    for locale, (prefix, _) in LOCALES.items():
        for page in (reference / locale).rglob("*.md"):
            slug = page.relative_to(reference / locale).with_suffix("").as_posix()
            expected.add(site + prefix + ("" if slug == "index" else f"{slug}/"))
    assert f"{site}zh/models/feedback_item/" in expected
    assert expected <= seen, sorted(expected - seen)
