"""``staging.joined``: its fast path for plain paths gives what the checked path gives,
and anything leaving the output folder is refused either way."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.output import staging


def _checked(folder: str, relative: str) -> str:
    """The path as PurePosixPath normalizes and checks it (the slow path alone)."""
    if folder:
        return f"{staging._safe(folder)}/{staging._safe(relative)}"
    return str(staging._safe(relative))


def _outcome(function: object, folder: str, relative: str) -> str:
    try:
        return function(folder, relative)  # type: ignore[operator,no-any-return]
    except ValueError:
        return "refused"


_PARTS = st.sampled_from(["a", "en", "pkg", "x.py", ".", "..", "", "...", ".hidden"])
_PATHS = st.lists(_PARTS, min_size=0, max_size=4).map("/".join) | st.sampled_from(
    ["/abs", "a//b", "a/", "/", "./a", "a/./b", "a/../b"]
)


@settings(max_examples=400, deadline=None)
@given(
    folder=st.sampled_from(["", "en", "zh-Hans", "a/b", "..", "/x"]), relative=_PATHS
)
def test_fast_path_agrees_with_the_checked_path(folder: str, relative: str) -> None:
    assert _outcome(staging.joined, folder, relative) == _outcome(
        _checked, folder, relative
    )


@pytest.mark.parametrize("relative", ["../x", "/etc/passwd", "a/../../b", ".", ""])
def test_leaving_the_output_folder_is_refused(relative: str) -> None:
    with pytest.raises(ValueError):
        staging.joined("en", relative)
