"""A content-addressed cache that makes repeated runs fast; never changes what is produced.

- ``formatted``: black's output for a text, keyed by black's version and the text itself.
- ``output``: the complete output of a target (every file of every locale, and the naming
  notes), keyed by the fingerprint below: a repeated run with the same inputs writes it
  without building, rendering or formatting anything.
- ``verified``: the output files' hashes recorded after a run, keyed by a fingerprint of
  everything the output depends on (input files, the target's configuration, the generator's
  own code and templates, the versions of the libraries that shape the output). ``check``
  trusts it only when the fingerprint and every file's hash still match; otherwise it
  regenerates in memory and compares.

Location: ``$POLYGLOT_GENERATOR_CACHE``, else ``$XDG_CACHE_HOME/polyglot-openapi-generator``,
else ``~/.cache/polyglot-openapi-generator``. ``--no-cache`` (or the variable set to an empty
string) turns it off. It holds nothing but derived data and can be deleted at any time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator import resources
from generator.config import Target
from generator.ingest import held

_LIBRARIES = ("black", "jinja2", "pyyaml", "openapi-spec-validator")
_enabled = True


def set_enabled(enabled: bool) -> None:
    """Turn the cache on or off for this process (``--no-cache``)."""
    global _enabled
    _enabled = enabled


def directory() -> Path | None:
    if not _enabled:
        return None
    configured = os.environ.get("POLYGLOT_GENERATOR_CACHE")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "polyglot-openapi-generator"


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def _read(kind: str, key: str) -> bytes | None:
    root = directory()
    if root is None:
        return None
    try:
        return (root / kind / key[:2] / key).read_bytes()
    except OSError:
        return None


def _write(kind: str, key: str, data: bytes) -> None:
    root = directory()
    if root is None:
        return
    path = root / kind / key[:2] / key
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f"{key}.{os.getpid()}.tmp")
        temp.write_bytes(data)
        os.replace(temp, path)
    except OSError:
        pass  # a cache that cannot be written is only slower


def formatted(version: str, text: str) -> str | None:
    data = _read("black", _digest(version.encode(), text.encode("utf-8")))
    return None if data is None else data.decode("utf-8")


def store_formatted(version: str, text: str, result: str) -> None:
    _write(
        "black", _digest(version.encode(), text.encode("utf-8")), result.encode("utf-8")
    )


def valid_document(key: str) -> bool:
    """Whether a document of this ``valid_key`` passed openapi-spec-validator before."""
    return _read("valid", key) is not None


def store_valid_document(key: str) -> None:
    _write("valid", key, b"ok")


def valid_key(content_key: str) -> str:
    """The key of a verdict: a digest of the document's content (its prose-free key, see
    ingest/equivalence.py), the validator's version and the generator's checks."""
    return _digest(
        b"valid-by-prose-free-content",
        version("openapi-spec-validator").encode(),
        version("polyglot-openapi-generator").encode(),
        content_key.encode(),
    )


def stored_output(key: str) -> tuple[dict[str, dict[str, str]], tuple[str, ...]] | None:
    """The trees and notes produced before for this fingerprint, if cached."""
    data = _read("output", key)
    if data is None:
        return None
    try:
        end = data.index(b"\n")
        head = json.loads(data[:end])
        size = sum(entry[2] for entry in head["files"])
        payload = _payload(data[end + 1 :], head["frames"], size)
        trees: dict[str, dict[str, str]] = {locale: {} for locale in head["trees"]}
        pos = 0
        for locale, rel, size in head["files"]:
            trees[locale][rel] = payload[pos : pos + size].decode("utf-8")
            pos += size
        if pos != len(payload):
            return None  # not what store_output wrote
        return trees, tuple(head["notes"])
    except (ValueError, KeyError, TypeError, IndexError):
        return None


# Zstandard at its default level: a fifth of zlib's time at its fastest level (17 ms
# against 60 for the 17.8 MB of Twilio's spec in five locales) and half its size
_LEVEL = 3


def _compress(chunks: list[bytes]) -> bytes:
    """The chunks one after the other, compressed in one call (one Zstandard frame):
    without the GIL throughout (a call per chunk takes it back each time, and twice as
    long beside other threads)."""
    import zstandard

    # on every core: it runs last, once the locales are rendered and the cores are free
    # (Twilio's spec in five locales: 21 -> 13 ms on two)
    compressor = zstandard.ZstdCompressor(level=_LEVEL, threads=-1)
    return compressor.compress(b"".join(chunks))


def _decompress(data: bytes, size: int) -> bytes:
    """The text ``_compress`` made, of ``size`` bytes (ValueError if it is not)."""
    import zstandard

    try:
        payload = zstandard.ZstdDecompressor().decompress(data, max_output_size=size)
    except zstandard.ZstdError as exc:
        raise ValueError(str(exc)) from None
    return bytes(payload)


@dataclasses.dataclass(frozen=True)
class Packed:
    """A target's files made ready for the cache (pack_output): their list and their
    text, compressed. Packing is most of storing, and needs no notes: it can run while
    the input is still being validated."""

    trees: tuple[str, ...]
    files: tuple[tuple[str, str, int], ...]  # (locale, relative path, size in bytes)
    # every file's UTF-8 text, one after the other, compressed in frames (those of
    # the locales sealed where they rendered, then one of the rest)
    frames: tuple[bytes, ...]


@dataclasses.dataclass(frozen=True)
class Sealed:
    """Files hashed and compressed where they were rendered (``seal``): each file's
    tree, relative path, size and hash, and their text, compressed as one frame."""

    files: tuple[tuple[str, str, int, str], ...]
    frame: bytes


def seal(data: dict[str, dict[str, bytes]]) -> Sealed:
    """``data`` (files' bytes by tree and path) made ready for the cache and for the
    hashes of what is written, in the calling thread: fed to the compressor file by
    file, never joined into one copy first."""
    files = tuple(
        (tree, rel, len(content), file_hash(content))
        for tree, contents in data.items()
        for rel, content in contents.items()
    )
    stream = _one_thread().compressobj(sum(n for _, _, n, _ in files))
    parts = [
        stream.compress(c) for contents in data.values() for c in contents.values()
    ]
    parts.append(stream.flush())
    return Sealed(files, b"".join(parts))


@lru_cache(maxsize=1)
def _one_thread() -> Any:
    """A compressor working in the calling thread, kept for the process's next
    locale (its tables are made once)."""
    import zstandard

    return zstandard.ZstdCompressor(level=_LEVEL, threads=0)


def pack_output(
    data: dict[str, dict[str, bytes]], sealed: tuple[Sealed, ...] = ()
) -> Packed:
    """``data``: files' UTF-8 bytes by tree and path (``staging.encoded``), every tree
    of the output; ``sealed``: the other files, compressed already (``seal``; one that
    is in ``data`` too is packed once, from its seal). Files come back from the cache
    in the order packed: the sealed ones first."""
    done = {(tree, rel) for s in sealed for tree, rel, _, _ in s.files}
    rest = [
        (tree, rel, content)
        for tree, files in data.items()
        for rel, content in files.items()
        if (tree, rel) not in done
    ]
    listed = [(tree, rel, size) for s in sealed for tree, rel, size, _ in s.files]
    listed += [(tree, rel, len(content)) for tree, rel, content in rest]
    frames = [s.frame for s in sealed]
    if rest or not frames:
        frames.append(_compress([content for _, _, content in rest]))
    return Packed(tuple(data), tuple(listed), tuple(frames))


def store_output(key: str, packed: Packed, notes: tuple[str, ...]) -> None:
    """A JSON line listing the trees, the files (locale, path, size in bytes), the
    notes and the size of each compressed frame, then the files' UTF-8 text one after
    the other, compressed: nothing escaped."""
    head = {
        "trees": list(packed.trees),
        "files": packed.files,
        "notes": list(notes),
        "frames": [len(frame) for frame in packed.frames],
    }
    line = json.dumps(head, ensure_ascii=False).encode() + b"\n"
    _write("output", key, line + b"".join(packed.frames))


def _payload(data: bytes, frames: list[int], size: int) -> bytes:
    """The text of the compressed ``frames`` (their sizes) in ``data``: ``size`` bytes
    in all (ValueError if it is not)."""
    if not all(isinstance(n, int) and n > 0 for n in frames) or sum(frames) != len(
        data
    ):
        raise ValueError("not the frames listed")
    parts, pos = [], 0
    for length in frames:
        parts.append(_decompress(data[pos : pos + length], size))
        size -= len(parts[-1])
        pos += length
    return b"".join(parts)


_DIST_INFO = re.compile(r"(?P<name>.+)-(?P<version>[^-]+)\.dist-info")


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


@lru_cache(maxsize=None)
def _entries(folder: str) -> tuple[str, ...]:
    try:
        return tuple(sorted(os.listdir(folder or ".")))
    except OSError:
        return ()


def version(name: str) -> str:
    """An installed distribution's version, "-" when it is not installed.

    Read from the name of its ``.dist-info`` folder on ``sys.path`` (the first one, as
    importlib.metadata finds it); importlib.metadata itself, whose import costs more than
    a whole ``check`` on a warm cache should, only for other layouts.
    """
    wanted = _normalized(name)
    for folder in sys.path:
        for entry in _entries(folder):
            match = _DIST_INFO.fullmatch(entry)
            if match and _normalized(match["name"]) == wanted:
                return match["version"]
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def fingerprint(target: Target, inputs: list[Path]) -> str:
    """A digest of everything that target's output depends on.

    An absolute output folder does not show in the output (only a relative one does, in
    the README's install line), so it is left out: the same inputs written to another
    absolute folder reuse the cached output.
    """
    out = "<absolute>" if Path(target.out).is_absolute() else target.out
    parts = [
        repr(dataclasses.replace(target, out=out)).encode(),
        sys.version.split()[0].encode(),
    ]
    parts += [f"{name}=={version(name)}".encode() for name in _LIBRARIES]
    for path in inputs:
        parts += [str(path).encode(), held.read_bytes(path)]
    for path in resources.own_files():
        parts += [str(path).encode(), path.read_bytes()]
    return _digest(*parts)


def _tree_hashes(out: Path, files: list[str]) -> dict[str, str] | None:
    hashes = {}
    for rel in files:
        try:
            hashes[rel] = file_hash((out / rel).read_bytes())
        except OSError:
            return None
    return hashes


def record(key: str, hashes: dict[str, str]) -> None:
    """Remember the SHA-256 of each of a target's output files ({path relative to the
    output folder: hex digest}), as just written (``file_hash`` of the text written)."""
    _write("verified", key, json.dumps(hashes, sort_keys=True).encode())


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verified(key: str, out: Path) -> bool:
    """Whether the output on disk is exactly what was produced for this fingerprint."""
    data = _read("verified", key)
    if data is None:
        return False
    try:
        recorded: dict[str, str] = json.loads(data)
    except ValueError:
        return False
    return _tree_hashes(out, sorted(recorded)) == recorded
