"""The case corpus: every folder in tests/cases is one run of the generator (see its README).

Each case is ``tests/cases/<name>/specs/...`` and what is expected of
``python -m generator generate --specs tests/cases/<name>/specs --package client
--out tests/cases/<name>/golden``: either ``problems.txt`` (exactly the lines printed on
stderr; exit status 2; nothing written) or ``golden/`` (the output folder, compared as
``check`` compares). The run happens in a temporary folder holding a copy of the case at the
same relative path, so printed paths read ``tests/cases/<name>/specs/...`` and the
repository is never written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import _parser, select_targets
from generator.config import Config, Target
from generator.ingest.load import LocaleDocument, load
from tests.golden import golden_diff, read_tree
from tests.paths import CASES, ROOT

ALL = sorted(p.name for p in CASES.iterdir() if p.is_dir())
# runtime cases (check.py) run in tests/e2e/test_client_cases.py
NAMES = [n for n in ALL if not (CASES / n / "check.py").is_file()]


def extra_args(name: str) -> list[str]:
    """The flags a case adds to the command (its ``args.txt``), if any."""
    path = CASES / name / "args.txt"
    return path.read_text(encoding="utf-8").split() if path.is_file() else []


# the cases whose input is valid (the others stop at loading or validation)
VALID_CASES = sorted(
    p
    for p in CASES.iterdir()
    if (p / "specs").is_dir() and not (p / "problems.txt").exists()
)


def case_documents(case: Path) -> tuple[Target, list[LocaleDocument]]:
    """The target a case's command makes (its specs, with the flags of its args.txt),
    and its documents as loaded."""
    args = _parser().parse_args(
        ["generate", "--specs", str(case / "specs"), *extra_args(case.name)]
    )
    (target,) = select_targets(args, Config(()))
    documents = load(
        list(target.specs), target.locale, target.primary, dict(target.locale_aliases)
    )
    return target, documents


def command(name: str) -> list[str]:
    case = f"tests/cases/{name}"
    return [
        *("python", "-m", "generator", "generate", "--specs", f"{case}/specs"),
        *extra_args(name),
        *("--package", "client", "--out", f"{case}/golden"),
    ]


def run_case(name: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the case's command in ``cwd``, on a copy of its specs, with this checkout's
    generator and no cache."""
    shutil.copytree(CASES / name / "specs", cwd / "tests" / "cases" / name / "specs")
    env = {**os.environ, "POLYGLOT_GENERATOR_CACHE": ""}
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    return subprocess.run(
        [sys.executable, *command(name)[1:], "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_case_folder_is_a_case() -> None:
    assert len(NAMES) >= 14
    for name in ALL:
        folder = CASES / name
        assert (folder / "specs").is_dir(), f"{name}: no specs/ folder"
        expected = [
            (folder / "problems.txt").is_file(),
            (folder / "golden").is_dir(),
            (folder / "check.py").is_file(),
        ]
        assert (
            expected.count(True) == 1
        ), f"{name}: needs one of problems.txt, golden/, check.py"
    assert any((CASES / n / "golden").is_dir() for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_case(name: str, tmp_path: Path) -> None:
    folder = CASES / name
    if not (folder / "specs").is_dir():
        pytest.fail(f"{name}: no specs/ folder")
    result = run_case(name, tmp_path)
    copied = read_tree(tmp_path)
    if (folder / "problems.txt").is_file():
        expected = (folder / "problems.txt").read_text(encoding="utf-8").splitlines()
        assert result.returncode == 2, result.stdout + result.stderr
        assert result.stderr.splitlines() == expected, (
            f"stderr differs from tests/cases/{name}/problems.txt; if the new text is"
            f" right: {' '.join(command(name)[:-1])} /tmp/x"
            f" 2> tests/cases/{name}/problems.txt"
        )
        assert result.stdout == ""
        specs = read_tree(folder / "specs")
        assert copied == {f"tests/cases/{name}/specs/{p}": t for p, t in specs.items()}
        # not even an empty output folder is left behind
        assert not (tmp_path / "tests" / "cases" / name / "golden").exists()
    else:
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        out = tmp_path / "tests" / "cases" / name / "golden"
        diff = golden_diff(
            read_tree(out), folder / "golden", f"tests/cases/{name}/golden"
        )
        assert not diff, (
            diff.render(limit=40)
            + f"The golden tree is stale; update it with: {' '.join(command(name))}"
        )
