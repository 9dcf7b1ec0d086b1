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
) -> list[R]:
    """``[fn(item) for item in items]`` on the cores. ``first_here``: the first item
    (the longest, say) runs in this process while the workers take the others."""
    jobs = min(workers(), len(items))
    if (
        jobs < 2
        or len(items) < min_items
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return [fn(item) for item in items]
    context = multiprocessing.get_context("fork")
    rest = items[1:] if first_here else items
    jobs = min(jobs - first_here, len(rest))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        chunk = max(1, len(rest) // (jobs * 4))
        mapped = pool.map(fn, rest, chunksize=chunk)
        here = [fn(items[0])] if first_here else []
        return here + list(mapped)
