"""Locales render on the cores: the workers are forked once the primary locale's view and
docs are made, take locales one at a time (as this process does), get the laid-out code
when it is ready, and send back their locales; a worker that dies leaves the locales it
took to this process, and a run that fails stops the workers."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from generator.render import locales
from tests.output.test_pipeline import gen, tree


@pytest.mark.parametrize("count", [0, 1, 2, 5, 40])
def test_claims_unshared_give_every_locale_once_in_order(count: int) -> None:
    names = tuple(f"l{i}" for i in range(count))
    claims = locales.Claims(names, shared=False)
    assert list(iter(claims.next, None)) == list(names)
    assert claims.next() is None


@pytest.mark.parametrize("takers", [1, 2, 3])
@pytest.mark.parametrize("count", [0, 1, 4, 300, locales.Claims.MOST_SHARED])
def test_claims_shared_by_processes_give_every_locale_once(
    takers: int, count: int
) -> None:
    """Forked processes and this one take locales at once: each exactly once."""
    names = tuple(f"l{i}" for i in range(count))
    claims = locales.Claims(names, shared=True)
    context = multiprocessing.get_context("fork")
    results = context.SimpleQueue()

    def take() -> None:
        results.put([name for name in iter(claims.next, None)])

    children = [context.Process(target=take) for _ in range(takers)]
    for child in children:
        child.start()
    mine = list(iter(claims.next, None))
    taken = [results.get() for _ in children]
    for child in children:
        child.join()
        assert child.exitcode == 0
    claims.close()
    every = mine + [name for got in taken for name in got]
    assert sorted(every) == sorted(names)
    for got in [mine, *taken]:  # each process takes them in order
        assert got == sorted(got, key=names.index)


def test_a_worker_that_dies_leaves_its_locales_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLYGLOT_GENERATOR_JOBS", "2")
    assert gen(tmp_path / "normal") == 0
    pids: list[int] = []
    real_start = locales.start

    def start(*args: object, **kwargs: object) -> locales.Locales:
        found = real_start(*args, **kwargs)  # type: ignore[arg-type]
        pids.extend(w.process.pid for w in found.workers if w.process)  # type: ignore[misc]
        return found

    def serve(claims: locales.Claims, conn: object) -> None:
        taken = claims.next()  # then dies with it
        (tmp_path / "taken").write_text(str(taken), encoding="utf-8")
        os._exit(3)

    monkeypatch.setattr(locales, "start", start)
    monkeypatch.setattr(locales, "_serve", serve)
    assert gen(tmp_path / "died") == 0
    assert pids, "no worker was forked"
    assert (tmp_path / "taken").read_text(encoding="utf-8") in ("ja", "zh")
    assert tree(tmp_path / "died") == tree(tmp_path / "normal")


def test_a_failed_run_stops_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.output import format as formatting

    monkeypatch.setenv("POLYGLOT_GENERATOR_JOBS", "2")
    forked: list[locales.Locales] = []
    processes: list[multiprocessing.process.BaseProcess] = []
    real_start = locales.start

    def start(*args: object, **kwargs: object) -> locales.Locales:
        forked.append(real_start(*args, **kwargs))  # type: ignore[arg-type]
        processes.extend(w.process for w in forked[-1].workers if w.process)
        return forked[-1]

    def broken(files: object) -> object:
        raise RuntimeError("layout failed")

    monkeypatch.setattr(locales, "start", start)
    monkeypatch.setattr(formatting, "format_files", broken)
    with pytest.raises(RuntimeError, match="layout failed"):
        gen(tmp_path / "out")
    assert forked and not forked[0].workers
    assert processes and not [p for p in processes if p.is_alive()]
    assert locales._JOB is None
