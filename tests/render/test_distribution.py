"""Each locale is its own distribution: the same import package, its own distribution name
(the primary locale's as configured, the others with the locale appended), and the install
command the README and the docs show works from where it says."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from generator.conventions import distribution_name
from tests.paths import GENERATED, ROOT

TREES = sorted(p.parent for p in GENERATED.glob("*/*/pyproject.toml"))


def test_distribution_names() -> None:
    assert distribution_name("dify_chatflow", "en", "en") == "dify-chatflow"
    assert distribution_name("dify_chatflow", "zh", "en") == "dify-chatflow-zh"
    assert (
        distribution_name("dify_chatflow", "zh-Hans", "en") == "dify-chatflow-zh-hans"
    )
    # a locale is text from a folder name: only letters, digits and dashes get through
    assert distribution_name("p", "ja; rm -rf /", "en") == "p-ja-rm-rf"


@pytest.mark.parametrize("tree", TREES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_generated_distribution(tree: Path) -> None:
    locale = tree.name
    meta = tomllib.loads((tree / "pyproject.toml").read_text(encoding="utf-8"))
    package = meta["tool"]["setuptools"]["packages"][0]
    expected = package.replace("_", "-") + ("" if locale == "en" else f"-{locale}")
    assert meta["project"]["name"] == expected
    for page in ("README.md", "docs/index.md"):
        text = (tree / page).read_text(encoding="utf-8")
        (path,) = re.findall(r"^pip install (\S+)$", text, re.M)
        # generated/ is written from the repository root: the path is relative to it
        assert (ROOT / path).resolve() == tree.resolve()
        assert f"`{expected}`" in text and f"`pip install {expected}`" in text
