"""The validator's faster step into a node (generator/ingest/subnodes.py) answers as
pathable's own does (tests/ingest/test_backends.py compares the corpus's problems with
it and without it)."""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from pathable.accessors import SubscriptableAccessor
from pathable.protocols import Subscriptable

from generator.ingest import subnodes


class _OnlyGetitem:
    def __getitem__(self, key: Any) -> Any:
        return key


class _Full(_OnlyGetitem):
    def __contains__(self, key: Any) -> bool:
        return True

    def __len__(self) -> int:
        return 1


class _Blocked(_Full):
    __getitem__ = None  # type: ignore[assignment]


class _Mapping(dict):  # type: ignore[type-arg]
    pass


_ODD = [
    b"ab",
    (1, 2),
    {1, 2},
    frozenset(),
    range(3),
    datetime.date(2026, 1, 1),
    1.5j,
    _OnlyGetitem(),
    _Full(),
    _Blocked(),
    _Mapping(a=1),
    object(),
    ...,
    int,
]
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=8,
) | st.sampled_from(_ODD)
_PARTS = (
    st.none() | st.integers(-3, 3) | st.text(max_size=3) | st.sampled_from(_ODD[:2])
)


def _outcome(step: Any, node: Any, part: Any) -> tuple[str, Any]:
    try:
        return "value", step(node, part)
    except KeyError as error:
        return "KeyError", error.args
    except Exception as error:  # noqa: BLE001  compared, not hidden
        return type(error).__name__, str(error)


_SETTINGS = settings(max_examples=500, derandomize=True, database=None, deadline=None)


@_SETTINGS
@given(_VALUES)
@example("ab")
@example(_Blocked())
@example(_OnlyGetitem())
def test_subscriptable_is_the_protocols_check(value: Any) -> None:
    assert subnodes.subscriptable(value) is isinstance(value, Subscriptable)


_ORIGINAL = SubscriptableAccessor.__dict__["_get_subnode"]


@_SETTINGS
@given(_VALUES, _PARTS)
@example("ab", 0)
@example(["a"], 0)
@example({"a": 1}, "a")
@example({"a": 1}, "b")
@example(3, 0)
@example(None, "a")
@example(b"ab", 1)
@example(_Blocked(), "a")
@example(_Full(), "a")
def test_the_step_gives_what_pathables_gives(node: Any, part: Any) -> None:
    ours = subnodes._get_subnode
    original = _ORIGINAL.__func__
    if original is ours:  # put in place already in this process
        return
    assert _outcome(lambda n, p: ours(None, n, p), node, part) == _outcome(
        lambda n, p: original(None, n, p), node, part
    )


def test_the_installed_pathable_has_the_step_it_replaces() -> None:
    # should this fail after an upgrade of pathable, compare its _get_subnode with
    # subnodes._get_subnode and update KNOWN_NAMES (or drop the module)
    assert subnodes.known(_ORIGINAL) or _ORIGINAL.__func__ is subnodes._get_subnode


def test_another_step_is_left_alone() -> None:
    def other(cls: Any, node: Any, part: Any) -> Any:
        return node.get(part)

    assert not subnodes.known(classmethod(other))
    assert not subnodes.known(None)
