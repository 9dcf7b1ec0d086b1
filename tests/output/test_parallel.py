"""``parallel_map``: results in input order, wherever each item ran; ``first_here`` runs
the first item in this process."""

from __future__ import annotations

import os

import pytest

from generator.parallel import parallel_map


def _where(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


def test_first_here_and_all_in_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLYGLOT_GENERATOR_JOBS", "2")
    first = parallel_map(_where, [1, 2, 3], first_here=True)
    assert [v for v, _ in first] == [1, 4, 9]
    assert [pid == os.getpid() for _, pid in first] == [True, False, False]
    spread = parallel_map(_where, [1, 2, 3])
    assert [v for v, _ in spread] == [1, 4, 9]
    assert not any(pid == os.getpid() for _, pid in spread)


def test_one_core_runs_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLYGLOT_GENERATOR_JOBS", "1")
    found = parallel_map(_where, [1, 2, 3], first_here=True)
    assert found == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]
