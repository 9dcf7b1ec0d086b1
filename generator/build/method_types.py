"""What a resource's methods need at the top of their module: signatures, return
annotations, the types they name, the builtins their class shadows."""

from __future__ import annotations

from collections.abc import Iterable

from generator.build import pytype as pt
from generator.build.event_alias import aliased_members
from generator.build.pytype import BUILTINS, PyType
from generator.build.shape import Arg, Method, Resource
from generator.build.streams import stream_literal


def arg_signature(a: Arg, shadowed: frozenset[str]) -> str:
    ann = a.type.annotation(shadowed)
    if a.required:
        return f"{a.name}: {ann}"
    return f"{a.name}: {ann} | NotGiven = NOT_GIVEN"


def return_annotations(m: Method, shadowed: frozenset[str]) -> tuple[str, str]:
    """(sync, async) return annotation."""
    if m.page is not None:
        item, page = m.page.item.annotation(shadowed), m.page.model.annotation(shadowed)
        return f"SyncCursorPage[{item}, {page}]", f"AsyncPaginator[{item}, {page}]"
    if m.kind == "stream":
        event = m.returns.annotation(shadowed)
        return f"Stream[{event}]", f"AsyncStream[{event}]"
    ret = m.returns.annotation(shadowed)
    return ret, ret


def shadowed_builtins(resource: Resource, others: frozenset[str] = frozenset()) -> frozenset[str]:
    """Builtins that a member of the resource class shadows."""
    names = {m.name for m in resource.methods} | {c.attr for c in resource.children}
    names |= others
    return frozenset(names & BUILTINS)


def types_of(m: Method) -> Iterable[PyType]:
    yield m.returns
    if m.stream is not None:
        # an alias names the classes of a stream's events (build/event_alias.py): the
        # parser's Annotated union is not written out then
        members = aliased_members(m.stream.decoded)
        yield m.stream.events
        yield from members if members is not None else (m.stream.decoded,)
        if m.stream.switch:  # the overloads' types of the switch
            yield stream_literal(m.stream.value)
    yield from (a.type for a in m.args)
    if m.page is not None:
        yield from (m.page.model, m.page.item)


def all_methods(resource: Resource) -> Iterable[Method]:
    yield from resource.methods
    for child in resource.children:
        yield from all_methods(child)


def uses_builtins(resource: Resource, others: frozenset[str] = frozenset()) -> bool:
    shadowed = shadowed_builtins(resource, others)
    if pt.uses_builtins((t for m in resource.methods for t in types_of(m)), shadowed):
        return True
    return any(uses_builtins(child) for child in resource.children)

def class_names(resource: Resource) -> Iterable[str]:
    """The classes a resource module defines."""
    for form in ("", "WithRawResponse", "WithStreamingResponse"):
        yield resource.class_name + form
        yield "Async" + resource.class_name + form
    for child in resource.children:
        yield from class_names(child)

