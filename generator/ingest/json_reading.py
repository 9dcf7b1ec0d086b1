"""JSON documents read by orjson where it reads them exactly as the standard library
would (a third of its time on a real spec); the loader (load.py) reads the others with
the standard library."""

from __future__ import annotations

from typing import Any

# each digit made "0" and every other byte a space: a run of 19 digits may be a number
# orjson reads as a float (past 64 bits), where the standard library keeps the integer
_DIGITS = bytes(0x30 if 0x30 <= c <= 0x39 else 0x20 for c in range(256))
_LONG_RUN = b"0" * 19


def fast_json(data: bytes) -> tuple[bool, Any]:
    """(True, the value) of JSON bytes that orjson reads exactly as ``json.loads`` would
    (a third of its time on a real spec), else (False, None): a number of 19 digits or
    more, or anything orjson refuses (NaN and Infinity, lone surrogates, bytes that are not
    UTF-8, a byte order mark, broken JSON) is left to the standard library, whose reading
    and messages are the ones a run gives."""
    import orjson

    if _LONG_RUN in data.translate(_DIGITS):
        return False, None
    try:
        return True, orjson.loads(data)
    except orjson.JSONDecodeError:
        return False, None
