"""Runtime cases: tests/cases/<name>/ with ``specs/`` and ``check.py`` (see its README).

Each case's client is generated (every locale), must compile, pass ``ruff check --select
F,I`` and ``black --check``, and (all cases in one run) ``mypy --strict``. Then
``check.check(types, client, server)`` (``types``: the package's models module) runs the generated sync client against a loopback
server that answers with the spec's examples and checks every request against the spec;
a request the spec does not describe fails the case. A case with an ``XFAIL`` file is a
known failure (strict: it must fail, and the file says why); it is left out of the mypy run.
"""

from __future__ import annotations

import asyncio
import importlib.util
import inspect
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from generator.cli import main
from tests.e2e.spec_server import METHODS, serve
from tests.e2e.test_cases import case_documents, extra_args
from tests.e2e.walk import (
    assert_file_names_unique_ignoring_case,
    stream_twins,
    walk,
)
from tests.packages import PackageImports
from tests.paths import CASES

RUNTIME_CASES = sorted(p.name for p in CASES.iterdir() if (p / "check.py").is_file())


def _xfail(case: str) -> str | None:
    """The reason a case is a known failure (its XFAIL file), or None."""
    path = CASES / case / "XFAIL"
    return path.read_text(encoding="utf-8").strip() if path.is_file() else None


PARAMS = [
    pytest.param(
        case,
        marks=(
            [pytest.mark.xfail(strict=True, reason=reason)]
            if (reason := _xfail(case))
            else []
        ),
    )
    for case in RUNTIME_CASES
]


def package_name(case: str) -> str:
    return case.replace("-", "_")


def primary_spec(case: str) -> dict[str, object]:
    """The case's English document as the generator reads it (other files bundled in,
    locales told apart as the case's flags say)."""
    _, docs = case_documents(CASES / case)
    (document,) = [doc.document for doc in docs if doc.locale == "en"]
    return document


def _options(case: str, client_class: type) -> dict[str, object]:
    """The case's CLIENT_OPTIONS, else an API key when the client takes one."""
    options: dict[str, object] | None = getattr(
        _check_module(case), "CLIENT_OPTIONS", None
    )
    if options is None:
        takes = inspect.signature(client_class).parameters
        options = {"api_key": "k"} if "api_key" in takes else {}
    return options


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("runtime-cases")
    out = {}
    for case in RUNTIME_CASES:
        code = main(
            [
                *("generate", "--no-cache", "--specs", str(CASES / case / "specs")),
                *extra_args(case),
                *("--package", package_name(case), "--out", str(root / case)),
            ]
        )
        assert code == 0, case
        out[case] = root / case
    return out


def _check_module(case: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        f"case_check_{package_name(case)}", CASES / case / "check.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_there_are_runtime_cases() -> None:
    assert len(RUNTIME_CASES) >= 12


def test_generated_code_is_clean(built: dict[str, Path]) -> None:
    folders = [str(f) for f in built.values()]
    ruff = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--select", "F,I", "--no-cache"]
        + ["--output-format", "concise", *folders],
        capture_output=True,
        text=True,
    )
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr
    black = subprocess.run(
        [sys.executable, "-m", "black", "--check", "-q", *folders],
        capture_output=True,
        text=True,
    )
    assert black.returncode == 0, black.stdout + black.stderr
    for folder in built.values():
        for path in folder.rglob("*.py"):
            compile(path.read_text(encoding="utf-8"), str(path), "exec")


def test_generated_code_passes_mypy_strict(built: dict[str, Path]) -> None:
    # one run over every case (English; the code is the same in every locale) but the
    # known failures, whose XFAIL says what is wrong), with each case's usage.py: code
    # using the client, whose ``type: ignore[code]`` lines must each be needed (strict
    # warns about unused ones), so it checks what the types reject as well as accept
    cases = [case for case in RUNTIME_CASES if _xfail(case) is None]
    paths = [str(built[case] / "en") for case in cases]
    packages = [arg for case in cases for arg in ("-p", package_name(case))]
    usage = built[RUNTIME_CASES[0]].parent / "usage"
    usage.mkdir(exist_ok=True)
    for case in cases:
        if (CASES / case / "usage.py").is_file():
            text = (CASES / case / "usage.py").read_text(encoding="utf-8")
            (usage / f"usage_{package_name(case)}.py").write_text(
                text, encoding="utf-8"
            )
    snippets = [arg for p in sorted(usage.glob("usage_*.py")) for arg in ("-m", p.stem)]
    assert snippets, "no case has a usage.py"
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *packages]
        + snippets,
        env={"MYPYPATH": ":".join([*paths, str(usage)]), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=built[RUNTIME_CASES[0]].parent,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("case", PARAMS)
def test_runtime_case(
    case: str, built: dict[str, Path], generated_package: PackageImports
) -> None:
    package = generated_package(built[case] / "en", package_name(case))
    models = importlib.import_module(f"{package.__name__}.types")
    check = _check_module(case)
    spec = primary_spec(case)
    with serve(spec) as server:
        options = _options(case, package.Client)
        client = package.Client(base_url=server.base_url, max_retries=0, **options)
        with client:
            check.check(models, client, server)
        assert server.problems == []
        # a document without operations (only webhooks) has nothing to call
        assert server.requests or not spec.get("paths"), "the check made no request"


def _operation_count(spec: dict[str, object]) -> int:
    paths = spec.get("paths") or {}
    assert isinstance(paths, dict)
    fixed = sum(1 for item in paths.values() for method in item if method in METHODS)
    extra = sum(len(item.get("additionalOperations") or {}) for item in paths.values())
    return fixed + extra


@pytest.mark.parametrize("case", RUNTIME_CASES)
def test_every_name_of_the_client_works(
    case: str, built: dict[str, Path], generated_package: PackageImports
) -> None:
    # every resource attribute is a resource, every method callable, nothing shadowed,
    # and as many methods as operations (plus each <verb>_stream twin), sync and async
    for locale in built[case].iterdir():
        if locale.is_dir():
            assert_file_names_unique_ignoring_case(locale)
    package = generated_package(built[case] / "en", package_name(case))
    resource = importlib.import_module(f"{package.__name__}._resource")
    operations = _operation_count(primary_spec(case))
    for client_class, base, is_async in (
        (package.Client, resource.SyncAPIResource, False),
        (package.AsyncClient, resource.AsyncAPIResource, True),
    ):
        client = client_class(
            base_url="http://127.0.0.1:9", **_options(case, client_class)
        )
        try:
            methods = walk(client, base, is_async)
        finally:
            asyncio.run(client.aclose()) if is_async else client.close()
        assert len(methods) - len(stream_twins(methods)) == operations, methods
