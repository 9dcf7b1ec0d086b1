"""pathable's step into a document node without typing's slow protocol check.

openapi-spec-validator's semantic checks walk the document through jsonschema-path,
whose every step (``SubscriptableAccessor._get_subnode``) first asks
``isinstance(node, Subscriptable)``, a runtime-checkable Protocol. On Python 3.11 that
check collects the protocol's members anew each time: two thirds of the semantic checks'
time on Twilio's spec (README.md, Performance). ``speed_up()`` puts in a step that
answers the same question from the node's exact type for the types a parsed document is
made of (dict, list and str are subscriptable; int, float, bool and None are not) and
asks the protocol itself for any other type; the rest of the step is pathable's.

It replaces pathable's step only when that is the step it was written against (the same
names used, in the same order): another version of pathable keeps its own.
``tests/ingest/test_subnodes.py`` compares the two steps on many values, and
``tests/ingest/test_backends.py`` the problems of the whole corpus with it (and
jsonschema-rs) and without it (on jsonschema).
"""

from __future__ import annotations

from typing import Any

# what pathable 0.6's SubscriptableAccessor._get_subnode refers to, in order
KNOWN_NAMES = ("isinstance", "Subscriptable", "KeyError", "IndexError", "TypeError")
_YES = frozenset({dict, list, str})
_NO = frozenset({int, float, bool, type(None)})


def subscriptable(node: Any) -> bool:
    """``isinstance(node, pathable.protocols.Subscriptable)``, at the cost of a set
    lookup for the types of a parsed document."""
    kind = type(node)
    if kind in _YES:
        return True
    if kind in _NO:
        return False
    from pathable.protocols import Subscriptable

    return isinstance(node, Subscriptable)


def _get_subnode(cls: Any, node: Any, part: Any) -> Any:
    if not subscriptable(node):
        raise KeyError(part)
    try:
        return node[part]
    except (KeyError, IndexError, TypeError) as exc:
        raise KeyError(part) from exc


def known(step: Any) -> bool:
    """Whether ``step`` (a ``_get_subnode`` classmethod) is the one this module's
    replaces."""
    code = getattr(getattr(step, "__func__", None), "__code__", None)
    return code is not None and code.co_names == KNOWN_NAMES


def speed_up() -> bool:
    """Put the faster step in place (once, in this process); whether it is in place."""
    from pathable.accessors import SubscriptableAccessor

    current = SubscriptableAccessor.__dict__.get("_get_subnode")
    if getattr(current, "__func__", None) is _get_subnode:
        return True
    if not known(current):
        return False
    SubscriptableAccessor._get_subnode = classmethod(_get_subnode)  # type: ignore[method-assign,assignment]
    return True
