"""The reference site of a generated target, built with MkDocs and served on 127.0.0.1,
and a headless Chromium (Debian's ``chromium``, driven by Playwright) to read it with.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

CHROMIUM = "/usr/bin/chromium"
INSTALL_HINT = (
    "the docs site tests need Chromium and CJK fonts: on Debian/Ubuntu run "
    "`apt-get install -y chromium fonts-noto-cjk` (as root), then rerun the tests"
)


def chromium() -> str:
    """The browser's path; the tests fail (never skip) without it."""
    found = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not found:
        raise AssertionError(INSTALL_HINT)
    return found


def build_site(config: Path, out: Path) -> Path:
    """``mkdocs build --strict -f config`` into ``out``; fails with MkDocs' output."""
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
        + ["-f", str(config), "-d", str(out)],
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, f"mkdocs build --strict failed:\n{run.stderr}"
    return out


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """``folder`` over HTTP on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in ("href", "src"):
                self.links.append(value)


def crawl(base: str, starts: list[str]) -> tuple[set[str], dict[str, tuple[str, int]]]:
    """Every same-site URL reachable from ``starts`` (pages, stylesheets, scripts,
    images): the ones visited, and the broken ones (url -> (linking page, status))."""
    seen, broken, queue = (
        set[str](),
        dict[str, tuple[str, int]](),
        [(s, s) for s in starts],
    )
    while queue:
        url, source = queue.pop()
        url = urldefrag(url).url
        if url in seen or not url.startswith(base):
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
                kind = response.headers.get_content_type()
                body = response.read()
        except urllib.error.HTTPError as error:
            broken[url] = (source, error.code)
            continue
        if kind == "text/html":
            parser = _Links()
            parser.feed(body.decode("utf-8"))
            for link in parser.links:
                target = urljoin(url, link)
                if urlsplit(target).scheme in ("http", "https"):
                    queue.append((target, url))
    return seen, broken
