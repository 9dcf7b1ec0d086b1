"""Locales written ahead on a thread of their own: creating a locale's 320 files waits on
the file system (on ext4, 20 to 100 ms for Twilio's), so the process that rendered it goes
on to its next locale meanwhile; the files are sealed for the cache there too (hashing and
compressing release the GIL).

One thread per process (a forked worker makes its own), taking the locales in order.
``settle`` gives a locale's seal once its files are written, and raises what writing
raised; ``drain`` waits for every locale still being written (before a failed run's
staging folder is thrown away).
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from generator.output.cache import Sealed, seal

if TYPE_CHECKING:
    from generator.output.staging import Ahead

_POOL: tuple[int, ThreadPoolExecutor] | None = None


def write(ahead: Ahead, data: dict[str, dict[str, bytes]]) -> Future[Sealed]:
    """Write ``data`` (files' bytes by tree and path) into ``ahead``'s staging folder
    and seal it, on this process's writing thread."""
    global _POOL
    if _POOL is None or _POOL[0] != os.getpid():
        _POOL = (os.getpid(), ThreadPoolExecutor(1, thread_name_prefix="ahead"))
    return _POOL[1].submit(_written, ahead, data)


def _written(ahead: Ahead, data: dict[str, dict[str, bytes]]) -> Sealed:
    ahead.write(data)
    return seal(data)


def settle(sealed: Sealed | Future[Sealed] | None) -> Sealed | None:
    """A locale's seal, its files written (what writing raised, raised here)."""
    return sealed.result() if isinstance(sealed, Future) else sealed


def drain() -> None:
    """Wait until nothing is being written by this process."""
    global _POOL
    if _POOL is not None and _POOL[0] == os.getpid():
        _POOL[1].shutdown(wait=True)
        _POOL = None
