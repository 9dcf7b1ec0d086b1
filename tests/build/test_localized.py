"""Every distribution speaks its locale; code other than docstrings is identical across locales."""

from __future__ import annotations

import ast
import io
import pydoc
import re
from collections.abc import Callable, Iterator
from contextlib import redirect_stdout
from types import ModuleType

import pytest

from generator.build.docstrings import CLOSING, width
from generator.conventions import LINE_LENGTH
from tests.golden import generated_files
from tests.packages import PackageImports
from tests.paths import GENERATED

TARGETS = ("conversation-variables", "chatflow")
LOCALES = ("en", "zh", "ja")


def _strip_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            node.body = [  # type: ignore[attr-defined]
                stmt
                for stmt in body
                if not (
                    isinstance(stmt, ast.Expr)
                    and isinstance(stmt.value, ast.Constant)
                    and isinstance(stmt.value.value, str)
                )
            ] or [ast.Pass()]
    return tree


@pytest.mark.parametrize("target", TARGETS)
def test_code_is_identical_across_locales_except_docstrings(target: str) -> None:
    files = generated_files(GENERATED / target, ".py")  # not what pip install leaves
    base = GENERATED / target / "en"
    modules = sorted(p.relative_to(base) for p in files if p.is_relative_to(base))
    assert modules
    for locale in LOCALES[1:]:
        other = GENERATED / target / locale
        found = sorted(p.relative_to(other) for p in files if p.is_relative_to(other))
        assert found == modules
        for rel in modules:
            a = ast.dump(
                _strip_docstrings(ast.parse((base / rel).read_text(encoding="utf-8")))
            )
            b = ast.dump(
                _strip_docstrings(ast.parse((other / rel).read_text(encoding="utf-8")))
            )
            assert a == b, f"{target}/{locale}/{rel} differs from en beyond docstrings"


def _docstring_nodes(tree: ast.AST) -> Iterator[ast.Constant]:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            for stmt in body:
                if (
                    isinstance(stmt, ast.Expr)
                    and isinstance(stmt.value, ast.Constant)
                    and isinstance(stmt.value.value, str)
                ):
                    yield stmt.value


def _breakable(line: str) -> bool:
    """Whether a line has a place where it could have been broken."""
    inner = re.sub(r"`[^`]*`|\]\([^)\s]*\)", "x", line.strip())
    return " " in inner or any(width(ch) == 2 for ch in inner[1:])


def test_docstring_layout_width_and_punctuation() -> None:
    checked = 0
    for path in sorted(
        p for out in sorted(GENERATED.iterdir()) for p in generated_files(out, ".py")
    ):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in _docstring_nodes(ast.parse(source)):
            assert node.end_lineno is not None
            for number in range(node.lineno, node.end_lineno + 1):
                line = lines[number - 1]
                checked += 1
                if width(line) > LINE_LENGTH:
                    assert not _breakable(
                        line.replace('"""', "")
                    ) or line.strip().startswith(
                        "|"
                    ), f"{path}:{number}: {width(line)} columns"
                stripped = line.strip().lstrip('"')
                assert not (
                    stripped and stripped[0] in CLOSING and stripped[0] not in ".)"
                ), f"{path}:{number}: starts with {stripped[0]!r}"
    assert checked > 5000


@pytest.fixture()
def load_locale(generated_package: PackageImports) -> Callable[[str, str], ModuleType]:
    def load(target: str, locale: str) -> ModuleType:
        return generated_package(
            GENERATED / target / locale, "dify_chatflow.resources.conversations"
        )

    return load


def _doc(module: ModuleType, method: str) -> str:
    doc = getattr(module.ConversationsVariables, method).__doc__
    assert doc
    return str(doc)


def test_seed_docstrings_in_every_locale(
    load_locale: Callable[[str, str], ModuleType],
) -> None:
    en = load_locale("conversation-variables", "en")
    update, listing = _doc(en, "update"), _doc(en, "list")
    assert update.startswith("Update Conversation Variable")
    assert "Update the value of a specific conversation variable." in update
    assert listing.startswith("List Conversation Variables")
    for doc in (update, listing):
        assert "Args:" in doc and "Returns:" in doc and "Raises:" in doc
    assert "NotFoundError: `not_found`: Conversation variable does not exist." in update
    assert "BadRequestError: `bad_request`: Variable value type mismatch." in update

    ja = load_locale("conversation-variables", "ja")
    update = _doc(ja, "update")
    assert update.startswith("会話変数を更新")
    assert "特定の会話変数の値を更新します" in update
    assert "conversation_id: 会話 ID。" in update
    assert _doc(ja, "list").startswith("会話変数の取得")

    zh = load_locale("conversation-variables", "zh")
    assert _doc(zh, "update").startswith("更新对话变量")
    assert "更新特定会话变量的值" in _doc(zh, "update")
    # no zh page for the list operation: the English text, recorded as a fallback by drift
    assert _doc(zh, "list").startswith("List Conversation Variables")
    assert "Retrieve variables from a specific conversation." in _doc(zh, "list")


def test_help_prints_the_locale_text(
    load_locale: Callable[[str, str], ModuleType],
) -> None:
    zh = load_locale("chatflow", "zh")
    out = io.StringIO()
    with redirect_stdout(out):
        pydoc.help(zh.ConversationsVariables.update)
    assert "更新对话变量" in out.getvalue()
