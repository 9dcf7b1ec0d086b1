"""Bad PO files and bad overlays: one clear message each, exit status 2, nothing changed."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from tests.translate.kit import project, run, tree

LOCALES = ["en", "zh", "ja", "ko"]
PUT = "PUT /conversations/{conversation_id}/variables/{variable_id}"
LINK = "/api-reference/conversations/list-conversation-variables"


@pytest.fixture
def exported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    """The seed pages with one ko translation imported, exported again to po/t/.

    The PUT operation's description gets a Markdown link first (the pages have none).
    """
    project(tmp_path, monkeypatch, "seeds", LOCALES)
    page = tmp_path / "specs" / "seeds" / "001_0d4e3677f7e41009.txt"
    text = page.read_text(encoding="utf-8")
    old = "        match the expected type.\n"
    assert text.count(old) == 1
    page.write_text(
        text.replace(old, old[:-1] + f" See [the list]({LINK}).\n"), encoding="utf-8"
    )
    assert run("translations", "export", "--out", "po") == 0
    po = polib.pofile("po/t/ko.po")
    for e in po:
        if e.msgctxt == f"{PUT} /summary":
            e.msgstr = "대화 변수 업데이트"
    po.save()
    assert run("translations", "import", "po") == 0
    assert run("translations", "export", "--out", "po") == 0
    capsys.readouterr()
    return tmp_path


def edit(path: Path, context: str, msgstr: str) -> int:
    """Set one entry's msgstr; its line number in the file."""
    po = polib.pofile(str(path))
    (found,) = [e for e in po if e.msgctxt == context]
    found.msgstr = msgstr
    po.save()
    (line,) = [e.linenum for e in polib.pofile(str(path)) if e.msgctxt == context]
    return int(line)


def refused(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Import, which must exit 2 and leave the overlays as they were; what it printed."""
    overlays = root / "specs" / "seeds" / "overlays"
    before = tree(overlays)
    assert run("translations", "import", "po") == 2
    assert tree(overlays) == before
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def test_syntax_error(exported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = exported / "po" / "t" / "ko.po"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index('msgstr "대화 변수 업데이트"')
    lines[at] = 'msgstr "unterminated " quote"'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = refused(exported, capsys)
    assert err == (
        f"error: po/t/ko.po [locale ko]: invalid PO file (line {at + 1}): "
        "unescaped double quote found\n"
    )


def test_unknown_msgctxt(exported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = exported / "po" / "t" / "zh.po"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(f'"{PUT} /summary"', '"PUT /nowhere /summary"'),
        encoding="utf-8",
    )
    line = [
        e.linenum
        for e in polib.pofile(str(path))
        if e.msgctxt == "PUT /nowhere /summary"
    ][0]
    err = refused(exported, capsys)
    assert err == (
        f"error: po/t/zh.po [locale zh]: line {line}: msgctxt 'PUT /nowhere /summary' "
        "matches no piece of prose of the primary document\n"
    )


@pytest.mark.parametrize(
    "context, msgstr, lost",
    [
        (
            "document /servers/0/description",
            "기본 URL입니다.",
            "{api_base_url}",
        ),
        (
            f"{PUT} /description",
            "대화 변수의 값을 업데이트합니다.",
            "](" + LINK,
        ),
    ],
    ids=["placeholder", "markdown-link"],
)
def test_dropped_token(
    exported: Path,
    capsys: pytest.CaptureFixture[str],
    context: str,
    msgstr: str,
    lost: str,
) -> None:
    source = [e for e in polib.pofile("po/t/ko.po") if e.msgctxt == context][0].msgid
    assert lost in source
    line = edit(exported / "po" / "t" / "ko.po", context, msgstr)
    err = refused(exported, capsys)
    assert "error: po/t/ko.po [locale ko] at /" in err
    assert f": line {line}: msgctxt {context!r}: the translation drops " in err
    assert lost in err and err.count("\n") == 1


def test_changed_error_codes(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    context = f"{PUT} /responses/404/description"
    edit(exported / "po" / "t" / "ko.po", context, "찾을 수 없습니다 `not_found`")
    err = refused(exported, capsys)
    assert "the translation changes the documented error codes" in err


def test_bad_overlay(exported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An overlay action that would change structure stops generate (exit 2)."""
    overlay = exported / "specs" / "seeds" / "overlays" / "ko.overlay.yaml"
    text = overlay.read_text(encoding="utf-8")
    assert "    summary: 대화 변수 업데이트" in text
    overlay.write_text(
        text.replace("    summary: 대화 변수 업데이트", "    operationId: renamed"),
        encoding="utf-8",
    )
    assert run("generate") == 2
    assert capsys.readouterr().err == (
        "error: specs/seeds/overlays/ko.overlay.yaml [locale ko] at /actions/0: action 0: "
        "only prose may change: 'operationId' of a operation is not prose (allowed: "
        "summary, description)\n"
    )
    assert not (exported / "generated").exists()
    overlay.write_text(
        text.replace(
            "['put']\n  update:\n    summary: 대화 변수 업데이트",
            "['put']['responses']\n  update:\n    description: x",
        ),
        encoding="utf-8",
    )
    assert run("generate") == 2
    assert "is not an object that carries prose" in capsys.readouterr().err


def test_overlays_are_not_specs(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An overlay is never read as an OpenAPI document, even one with an openapi key."""
    overlay = exported / "specs" / "seeds" / "overlays" / "ko.overlay.yaml"
    overlay.write_text(
        "openapi: 3.0.1\n" + overlay.read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert run("generate") == 0
    assert sorted(p.name for p in (exported / "generated" / "t").iterdir()) == [
        ".generator-manifest.json",
        "en",
        "ja",
        "ko",
        "mkdocs.yml",  # the reference site, beside the locale folders
        "overrides",
        "reference",
        "zh",
    ]


def test_action_whose_source_is_gone(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A translation of a text the primary no longer has: not applied, reported stale."""
    page = exported / "specs" / "seeds" / "001_0d4e3677f7e41009.txt"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("      summary: Update Conversation Variable\n", ""),
        encoding="utf-8",
    )
    assert run("generate") == 0
    code = (exported / "generated" / "t" / "ko" / "dify_chatflow" / "resources").glob(
        "*.py"
    )
    assert not any("대화 변수 업데이트" in p.read_text(encoding="utf-8") for p in code)
    capsys.readouterr()
    assert run("drift", "--strict") == 1
    out = capsys.readouterr().out
    assert (
        f"  [ko] {PUT} /summary: source is gone (specs/seeds/overlays/ko.overlay.yaml)"
        in out
    )
    assert "translations [ko]: 0 translated, 60 untranslated, 1 stale" in out


def test_overlay_not_named_after_a_locale(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    overlays = exported / "specs" / "seeds" / "overlays"
    (overlays / "ko.overlay.yaml").rename(overlays / "notes.overlay.yaml")
    assert run("generate") == 2
    assert capsys.readouterr().err == (
        "error: specs/seeds/overlays/notes.overlay.yaml: an overlay must be named "
        "<locale>.overlay.yaml (en, zh-Hans, ja-JP)\n"
    )
