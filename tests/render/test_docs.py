"""Reference docs: every page builds with ``mkdocs build --strict``, carries this locale's
text (with English fallback), and hostile spec text cannot change the page structure."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.build.localize import localize
from generator.build.shape import build_shape
from generator.build.view import (
    ArgDef,
    ClientDef,
    ErrorDef,
    MethodDef,
    ModuleDef,
    ResourceDef,
)
from generator.config import adhoc_target
from generator.ingest.load import load
from generator.merge.api import merge
from generator.render.docs import render_docs
from generator.render.markdown import SafeMarkdown, code_block, code_span
from generator.render.method_docs import MethodViews
from tests.paths import GENERATED, ROOT, SPECS

HOSTILE = "| <script>alert(1)</script>\n# x ``` |"


@lru_cache(maxsize=None)
def client(spec: str, locale: str) -> ClientDef:
    api, _ = merge(load([str(SPECS / spec)]))
    return localize(
        build_shape(
            api,
            adhoc_target(
                ["x"],
                "dify_chatflow",
                env_prefix="DIFY_",
                docs_url="https://docs.dify.ai",
            ),
        ),
        locale,
    )


def build(files: dict[str, str], tmp_path: Path) -> Path:
    """Write the files and run ``mkdocs build --strict``; returns the site folder."""
    for rel, text in files.items():
        path = tmp_path / "src" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=tmp_path / "src",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


def method(c: ClientDef, module: str, *path: str) -> MethodDef:
    resource = next(m.resource for m in c.resources if m.module == module)
    for attr in path[:-1]:
        resource = next(r for r in resource.children if r.attr == attr)
    return next(m for m in resource.methods if m.name == path[-1])


def section(page: str, name: str) -> str:
    """The text of one method's section (from its heading to the next method heading)."""
    start = page.index(f"### `{name}`")
    end = page.find("\n### ", start + 1)
    return page[start : end if end > 0 else None]


@pytest.mark.parametrize("locale", ["en", "zh", "ja"])
def test_seeds_build_strict(locale: str, tmp_path: Path) -> None:
    files = render_docs(client("seeds", locale))
    assert sorted(files) == ["docs/conversations.md", "docs/index.md", "mkdocs.yml"]
    site = build(files, tmp_path)
    assert (site / "conversations" / "index.html").is_file()


def test_full_spec_builds_strict(tmp_path: Path) -> None:
    c = client("dify-chatflow", "zh")
    files = render_docs(c)
    assert set(files) == {"mkdocs.yml", "docs/index.md"} | {
        f"docs/{m.module}.md" for m in c.resources
    }
    build(files, tmp_path)
    text = "\n".join(files.values())
    # root-relative spec links point at this locale's docs, another locale's prefix too
    assert "](https://docs.dify.ai/zh/api-reference/文件操作/上传文件)" in text
    assert "](https://docs.dify.ai/zh/api-reference/guides/human-input-flow)" in text
    assert "](/" not in text and "/en/api-reference" not in text
    examples = re.findall(
        r"```python\n(from dify_chatflow import Client\n.*?)\n```\n", text, re.S
    )
    assert len(examples) == sum(page.count("\n### ") for page in files.values())
    for example in examples:
        compile(example, "<example>", "exec")  # every usage example is valid Python


def test_mkdocs_yml() -> None:
    c = client("seeds", "ja")
    config = yaml.safe_load(render_docs(c)["mkdocs.yml"])
    assert config == {
        "site_name": c.title,
        "docs_dir": "docs",
        "theme": {"name": "mkdocs"},
        "nav": [{"概要": "index.md"}, {"conversations": "conversations.md"}],
    }


def test_index_page() -> None:
    index = render_docs(client("seeds", "ja"))["docs/index.md"]
    assert index.splitlines()[1] == f"# {client('seeds', 'ja').title}"
    assert "- [`conversations`](conversations.md)" in index
    assert "`client.conversations.variables.update` — 会話変数を更新" in index
    assert "## インストール" in index and "## 認証" in index and "DIFY_API_KEY" in index


def test_ja_page() -> None:
    page = render_docs(client("seeds", "ja"))["docs/conversations.md"]
    update = section(page, "update")
    assert "### `update` — 会話変数を更新" in update
    assert "特定の会話変数の値を更新します" in update
    signature = "client.conversations.variables.update(conversation_id, variable_id, *, value, user=...)"
    assert f"```python\n{signature}\n```" in update
    assert "await client.conversations.variables.update(" in update
    assert "`PUT /conversations/{conversation_id}/variables/{variable_id}`" in update
    assert "| `conversation_id` | `str` | はい | 会話 ID。 |" in update
    assert "| `user` | `str` | いいえ |" in update
    assert (
        "| `NotFoundError` | 404 | `not_found` | 会話変数が存在しません。 |" in update
    )
    assert '    value="new value",\n    user="abc-123",\n' in update
    assert '"<conversation_id>",\n    "<variable_id>",' in update
    assert '```json\n{\n  "id": "a1b2c3d4-5678-90ab-cdef-1234567890ab",' in update
    assert (
        "#### 戻り値\n\n`ConversationVariableItem`\n\n変数が正常に更新されました。"
        in update
    )


