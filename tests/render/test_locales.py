"""Locales render on the cores: the workers are forked once the shape is built, get the
laid-out code when it is ready, and send back their locales; a worker that dies leaves
its locales to this process, and a run that fails stops the workers."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from generator.render import locales
from tests.output.test_pipeline import gen, tree


@pytest.mark.parametrize("cores", [1, 2, 3, 4])
@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 5, 8, 11])
def test_shares_give_every_locale_once_in_order(cores: int, count: int) -> None:
    names = [f"l{i}" for i in range(count)]
    here, groups = locales.shares(names, cores)
    assert here + [n for g in groups for n in g] == names
    assert len(groups) <= max(0, cores - 1)
    assert all(groups) and (len(groups) == 0) == (cores < 2 or count == 0)
    if groups:  # the workers' shares differ by one at most
        assert max(map(len, groups)) - min(map(len, groups)) <= 1


def test_two_cores_this_process_takes_what_the_primary_leaves() -> None:
    """The primary locale and the code's layout are about two locales' worth here."""
    names = [f"l{i}" for i in range(10)]
    assert locales.shares(names[:2], 2) == ([], [names[:2]])
    assert locales.shares(names[:4], 2) == (names[:1], [names[1:4]])
    assert locales.shares(names, 2) == (names[:4], [names[4:]])


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

    monkeypatch.setattr(locales, "start", start)
    monkeypatch.setattr(locales, "_serve", lambda *a: os._exit(3))
    assert gen(tmp_path / "died") == 0
    assert pids, "no worker was forked"
    assert tree(tmp_path / "died") == tree(tmp_path / "normal")


def test_a_failed_run_stops_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.output import format as formatting

    monkeypatch.setenv("POLYGLOT_GENERATOR_JOBS", "2")
    forked: list[locales.Locales] = []
    real_start = locales.start

    def start(*args: object, **kwargs: object) -> locales.Locales:
        forked.append(real_start(*args, **kwargs))  # type: ignore[arg-type]
        return forked[-1]

    def broken(files: object) -> object:
        raise RuntimeError("layout failed")

    monkeypatch.setattr(locales, "start", start)
    monkeypatch.setattr(formatting, "format_files", broken)
    with pytest.raises(RuntimeError, match="layout failed"):
        gen(tmp_path / "out")
    assert forked and not forked[0].workers
    assert not [p for p in multiprocessing.active_children() if p.daemon]
    assert locales._JOB is None
