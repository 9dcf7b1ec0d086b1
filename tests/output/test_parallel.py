"""``parallel_map``: results in input order, wherever each item ran; ``share_here``
runs one core's share of the items (the first ones) in this process."""

from __future__ import annotations

import os

import pytest

from generator.parallel import parallel_map


def _where(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


@pytest.mark.parametrize("count", [1, 2, 3, 4, 7])
def test_share_here_runs_the_first_share_here_and_keeps_the_order(
    count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLYGLOT_GENERATOR_JOBS", "2")
    found = parallel_map(_where, list(range(count)), share_here=True)
    assert [value for value, _ in found] == [i * i for i in range(count)]
    here = [i for i, (_, pid) in enumerate(found) if pid == os.getpid()]
    share = -(-count // 2) if count >= 2 else count
    assert here == list(range(share))


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
    found = parallel_map(_where, [1, 2, 3], share_here=True)
    assert found == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]
