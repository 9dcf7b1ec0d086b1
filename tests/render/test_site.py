"""The reference site: its configuration, its pages per locale, links and hostile text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from generator.build.links import resolve_links
from generator.render.model_docs import linked
from generator.render.site import theme_language
from tests.builders import base_document
from tests.paths import GENERATED, ROOT

EVIL = "<script>alert(1)</script> `x` ]] {{ y }} ---\ntitle: pwned"


def test_site_config_lists_every_locale_with_english_slugs() -> None:
    folder = GENERATED / "chatflow"
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["docs_dir"] == "reference"
    assert config["theme"]["name"] == "material"
    assert config["theme"]["custom_dir"] == "overrides"
    (i18n,) = [p["i18n"] for p in config["plugins"] if "i18n" in p]
    languages = [lang["locale"] for lang in i18n["languages"]]
    assert languages == ["en", "zh", "ja"]
    assert [lang.get("default", False) for lang in i18n["languages"]] == [
        True,
        False,
        False,
    ]
    pages = {
        locale: sorted(
            p.relative_to(folder / "reference" / locale).as_posix()
            for p in (folder / "reference" / locale).rglob("*.md")
        )
        for locale in languages
    }
    assert pages["en"] == pages["zh"] == pages["ja"]  # the switcher maps page to page
    assert (
        "conversations.md" in pages["en"] and "models/feedback_item.md" in pages["en"]
    )
    zh = (folder / "reference" / "zh" / "conversations.md").read_text(encoding="utf-8")
    assert zh.startswith("---\ntitle: 会话管理 · conversations\n---\n")  # zh tag name
    assert (
        "\n# 会话管理 · conversations\n" in zh
    )  # the tag is shared: the module follows


def test_types_link_models_and_keep_literals_inert() -> None:
    pages = {"Item": "models/item.md", "Page": "models/page.md"}
    assert linked("SyncCursorPage[Item, Page]", pages, "", cell=False) == (
        "`SyncCursorPage[`[`Item`](models/item.md)`,`[`Page`](models/page.md)`]`"
    )
    cell = linked('Literal["Item", "a|b"] | Item', pages, "", cell=True)
    assert cell.count("](models/item.md)") == 1  # the string "Item" is not linked
    assert "|" not in cell.replace("&#124;", "")  # a pipe would split the table row


def test_root_relative_links_resolve_per_locale_or_stay_text() -> None:
    text = "See [upload](/api-reference/文件操作/上传文件) and [zh](/zh/x (y)) or [web](https://a.b/c)."
    assert resolve_links(text, "ja", "https://docs.dify.ai/") == (
        "See [upload](https://docs.dify.ai/ja/api-reference/文件操作/上传文件) and"
        " [zh](/zh/x (y)) or [web](https://a.b/c)."
    )
    assert resolve_links("[a](/zh/b/c)", "ja", "https://d.example") == (
        "[a](https://d.example/ja/b/c)"  # the link's locale segment is the page's
    )
    assert resolve_links("[a](/b) [c](//evil.example/x)", "en", "") == (
        "a [c](//evil.example/x)"  # no docs site: plain text, never a broken link
    )


def test_hostile_tag_names_and_titles_build_inert(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    for locale in ("en", "zh"):
        doc = base_document(locale)
        doc["info"]["title"] = EVIL
        doc["tags"] = [{"name": EVIL}]
        for item in doc["paths"].values():
            for op in item.values():
                op["tags"] = [EVIL]
        (specs / locale).mkdir(parents=True)
        (specs / locale / "openapi.json").write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "out"
    generate = [sys.executable, "-m", "generator", "generate", "--specs", str(specs)]
    run = subprocess.run(
        generate + ["--package", "client", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    for page in (out / "reference").rglob("*.md"):
        front = page.read_text(encoding="utf-8").split("---\n")[1]
        assert set(yaml.safe_load(front)) == {"title"}  # one key, whatever the tag says
    site = tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
        + ["-f", str(out / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert build.returncode == 0, build.stderr
    html_files = list(site.rglob("*.html"))
    assert html_files
    for path in html_files:
        assert "<script>alert(1)" not in path.read_text(encoding="utf-8"), path


def test_theme_language_of_locale_tags() -> None:
    # the theme has labels for zh, zh-Hant, pt-BR, ...; other regional tags use the language
    assert [
        theme_language(t) for t in ("zh", "zh-Hans", "zh_TW", "ja", "pt-BR", "en-GB")
    ] == [
        "zh",
        "zh",
        "zh-TW",
        "ja",
        "pt-BR",
        "en",
    ]
