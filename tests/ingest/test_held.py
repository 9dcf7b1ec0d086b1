"""Input files held for one target: read once by the fingerprint, the scan for other
files and the loader, and read anew by the next target or run."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.cli import main
from generator.ingest import held
from tests.paths import ROOT


def test_a_run_reads_each_input_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = ROOT / "specs" / "dify-chatflow"
    inputs = sorted(p.resolve() for p in specs.rglob("*.json"))
    assert len(inputs) == 3
    monkeypatch.setenv("POLYGLOT_GENERATOR_CACHE", str(tmp_path / "cache"))
    reads: Counter[Path] = Counter()
    real = Path.read_bytes

    def counted(self: Path) -> bytes:
        reads[self.resolve()] += 1
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", counted)
    args = ["--specs", str(specs), "--package", "dify_chatflow", "--out"]
    assert main(["generate", *args, str(tmp_path / "out")]) == 0
    assert [reads[p] for p in inputs] == [1, 1, 1]  # fingerprint, references, loader
    reads.clear()
    assert main(["check", *args, str(tmp_path / "out")]) == 0  # from the cache
    assert [reads[p] for p in inputs] == [1, 1, 1]


def test_files_are_held_only_inside_holding(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_bytes(b"1")
    assert held.read_bytes(path) == b"1"
    path.write_bytes(b"2")
    assert held.read_bytes(path) == b"2"  # not held: read again
    calls: list[int] = []

    def verdict() -> bool:
        calls.append(1)
        return True

    with held.holding():
        assert held.read_bytes(path) == b"2"
        path.write_bytes(b"3")
        assert held.read_bytes(path) == b"2"  # the bytes this target read
        assert held.verdict(path, verdict) and held.verdict(path, verdict)
        assert len(calls) == 1
        with held.holding():  # another target: its own reads
            assert held.read_bytes(path) == b"3"
        assert held.read_bytes(path) == b"2"
    assert held.read_bytes(path) == b"3"
    assert held.verdict(path, verdict) and len(calls) == 2