def test_zh_page_falls_back_to_english() -> None:
    page = render_docs(client("seeds", "zh"))["docs/conversations.md"]
    listing = section(page, "list")
    assert "### `list` — List Conversation Variables" in listing
    assert "Retrieve variables from a specific conversation." in listing
    assert "| `variable_name` | `str` | 否 |" in listing
    assert "`not_found`" in listing and "`SyncCursorPage[" in listing
    assert "for item in client.conversations.variables.list(" in listing
    update = section(page, "update")
    assert "### `update` — 更新对话变量" in update
    assert "| `value` | `object` | 是 | 变量的新值。" in update
    assert "value=" in update and "#### 错误" in update


# Renders the docs of the spec argv[1] in the locales argv[2:]; prints every page, in the
# order render_docs returns them, as JSON.
RENDER_DOCS = """
import json, sys
from generator.build.localize import localize
from generator.build.shape import build_shape
from generator.config import adhoc_target
from generator.ingest.load import load
from generator.merge.api import merge
from generator.render.docs import render_docs

api, _ = merge(load([sys.argv[1]]))
target = adhoc_target(["x"], "dify_chatflow", env_prefix="DIFY_", docs_url="https://docs.dify.ai")
shape = build_shape(api, target)
pages = {loc: list(render_docs(localize(shape, loc)).items()) for loc in sys.argv[2:]}
sys.stdout.write(json.dumps(pages, ensure_ascii=False))
"""


def test_output_is_deterministic() -> None:
    c = client("dify-chatflow", "ja")
    first, second = render_docs(c), render_docs(c)
    assert first == second and list(first) == sorted(first)
    assert not any(str(ROOT) in text or "/tmp" in text for text in first.values())


