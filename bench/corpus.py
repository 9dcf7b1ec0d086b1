"""The runtime case corpus, side by side with openapi-python-client (not a timing).

    .venv/bin/python bench/corpus.py

For each runtime case (tests/cases/<name>/check.py): the operations in its English
document; this generator's exit status, methods and ``mypy --strict`` errors; the same for
openapi-python-client (OPC_VERSION, in bench/.venv-opc, made on demand). The runtime
checks themselves run in tests/e2e/test_client_cases.py. Prints a Markdown table.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from config import OPC_VERSION, PYTHON, ROOT
from harness import ensure_opc

CASES = ROOT / "tests" / "cases"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_ERRORS = re.compile(r"Found (\d+) errors?")


def main_document(case: Path) -> Path:
    """The case's primary document: under en/ if there is one, named openapi.* first."""
    docs = [
        p
        for p in sorted((case / "specs").rglob("*"))
        if p.suffix in (".yaml", ".yml", ".json") and ".overlay." not in p.name
    ]
    return min(
        docs, key=lambda p: ("en" not in p.parts, not p.stem.startswith("openapi"))
    )


def operations(case: Path) -> int:
    doc = main_document(case)
    loaded = yaml.safe_load(doc.read_text(encoding="utf-8"))
    paths = loaded.get("paths") or {}
    return sum(1 for item in paths.values() for m in item if m in METHODS)


def mypy_errors(folder: Path, package: str, python: str) -> str:
    result = subprocess.run(
        [python, "-m", "mypy", "--strict", "--no-incremental", "-p", package],
        cwd=folder,
        capture_output=True,
        text=True,
        env={"MYPYPATH": str(folder), "PATH": "/usr/bin:/bin"},
    )
    if result.returncode == 0:
        return "0"
    found = _ERRORS.search(result.stdout)
    return found.group(1) if found else "crash"


def methods(folder: Path) -> int:
    """Public methods of the generated sync resources (ours) or endpoint modules (opc)."""
    count = 0
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name.endswith("WithRawResponse"):
                continue
            if isinstance(node, ast.ClassDef) and not node.name.startswith("Async"):
                bases = {getattr(b, "id", "") for b in node.bases}
                if "SyncAPIResource" in bases:
                    count += sum(
                        isinstance(f, ast.FunctionDef)
                        and not f.name.startswith("_")
                        and not any(
                            getattr(d, "id", "") == "cached_property"
                            for d in f.decorator_list
                        )
                        for f in node.body
                    )
    return count


def _case_args(case: Path) -> list[str]:
    """The flags a case's args.txt adds (``--validation warn``, ``--locale-alias``)."""
    path = case / "args.txt"
    return path.read_text(encoding="utf-8").split() if path.is_file() else []


def ours(case: Path, tmp: Path) -> tuple[str, str, str]:
    package = case.name.replace("-", "_")
    out = tmp / f"ours-{case.name}"
    run = subprocess.run(
        [
            PYTHON,
            "-m",
            "generator",
            "generate",
            "--no-cache",
            "--specs",
            str(case / "specs"),
        ]
        + ["--package", package, "--out", str(out)]
        + _case_args(case),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        return f"exit {run.returncode}", "-", "-"
    folder = out / "en"
    return "ok", str(methods(folder / package)), mypy_errors(folder, package, PYTHON)


def opc(case: Path, tmp: Path, python: Path) -> tuple[str, str]:
    doc = main_document(case)
    out = tmp / f"opc-{case.name}"
    env_path = f"{python.parent}:/usr/bin:/bin"
    run = subprocess.run(
        [str(python), "-m", "openapi_python_client", "generate", "--path", str(doc)]
        + ["--meta", "none", "--output-path", str(out), "--overwrite"],
        capture_output=True,
        text=True,
        env={"PATH": env_path},
    )
    warned = "warnings" if "Warning" in run.stdout + run.stderr else ""
    if run.returncode != 0 or not (out / "__init__.py").exists():
        return f"exit {run.returncode}", "-"
    (tmp / "opcpkg").mkdir(exist_ok=True)
    target = tmp / "opcpkg" / case.name.replace("-", "_")
    out.rename(target)
    status = "ok" + (f" ({warned})" if warned else "")
    return status, mypy_errors(target.parent, target.name, PYTHON)


def main() -> int:
    python = ensure_opc()
    rows = [
        "| case | operations | ours: generated / methods / mypy errors "
        f"| openapi-python-client {OPC_VERSION}: generated / mypy errors |",
        "|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for case in sorted(p for p in CASES.iterdir() if (p / "check.py").is_file()):
            status, count, errors = ours(case, tmp)
            opc_status, opc_errors = opc(case, tmp, python)
            rows.append(
                f"| {case.name} | {operations(case)} | {status} / {count} / {errors} "
                f"| {opc_status} / {opc_errors} |"
            )
            print(rows[-1], file=sys.stderr, flush=True)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
