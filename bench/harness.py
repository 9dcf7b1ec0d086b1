"""Running and timing cold child processes: samples, medians, peak RSS, command display.

Also makes the virtualenv openapi-python-client runs in (bench/.venv-opc/).
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from config import OPC_VENV, OPC_VERSION, PYTHON, ROOT


class MeasurementFailed(Exception):
    """A measured command failed; the row is reported as n/a with this message."""


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def tail(text: str, lines: int = 6) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


# --------------------------------------------------------------------------- processes


@dataclass(frozen=True)
class Sample:
    """One cold child process: wall-clock seconds measured from outside, its peak RSS."""

    seconds: float
    max_rss_mb: float | None
    returncode: int
    stdout: str
    stderr: str


def run_cold(
    command: Sequence[str], *, cwd: Path = ROOT, env: Mapping[str, str] | None = None
) -> Sample:
    """Run ``command`` in a fresh process; time it from outside and read its own rusage.

    ``os.wait4`` returns the resource usage of exactly that child, so its ``ru_maxrss`` is
    the child's peak RSS (RUSAGE_CHILDREN would only give the maximum over all children).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=dict(env) if env is not None else None,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
        rss: float | None = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            # kilobytes on Linux, bytes on macOS
            rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        else:
            process.wait()
            seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Sample(
            seconds=seconds,
            max_rss_mb=rss,
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


@dataclass
class Series:
    """Repeated cold runs of one command."""

    samples: list[Sample] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak_rss_mb(self) -> float | None:
        values = [s.max_rss_mb for s in self.samples if s.max_rss_mb is not None]
        return max(values) if values else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "seconds": [round(s.seconds, 4) for s in self.samples],
            "median_seconds": round(self.median, 4) if self.samples else None,
            "max_rss_mb": [
                None if s.max_rss_mb is None else round(s.max_rss_mb, 1)
                for s in self.samples
            ],
        }


@dataclass(frozen=True)
class ColdJob:
    """A command to time in fresh processes: ``make_command(i)`` for the i-th run, its
    environment (or one per run), the exit statuses that are fine, what to do after."""

    make_command: Callable[[int], list[str]]
    env: Mapping[str, str] | Callable[[int], Mapping[str, str]] | None = None
    ok_codes: tuple[int, ...] = (0,)
    after: Callable[[int], None] | None = None
    before: Callable[[int], None] | None = None  # untimed, before run i


def repeat_alternating(jobs: Sequence[ColdJob], repeat: int) -> list[Series]:
    """Each job once per round, ``repeat`` rounds; a series per job. Measurements that are
    divided by each other run in the same rounds, so they see the same machine: on a
    shared or virtual machine the disk's and the CPU's speed drift over minutes. Raises
    MeasurementFailed on an unexpected exit status."""
    found = [Series() for _ in jobs]
    for index in range(repeat):
        for job, series in zip(jobs, found):
            if job.before is not None:
                job.before(index)
            command = job.make_command(index)
            env = job.env(index) if callable(job.env) else job.env
            sample = run_cold(command, env=env)
            if job.after is not None:
                job.after(index)
            if sample.returncode not in job.ok_codes:
                raise MeasurementFailed(
                    f"exit status {sample.returncode} from {display(command)}:\n"
                    + tail(sample.stderr or sample.stdout)
                )
            series.samples.append(sample)
    return found


def repeat_cold(
    make_command: Callable[[int], list[str]],
    repeat: int,
    *,
    env: Mapping[str, str] | Callable[[int], Mapping[str, str]] | None = None,
    ok_codes: tuple[int, ...] = (0,),
    after: Callable[[int], None] | None = None,
) -> Series:
    """Run ``make_command(i)`` ``repeat`` times (``env`` may also depend on ``i``); raise
    MeasurementFailed on an unexpected exit status."""
    return repeat_alternating([ColdJob(make_command, env, ok_codes, after)], repeat)[0]


def write_floor(tree: Path, copy: Path) -> tuple[int, float]:
    """(files, seconds) bench/floor.py takes to create the files of ``tree`` in ``copy``
    (a fresh folder, left for the caller to clean): what creating them costs on this disk
    right now."""
    sample = run_cold([PYTHON, str(ROOT / "bench" / "floor.py"), str(tree), str(copy)])
    if sample.returncode != 0:
        raise MeasurementFailed(f"bench/floor.py failed:\n{tail(sample.stderr)}")
    files, seconds = sample.stdout.split()
    return int(files), float(seconds)


def creation_probe(folder: Path, files: int = 500) -> float:
    """Seconds per file creating ``files`` empty files in a new ``folder``, laid out as
    a generated package is (folders two levels down, a tenth of the files each), take,
    from this process: slow when many files were deleted on this file system in the last
    minutes (see Bench.clean), which makes every figure that writes files high."""
    folders = [folder / "a" / str(n) for n in range(10)]
    start = time.perf_counter()
    for index in range(files):
        where = folders[index % len(folders)]
        if index < len(folders):
            where.mkdir(parents=True)
        with open(where / str(index), "xb"):
            pass
    return (time.perf_counter() - start) / files


def spread_folders(folder: Path) -> bool:
    """Ask ext4 to give each folder made in ``folder`` a block group of its own (the
    Orlov allocator's "top directory" flag, ``chattr +T``), as it does for folders at the
    root of a file system; whether that took. Each output then starts in a group whose
    free inodes were not all freed a minute ago (see Bench.clean) by whatever ran
    before the benchmark. Elsewhere (another file system, no chattr) nothing changes."""
    chattr = shutil.which("chattr")
    if chattr is None:
        return False
    done = subprocess.run([chattr, "+T", str(folder)], capture_output=True)
    return done.returncode == 0


def display(command: Sequence[str], tmp: Path | None = None) -> str:
    """A command as a shell line, with paths inside the repository made relative."""
    parts = []
    for part in command:
        text = str(part)
        if tmp is not None and text.startswith(str(tmp)):
            text = "<tmp>" + text[len(str(tmp)) :]
        elif text.startswith(str(ROOT) + os.sep):
            text = os.path.relpath(text, ROOT)
        parts.append(text)
    return shlex.join(parts)


def rel(path: Path) -> str:
    """A path for a child running in ROOT: relative inside the repository, else absolute."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


# --------------------------------------------------------------------------- opc's virtualenv


def ensure_opc() -> Path:
    """The virtualenv's python with openapi-python-client OPC_VERSION, made on demand."""
    python = venv_python(OPC_VENV)
    if not python.exists():
        log(f"creating {rel(OPC_VENV)} ...")
        made = subprocess.run(
            [PYTHON, "-m", "venv", str(OPC_VENV)], capture_output=True, text=True
        )
        if made.returncode != 0:
            raise MeasurementFailed(
                f"cannot create {rel(OPC_VENV)}: {tail(made.stderr)}"
            )
    version = subprocess.run(
        [
            str(python),
            "-c",
            "import importlib.metadata as m; print(m.version('openapi-python-client'))",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if version != OPC_VERSION:
        log(
            f"pip install openapi-python-client=={OPC_VERSION} into {rel(OPC_VENV)} ..."
        )
        installed = subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--quiet",
                f"openapi-python-client=={OPC_VERSION}",
            ],
            capture_output=True,
            text=True,
            timeout=900,
        )
        if installed.returncode != 0:
            raise MeasurementFailed(
                f"pip install openapi-python-client=={OPC_VERSION} failed: {tail(installed.stderr)}"
            )
    return python
