"""The ``generated_package`` fixture: same-named packages of two distributions never clash."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.packages import PackageImports, only_package
from tests.paths import GENERATED

CHATFLOW = GENERATED / "chatflow" / "en"
SEEDS = GENERATED / "conversation-variables" / "en"


def _loaded(top: str) -> set[str]:
    return {n for n in sys.modules if n == top or n.startswith(top + ".")}


def test_two_distributions_of_one_package_name(
    generated_package: PackageImports,
) -> None:
    full = generated_package(CHATFLOW)
    assert full.__name__ == "dify_chatflow"
    assert Path(full.__file__ or "").resolve().is_relative_to(CHATFLOW.resolve())
    assert hasattr(full.Client, "chat_messages")
    seeds = generated_package(SEEDS)
    assert seeds.__name__ == "dify_chatflow" and seeds is not full
    assert Path(seeds.__file__ or "").resolve().is_relative_to(SEEDS.resolve())
    assert not hasattr(seeds.Client, "chat_messages")
    assert hasattr(seeds.Client, "conversations")
    # every loaded module is the second distribution's, none is left from the first
    for name in _loaded("dify_chatflow"):
        path = getattr(sys.modules[name], "__file__", None)
        assert path is None or Path(path).resolve().is_relative_to(SEEDS.resolve())
    assert str(CHATFLOW.resolve()) not in sys.path


def test_a_submodule_by_dotted_name(generated_package: PackageImports) -> None:
    module = generated_package(SEEDS, "dify_chatflow.resources.conversations")
    assert module.__name__ == "dify_chatflow.resources.conversations"
    assert hasattr(module, "ConversationsVariables")


def test_everything_is_undone_and_what_was_there_comes_back() -> None:
    before = {n: sys.modules[n] for n in _loaded("dify_chatflow")}
    path_before = list(sys.path)
    with PackageImports() as imports:
        imports(CHATFLOW)
        assert _loaded("dify_chatflow")
    assert {n: sys.modules[n] for n in _loaded("dify_chatflow")} == before
    assert sys.path == path_before


def test_a_folder_without_the_package_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="expected one package"):
        only_package(tmp_path)
    with PackageImports() as imports, pytest.raises(AssertionError, match="no package"):
        imports(tmp_path, "dify_chatflow")
    assert only_package(CHATFLOW) == "dify_chatflow"
