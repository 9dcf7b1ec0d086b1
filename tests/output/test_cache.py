"""The output cache gives back exactly the trees and notes it was given, or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import zstandard

from generator.output import cache
from generator.output.staging import encoded

TREES = {
    "en": {"pkg/a.py": 'x = "\u2028"\n', "empty.md": ""},
    "": {},
    "ja": {"docs/会話.md": "\x00\ud7ff\U0001f600\n", "b": "line\nbreak"},
}
NOTES = ("renamed a", "会話")


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("POLYGLOT_GENERATOR_CACHE", str(tmp_path))
    cache.set_enabled(True)
    return tmp_path


def test_stored_output_round_trips_text_order_and_empty_trees(cache_dir: Path) -> None:
    cache.store_output("a" * 64, cache.pack_output(encoded(TREES)), NOTES)
    trees, notes = cache.stored_output("a" * 64) or ({}, ())
    assert trees == TREES and list(trees) == list(TREES)
    assert [list(t) for t in trees.values()] == [list(t) for t in TREES.values()]
    assert notes == NOTES


def test_packed_ahead_is_stored_alike(cache_dir: Path) -> None:
    cache.store_output("c" * 64, cache.pack_output(encoded(TREES)), NOTES)
    assert cache.stored_output("c" * 64) == (TREES, NOTES)


def test_a_damaged_entry_is_a_miss(cache_dir: Path) -> None:
    cache.store_output("b" * 64, cache.pack_output(encoded(TREES)), NOTES)
    (entry,) = (cache_dir / "output").rglob("b" * 64)
    head, _, texts = entry.read_bytes().partition(b"\n")
    payload = zstandard.ZstdDecompressor().decompressobj().decompress(texts)
    assert cache.stored_output("b" * 64) == (TREES, NOTES)
    for changed in (payload[:-3], payload + b"more"):  # a text cut short, one too long
        entry.write_bytes(head + b"\n" + zstandard.compress(changed))
        assert cache.stored_output("b" * 64) is None
    entry.write_bytes(head + b"\n" + texts[:-5])  # the compressed stream cut short
    assert cache.stored_output("b" * 64) is None
    entry.write_bytes(head + b"\n" + b"not compressed")
    assert cache.stored_output("b" * 64) is None


def _halves() -> tuple[dict[str, dict[str, bytes]], dict[str, dict[str, bytes]]]:
    """TREES' bytes, and the part of them a worker would seal (ja, and one file of en)."""
    data = encoded(TREES)
    return data, {"ja": data["ja"], "en": {"empty.md": data["en"]["empty.md"]}}


def test_sealed_files_are_stored_with_the_rest(cache_dir: Path) -> None:
    data, part = _halves()
    sealed = cache.seal(part)
    assert [(t, r, n) for t, r, n, _ in sealed.files] == [
        (t, r, len(c)) for t, files in part.items() for r, c in files.items()
    ]
    assert all(h == cache.file_hash(part[t][r]) for t, r, _, h in sealed.files)
    packed = cache.pack_output(data, (sealed,))
    assert len(packed.frames) == 2 and packed.frames[0] == sealed.frame
    assert sorted(packed.files) == sorted(cache.pack_output(data).files)
    cache.store_output("d" * 64, packed, NOTES)
    assert cache.stored_output("d" * 64) == (TREES, NOTES)
    # everything sealed: no frame of its own for the rest
    whole = cache.pack_output(data, (cache.seal(data),))
    assert len(whole.frames) == 1
    cache.store_output("e" * 64, whole, NOTES)
    assert cache.stored_output("e" * 64) == (TREES, NOTES)


def test_frames_that_do_not_add_up_are_a_miss(cache_dir: Path) -> None:
    data, part = _halves()
    cache.store_output("f" * 64, cache.pack_output(data, (cache.seal(part),)), NOTES)
    (entry,) = (cache_dir / "output").rglob("f" * 64)
    head, _, texts = entry.read_bytes().partition(b"\n")
    fields = json.loads(head)
    first, second = fields["frames"]
    for frames in ([first + second], [second, first], [first, 0, second], [first]):
        entry.write_bytes(
            json.dumps({**fields, "frames": frames}).encode() + b"\n" + texts
        )
        assert cache.stored_output("f" * 64) is None
    entry.write_bytes(head + b"\n" + texts)
    assert cache.stored_output("f" * 64) == (TREES, NOTES)
