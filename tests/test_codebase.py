"""The generator's own structure: small modules, no import cycles, clean generated code."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from generator import resources

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """generator modules a module imports, at any depth (function-level imports too)."""
    found = set()
    package = _module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1]
                    + ([base] if base else [])
                )
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {name for name in found if name in modules}


def _graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    modules = set(paths)
    graph = {}
    for name, path in paths.items():
        # importing a.b.c imports the packages a and a.b first; they import nothing heavy
        graph[name] = {m for m in _imports(path, modules) if m != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_module_exceeds_the_size_limit() -> None:
    sizes = {
        p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
        for p in PACKAGE.rglob("*.py")
    }
    assert len(sizes) > 30
    too_long = {path: n for path, n in sizes.items() if n > MAX_LINES}
    assert not too_long, too_long


def test_no_import_cycle_in_the_generator() -> None:
    graph = _graph()
    assert "generator.pipeline" in graph["generator.cli"] or any(
        "generator.pipeline" in deps for deps in graph.values()
    )
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_stages_are_subpackages() -> None:
    for stage in ("ingest", "merge", "build", "render", "output"):
        assert (PACKAGE / stage / "__init__.py").is_file(), stage


def test_fingerprint_covers_every_generator_and_template_file() -> None:
    covered = set(resources.own_files())
    for path in [*PACKAGE.rglob("*.py"), *(ROOT / "templates").rglob("*")]:
        if path.is_file() and "__pycache__" not in path.parts:
            assert path.resolve() in covered, path


def test_generated_code_passes_ruff_pyflakes_and_import_order() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--select", "F,I", "--no-cache"]
        + ["generated", "--output-format", "concise"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _runtime_classes(module: str) -> set[str]:
    tree = ast.parse((resources.runtime() / module).read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.ClassDef)}


def test_error_classes_are_the_runtimes() -> None:
    from generator.conventions import ALL_ERRORS, ERROR_CLASSES

    defined = {c for c in _runtime_classes("_exceptions.py") if c.endswith("Error")}
    assert set(ALL_ERRORS) == defined
    assert set(ERROR_CLASSES.values()) < defined


def test_sentinel_names_are_the_runtimes() -> None:
    from generator.conventions import SENTINEL_NAMES

    tree = ast.parse((resources.runtime() / "_types.py").read_text(encoding="utf-8"))
    assigned = {
        t.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name)
    }
    assert SENTINEL_NAMES <= assigned | _runtime_classes("_types.py")
