"""The translation kit's round trip: export, translate, import, generate, change, export.

On a copy of the seed pages and of the full Chatflow spec, with a pseudo-locale (en-XA, every
text bracketed and accented) and a locale that has no document at all (ko).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import polib
import pytest

from tests.translate.kit import (
    accent,
    assert_valid_po,
    drift,
    project,
    pseudo,
    run,
    tree,
)

LOCALES = ["en", "zh", "ja", "en-XA", "ko"]
CASES = {
    # specs folder, the operation whose summary is followed, the file and text to change
    "seeds": (
        "seeds",
        "PUT /conversations/{conversation_id}/variables/{variable_id}",
        "specs/seeds/001_0d4e3677f7e41009.txt",
    ),
    "chatflow": (
        "dify-chatflow",
        "POST /chat-messages",
        "specs/dify-chatflow/en/openapi_chatflow.json",
    ),
}


def entry(po: polib.POFile, context: str) -> polib.POEntry:
    found = [e for e in po if e.msgctxt == context]
    assert len(found) == 1, context
    return found[0]


def change_summary(file: Path, operation: str, old: str, new: str) -> None:
    """Change one operation's summary in the primary document (a JSON file or a page)."""
    text = file.read_text(encoding="utf-8")
    if file.suffix == ".json":
        document = json.loads(text)
        method, path = operation.split(" ", 1)
        document["paths"][path][method.lower()]["summary"] = new
        text = json.dumps(document, ensure_ascii=False, indent=2)
    else:
        line = re.compile(rf"^(\s*summary: ){re.escape(old)}$", re.MULTILINE)
        assert len(line.findall(text)) == 1
        text = line.sub(lambda m: m.group(1) + new, text)
    file.write_text(text, encoding="utf-8")


def texts(folder: Path, pattern: str) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(folder.glob(pattern))
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_round_trip(
    case: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    specs, operation, primary_file = CASES[case]
    project(tmp_path, monkeypatch, specs, LOCALES)
    summary_ctx, description_ctx = f"{operation} /summary", f"{operation} /description"

    assert run("translations", "export", "--out", "po") == 0
    files = sorted(p.name for p in (tmp_path / "po" / "t").iterdir())
    assert files == ["en-XA.po", "ja.po", "ko.po", "zh.po"]
    catalogs = {f: assert_valid_po(tmp_path / "po" / "t" / f) for f in files}
    for po in catalogs.values():  # one entry per piece of prose, the same in every file
        assert [e.msgctxt for e in po] == [e.msgctxt for e in catalogs["ko.po"]]
    summary = entry(catalogs["ko.po"], summary_ctx).msgid
    description = entry(catalogs["ko.po"], description_ctx).msgid
    assert entry(catalogs["ko.po"], summary_ctx).comment == "operation summary"
    assert entry(catalogs["zh.po"], summary_ctx).msgstr not in ("", summary)
    assert not catalogs["en-XA.po"].translated_entries()

    xa, ko = catalogs["en-XA.po"], catalogs["ko.po"]
    for e in xa:
        e.msgstr = pseudo(e.msgid)
    xa.save()
    entry(ko, summary_ctx).msgstr = f"한국어: {summary}"
    ko.save()
    assert run("translations", "import", "po") == 0
    overlays = tmp_path / "specs" / specs / "overlays"
    assert sorted(p.name for p in overlays.iterdir()) == [
        "en-XA.overlay.yaml",
        "ko.overlay.yaml",
    ]

    assert run("generate") == 0
    out = tmp_path / "generated" / "t"
    xa_code = texts(out / "en-XA" / "dify_chatflow" / "resources", "*.py")
    xa_docs = texts(out / "en-XA" / "docs", "*.md")
    assert pseudo(summary) in xa_code and accent(summary) in xa_docs
    assert summary not in xa_code
    ko_code = texts(out / "ko" / "dify_chatflow" / "resources", "*.py")
    assert f"한국어: {summary}" in ko_code
    assert f"한국어: {summary}" in texts(out / "ko" / "docs", "*.md")
    first_words = " ".join(description.split()[:4])
    assert first_words in ko_code  # untranslated: the primary's text
    code, report = drift(capsys)
    fallbacks = {(f["locale"], f.get("pointer")) for f in report["fallbacks"]}
    assert ("ko", "/description") in fallbacks and (
        "en-XA",
        "/description",
    ) not in fallbacks
    counts = {c["locale"]: c for c in report["translations"]}
    assert counts["ko"]["translated"] == 1 and counts["ko"]["stale"] == 0
    assert counts["en-XA"]["untranslated"] == 0 and report["stale"] == []

    change_summary(tmp_path / primary_file, operation, summary, summary + " (v2)")
    assert run("translations", "export", "--out", "po2") == 0
    again = assert_valid_po(tmp_path / "po2" / "t" / "en-XA.po")
    stale = entry(again, summary_ctx)
    assert stale.msgid == summary + " (v2)" and "fuzzy" in stale.flags
    assert stale.previous_msgid == summary and stale.msgstr == pseudo(summary)
    assert [e.msgctxt for e in again.fuzzy_entries()] == [summary_ctx]
    ko_again = entry(polib.pofile(str(tmp_path / "po2" / "t" / "ko.po")), summary_ctx)
    assert "fuzzy" in ko_again.flags and ko_again.previous_msgid == summary

    code, report = drift(capsys)
    assert code == 0
    assert {(s["locale"], s["msgctxt"]) for s in report["stale"]} == {
        ("en-XA", summary_ctx),
        ("ko", summary_ctx),
    }
    counts = {c["locale"]: c for c in report["translations"]}
    assert counts["en-XA"]["stale"] == 1 and counts["ko"]["stale"] == 1
    assert drift(capsys, "--strict")[0] == 1
    capsys.readouterr()
    assert run("drift") == 0
    assert f"[en-XA] {summary_ctx}: source changed" in capsys.readouterr().out
    # stale translations are still used
    assert run("generate") == 0
    assert pseudo(summary) in texts(
        out / "en-XA" / "dify_chatflow" / "resources", "*.py"
    )

    # importing the fuzzy export keeps the stale translations as they are
    before = tree(overlays)
    assert run("translations", "import", "po2") == 0
    assert tree(overlays) == before


def test_untouched_export_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, "dify-chatflow", ["en", "zh", "ja"])
    assert run("generate") == 0
    generated = tree(tmp_path / "generated")
    assert run("translations", "export", "--out", "po") == 0
    capsys.readouterr()
    assert run("translations", "import", "po") == 0
    streams = capsys.readouterr()
    # translations already in a document are not refused for what they lack: a warning
    assert "warning: po/t/zh.po [locale zh]:" in streams.err
    assert "lack a placeholder, code or link of their source; kept" in streams.err
    assert not (tmp_path / "specs" / "dify-chatflow" / "overlays").exists()
    assert run("check") == 0
    assert run("generate") == 0
    assert tree(tmp_path / "generated") == generated


def test_export_is_deterministic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project(tmp_path, monkeypatch, "seeds", LOCALES)
    assert run("translations", "export", "--out", "a") == 0
    assert run("translations", "export", "--locales", "ko", "--out", "b") == 0
    assert sorted(tree(tmp_path / "b")) == ["t/ko.po"]
    assert tree(tmp_path / "a")["t/ko.po"] == tree(tmp_path / "b")["t/ko.po"]
    text = (tmp_path / "a" / "t" / "ja.po").read_text(encoding="utf-8")
    assert "#: specs/seeds/" in text and "Date: \\n" in text