def test_output_is_the_same_bytes_whatever_the_hash_seed() -> None:
    """Two processes whose str hashes differ (so set and hash order differ) render the
    same pages, in the same order, byte for byte."""
    locales = ["en", "zh", "ja"]
    outputs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "POLYGLOT_GENERATOR_CACHE": ""}
        proc = subprocess.run(
            [sys.executable, "-c", RENDER_DOCS, str(SPECS / "dify-chatflow"), *locales],
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    pages = json.loads(outputs[0])
    assert list(pages) == locales
    for locale in locales:  # and they are this process's pages too
        here = render_docs(client("dify-chatflow", locale))
        assert pages[locale] == [list(item) for item in here.items()]


# -- untrusted spec text -------------------------------------------------------------------


def hostile(c: ClientDef) -> ClientDef:
    def arg(a: ArgDef) -> ArgDef:
        return a._replace(description=HOSTILE, type=a.type + " | `x`")

    def meth(m: MethodDef) -> MethodDef:
        return dataclasses.replace(
            m,
            summary=HOSTILE,
            description=(
                f"{HOSTILE}\n[x](javascript:alert(1)) [`y`](javascript:alert(2))\ntext\n---\n```python\nunclosed fence"
            ),
            returns_description="<img src=x onerror=alert(1)>\n===",
            path_args=tuple(arg(a) for a in m.path_args),
            json_args=tuple(arg(a) for a in m.json_args),
            query_args=tuple(arg(a) for a in m.query_args),
            errors=tuple(
                dataclasses.replace(e, description=HOSTILE, code="a|`b")
                for e in m.errors
            )
            + (ErrorDef("APIError", "5|0", "x", "[a](/../../etc) `|` \\|", ""),),
            request_example='{"value": "```\\n</script><script>alert(1)</script>", "user": "u"}',
            response_example='{"x": "```` <script>alert(1)</script>"}',
        )

    def res(r: ResourceDef) -> ResourceDef:
        methods = tuple(meth(m) for m in r.methods)
        return dataclasses.replace(
            r, methods=methods, children=tuple(res(ch) for ch in r.children)
        )

    def mod(m: ModuleDef) -> ModuleDef:
        return dataclasses.replace(m, resource=res(m.resource))

    return dataclasses.replace(
        c,
        title=f"T: {HOSTILE}\n- a: b",
        default_base_url="http://x`<b>`",
        resources=tuple(mod(m) for m in c.resources),
    )


class Tables(HTMLParser):
    """Cell counts of every row of the page's own tables (the theme's have a class)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[int] = []
        self.ours = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.ours = not attrs
        elif tag == "tr" and self.ours:
            self.rows.append(0)
        elif tag in ("td", "th") and self.ours:
            self.rows[-1] += 1


def test_hostile_spec_text_stays_inert(tmp_path: Path) -> None:
    files = render_docs(hostile(client("seeds", "en")))
    site = build(files, tmp_path)
    assert yaml.safe_load(files["mkdocs.yml"])["nav"][1] == {
        "conversations": "conversations.md"
    }
    for rel, text in files.items():
        if rel.endswith(".md"):
            outside_code = re.sub(r"(`{3,})\w*\n.*?\n\1\n", "", text, flags=re.S)
            assert "<script" not in outside_code and "<img" not in outside_code, rel
            assert not re.search(r"^#+ .*\n#+ x", text, re.M), rel
    page = files["docs/conversations.md"]
    assert page.count("\n### ") == 2 and "\n# x" not in page and "\n## x" not in page
    assert "javascript:" not in page.split("unclosed fence")[0]
    html_pages = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    for text in html_pages:
        assert "<script>alert" not in text and "alert(1)</script>" not in text.replace(
            "&lt;/script&gt;", ""
        )
        assert (
            "<img src=x" not in text
            and 'href="javascript' not in text
            and "<h1>x" not in text
        )
    parser = Tables()
    parser.feed((site / "conversations" / "index.html").read_text(encoding="utf-8"))
    # (2 headers + 9 parameter rows) + (2 headers + 8 error rows), four cells each
    assert len(parser.rows) == 21 and set(parser.rows) == {4}, parser.rows
    # the injected text itself is still shown, escaped
    assert "| &lt;script&gt;alert(1)&lt;/script&gt;<br>" in page


def test_markdown_helpers() -> None:
    md = SafeMarkdown("ja", "https://docs.dify.ai")
    assert (
        md.url("/api-reference/files/upload")
        == "https://docs.dify.ai/ja/api-reference/files/upload"
    )
    assert (
        md.url("/en/api-reference/guides/x")
        == "https://docs.dify.ai/ja/api-reference/guides/x"
    )
    assert md.url("/zh-Hans/a b") == "https://docs.dify.ai/ja/a%20b"
    assert md.url("https://example.com/(x)") == "https://example.com/%28x%29"
    for bad in (
        "javascript:alert(1)",
        "data:text/html,x",
        "relative.md",
        "../x.md",
        "#anchor",
        "JaVaScRiPt:x",
    ):
        assert md.url(bad) is None, bad
    assert (
        SafeMarkdown("zh", "https://docs.example/").url("/ja/x")
        == "https://docs.example/zh/x"
    )
    assert (
        md.cell("a | b\n\nc `x|y` \\| d") == "a \\| b<br>c <code>x&#124;y</code> \\| d"
    )
    assert md.cell("`a` | `b`") == "`a` \\| `b`"
    assert md.cell("back\\") == "back&#92;"
    assert md.line("Title ## `code` <b>") == "Title \\#\\# `code` &lt;b&gt;"
    assert md.block("[see](/api-reference/x) and [bad](javascript:x)") == (
        "[see](https://docs.dify.ai/ja/api-reference/x) and bad"
    )
    assert md.block("```\nopen") == "```\nopen\n```"
    assert md.block("a\n---\n# h") == "a\n&#45;--\n&#35; h"
    assert code_span("a`b") == "``a`b``" and code_span("`x") == "`` `x ``"
    assert code_block("````") == "`````\n````\n`````"


def test_home_page_name_is_never_clobbered() -> None:
    c = client("seeds", "en")
    module = c.resources[0]
    renamed = dataclasses.replace(
        module,
        module="index",
        resource=dataclasses.replace(module.resource, attr="index"),
    )
    files = render_docs(dataclasses.replace(c, resources=(renamed,)))
    assert (
        "docs/index_.md" in files and "- [`index`](index_.md)" in files["docs/index.md"]
    )
    assert yaml.safe_load(files["mkdocs.yml"])["nav"][1] == {"index": "index_.md"}


def test_every_generated_distribution_builds_with_mkdocs_strict(tmp_path: Path) -> None:
    import subprocess
    import sys

    configs = sorted(GENERATED.glob("*/*/mkdocs.yml"))
    assert len(configs) == 6
    for config in configs:
        site = tmp_path / f"{config.parent.parent.name}-{config.parent.name}"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "--quiet",
                "-f",
                str(config),
                "-d",
                str(site),
            ],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, f"{config}: {result.stderr}"
        assert (site / "index.html").is_file()


def test_root_relative_links_without_docs_url_point_nowhere() -> None:
    # no docs_url (any target but the Dify ones): the link text stays, no invented site
    md = SafeMarkdown("en")
    assert md.url("/api-reference/files/upload") is None
    assert md.inline("see [the guide](/guides/x)") == "see the guide"
    assert md.url("https://example.com/x") == "https://example.com/x"


@pytest.mark.parametrize("locale", ["en", "ja"])
def test_sections_shared_by_the_package_and_the_site_change_neither(
    locale: str,
) -> None:
    c = client("dify-chatflow", locale)
    titles = {m.module: m.module.title() for m in c.resources}
    views = MethodViews(c)
    package = render_docs(c, views=views)
    site = render_docs(c, titles=titles, views=views)
    assert views.made  # the site's pages took the package's sections
    assert package == render_docs(c)
    assert site == render_docs(c, titles=titles)
    # the site's sections link model pages where the package's do not
    assert site != package and any("](models/" in t for t in site.values())
    # views of another client are not used
    other = client("dify-chatflow", "zh")
    assert render_docs(other, views=views) == render_docs(other)
