"""One benchmark run's state: its options, temporary folder, children's environment.

Bench collects the results (report.Results) and gives the measures what they share:
the environment with a bench-owned generator cache, the generator's command line,
cleaning up outputs, and guarded() to turn an expected failure into n/a rows.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from config import CACHE_VARIABLE, PYTHON
from harness import (
    MeasurementFailed,
    creation_probe,
    display,
    log,
    rel,
    spread_folders,
    write_floor,
)
from report import Results, Row


@dataclass
class Options:
    """The command line's settings (run.parse_options)."""

    repeat: int
    large_repeat: int
    import_repeat: int
    calls: int
    sizes: list[int]
    skip_opc: bool
    profile: bool
    quick: bool
    json: bool


# seconds per file above which creating files is slowed (seen here: 20-30 µs normally,
# 300-700 µs within minutes of a large deletion)
_SLOW_CREATION = 100e-6
_PROBE_FOLDERS = 6
_PROBE_EVERY = 15.0
_MOST_WAIT = 240.0


class Bench(Results):
    """A run in progress: collects rows, commands, notes and raw samples (Results) while
    the measures (measures_generator, measures_client) run their children through it."""

    def __init__(self, options: Options, tmp: Path) -> None:
        super().__init__()
        self.options = options
        self.tmp = tmp
        # Set by measure_generate_chatflow; measure_opc divides them by opc's time.
        self.generate_seconds: float | None = None
        self.generate_warm_seconds: float | None = None
        # Set by measure_generate_chatflow when openapi-python-client ran beside it.
        self.opc_seconds: float | None = None
        # Per output label: the seconds creating its files alone took (floors_of()), and
        # how many files that is.
        self.floors: dict[str, list[float]] = {}
        self.floor_files: dict[str, int] = {}
        # Children cache byte code under a temporary prefix: every timed run finds compiled
        # byte code (as an installed package would) and no __pycache__ lands in the repo.
        self.env = {
            k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"
        }
        self.env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        # Outputs are moved here, not deleted, until the run ends (see clean()).
        self.trash = tmp / "trash"
        self.trash.mkdir()
        if not spread_folders(tmp):
            self.notes.append(
                "chattr +T failed on the temporary folder: outputs share block groups"
                " with files deleted before the run (matters on ext4 without a journal)"
            )

    def command(self, key: str, command: Sequence[str]) -> None:
        self.commands[key] = display(command, self.tmp)

    def guarded(
        self,
        name: str,
        measure: Callable[[Bench], None],
        failed_rows: Sequence[Row] = (),
    ) -> None:
        """Run one measurement, ``measure(self)``; on an expected failure, add
        ``failed_rows`` (value n/a) with the reason as their note, and a note with the
        whole message."""
        log(f"{name} ...")
        try:
            measure(self)
        except (
            MeasurementFailed,
            OSError,
            subprocess.SubprocessError,
            ValueError,
            KeyError,
        ) as exc:
            reason = str(exc) or type(exc).__name__
            log(f"{name} failed: {reason}")
            self.notes.append(f"{name}: n/a - {reason}")
            for row in failed_rows:
                row.note = reason.splitlines()[0]
            self.add(*failed_rows)

    def cache_env(self, name: str | None) -> dict[str, str]:
        """Children's environment with the generator's cache in ``<tmp>/<name>`` (fresh
        unless used before), or turned off for None. The user's own cache is never used.
        """
        return {
            **self.env,
            CACHE_VARIABLE: "" if name is None else str(self.tmp / name),
        }

    def empty_cache_env(self, label: str) -> Callable[[int], dict[str, str]]:
        """A fresh, empty cache folder for every run: what a first run costs."""
        return lambda index: self.cache_env(f"cache-{label}-{index}")

    def generate_command(self, specs: Path, package: str, out: Path) -> list[str]:
        """``python -m generator generate`` from ``specs`` into ``out``."""
        return [
            PYTHON,
            "-m",
            "generator",
            "generate",
            "--specs",
            rel(specs),
            "--package",
            package,
            "--out",
            str(out),
        ]

    def keep_first(self, label: str) -> Callable[[int], None]:
        """After run ``i``: ``<tmp>/<label>-<i>`` goes, but for the first run's, which
        ``floors_of`` measures once the rounds are over (then it goes too)."""
        return lambda index: self.clean(f"{label}-{index}") if index else None

    def floors_of(self, labels: list[str]) -> None:
        """For each label, the seconds creating the files of ``<tmp>/<label>-0`` alone
        takes (harness.write_floor), ``--repeat`` times, the labels alternating; kept in
        ``floors[label]``. Measured after the timed rounds: its writes would slow them.
        """
        self.commands["write_floor"] = display(
            [PYTHON, "bench/floor.py", "<tmp>/<output>", "<tmp>/floor-copy"]
        )
        for _ in range(self.options.repeat):
            for label in labels:
                files, seconds = write_floor(
                    self.tmp / f"{label}-0", self.tmp / "floor-copy"
                )
                self.clean("floor-copy")
                self.floor_files[label] = files
                self.floors.setdefault(label, []).append(seconds)
        for label in labels:
            self.clean(f"{label}-0")

    def probe_disk(self) -> None:
        """Wait until creating files is as cheap as it gets here: files deleted on this
        file system in the last minutes (by whatever ran before: another run's clean-up,
        a test suite) make it slow, and every figure that writes files with it. Each
        probe creates 200 files in each of six new folders (each in a block group of its
        own, the files in folders two levels down, as in an output), every 15 s, for at
        most four minutes; the notes say how long it waited, or that it gave up."""
        start = time.perf_counter()
        probes = 0
        while True:
            folders = [f"probe-{probes}-{i}" for i in range(_PROBE_FOLDERS)]
            per_file = max(creation_probe(self.tmp / name, 200) for name in folders)
            for name in folders:
                self.clean(name)
            probes += 1
            waited = time.perf_counter() - start
            if per_file <= _SLOW_CREATION or waited >= _MOST_WAIT:
                break
            if probes == 1:
                log(
                    "creating files is slow (files deleted in the last minutes): waiting"
                )
            time.sleep(_PROBE_EVERY)
        self.details["creation_probe_us_per_file"] = round(per_file * 1e6, 1)
        self.details["creation_probe_waited_s"] = round(waited, 1)
        if per_file > _SLOW_CREATION:
            self.notes.append(
                f"creating a file took {per_file * 1e6:.0f} µs after waiting"
                f" {waited:.0f} s (over {_SLOW_CREATION * 1e6:.0f} µs: files were deleted"
                " on this file system in the last minutes, see bench/README.md): the"
                " figures that write files are high; run again in a few minutes"
            )
        elif probes > 1:
            self.notes.append(
                f"waited {waited:.0f} s at the start for file creation to be fast again"
                " (files had been deleted on this file system just before)"
            )

    def clean(self, name: str) -> None:
        """Move ``<tmp>/<name>`` (a generated output), if there, out of the way: into
        ``<tmp>/trash``, deleted with the rest when the run ends.

        Deleting it now would slow the runs after it. On ext4 without a journal (this
        project's CI machines), a new file takes a free inode of its folder's block group,
        and every free inode freed in the last one to six minutes is skipped by a lookup of
        its own (``recently_deleted`` in the kernel's fs/ext4/ialloc.c): after a run's
        948 files are deleted, creating the next run's files took 1.06 s instead of 0.04 s
        (bench/floor.py, measured here). That is the harness's cost, not the measured
        tool's, and it grows with the files a tool writes."""
        path = self.tmp / name
        if path.exists():
            os.replace(path, self.trash / str(len(os.listdir(self.trash))))
