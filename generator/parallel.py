"""Spread CPU-bound work (black, spec validation) over the machine's cores.

Results come back in input order, so output stays deterministic. Work runs in forked
worker processes where the platform has fork (the parent's imports are inherited); small
batches and single-core machines run in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def workers() -> int:
    configured = os.environ.get("POLYGLOT_GENERATOR_JOBS")
    if configured and configured.isdigit():
        return max(1, int(configured))
    return (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else (os.cpu_count() or 1)
    )


def parallel_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    min_items: int = 2,
    first_here: bool = False,
    share_here: bool = False,
) -> list[R]:
    """``[fn(item) for item in items]`` on the cores. ``first_here``: the first item
    (the longest, say) runs in this process while the workers take the others.
    ``share_here``: this process takes one core's share of the items, the first ones,
    while one worker per other core takes the rest (for items alike: a fork, and
    sending a result back, cost more than a core of this process waiting idle)."""
    cores = workers()
    jobs = min(cores, len(items))
    if (
        jobs < 2
        or len(items) < min_items
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return [fn(item) for item in items]
    context = multiprocessing.get_context("fork")
    here = -(-len(items) // jobs) if share_here else int(first_here)
    rest = items[here:]
    jobs = min(cores - 1 if here else cores, len(rest))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        chunk = max(1, len(rest) // (jobs * 4))
        mapped = pool.map(fn, rest, chunksize=chunk)
        done = [fn(item) for item in items[:here]]
        return done + list(mapped)
