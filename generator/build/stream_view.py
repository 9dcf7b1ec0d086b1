"""The view of a streaming method: its ``@overload``s, the test that picks the stream."""

from __future__ import annotations

from collections.abc import Callable

from generator.build.responses import EVENT_STREAM
from generator.build.shape import Arg, Method
from generator.build.streams import stream_literal
from generator.build.view import OverloadDef
from generator.output.layout import literal


def overloads_of(
    m: Method,
    shadowed: frozenset[str],
    positional: list[str],
    keyword: list[str],
    blocking: tuple[str, str],
    signature_of: Callable[[Arg, frozenset[str]], str],
) -> tuple[OverloadDef, ...]:
    """stream (the switch's literal), blocking (its other values or none), either (any)."""
    spec = m.stream
    if spec is None or not spec.switch:
        return ()
    arg = next(a for a in m.args if a.name == spec.switch)
    index = [a.name for a in m.args if a.location != "path"].index(arg.name)
    streamed = f"Stream[{spec.events.annotation(shadowed)}]"
    astreamed = f"AsyncStream[{spec.events.annotation(shadowed)}]"

    def signature(switch: str) -> str:
        args = keyword[:index] + [switch] + keyword[index + 1 :]
        return ", ".join(positional + ["*"] + args)

    literal = stream_literal(spec.value).annotation(shadowed)
    out = [OverloadDef(signature(f"{arg.name}: {literal}"), streamed, astreamed)]
    other = spec.blocking.annotation(shadowed) if spec.blocking else ""
    if not arg.required:
        other = f"{other} | NotGiven = NOT_GIVEN" if other else "NotGiven = NOT_GIVEN"
    if other:
        out.append(OverloadDef(signature(f"{arg.name}: {other}"), *blocking))
    either = (f"{blocking[0]} | {streamed}", f"{blocking[1]} | {astreamed}")
    out.append(OverloadDef(signature(signature_of(arg, shadowed)), *either))
    return tuple(out)


def condition(m: Method) -> str:
    spec = m.stream
    if spec is None or not spec.switch:
        return ""
    if isinstance(spec.value, bool):
        return f"{spec.switch} is {spec.value}"
    return f"{spec.switch} == {literal(spec.value)}"


def switch_example(m: Method) -> str:
    spec = m.stream
    if spec is None or not spec.switch:
        return ""
    return f"{spec.switch}={literal(spec.value)}"


def stream_returns(
    m: Method, words: dict[str, str], returns_doc: str
) -> list[tuple[str, str]]:
    """The Returns section of a streaming method: its event classes listed as prose."""
    spec = m.stream
    assert spec is not None
    events = ", ".join(f"`{t.annotation()}`" for t in spec.events.members)
    if not spec.switch:
        text = words["stream_always_doc"].format(events=events)
        return [("Stream", f"{returns_doc}\n\n{text}".strip())]
    text = words["stream_doc"].format(switch=f"`{switch_example(m)}`", events=events)
    return [(f"{m.returns.annotation()} | Stream", f"{returns_doc}\n\n{text}".strip())]


def stream_accept(m: Method) -> str:
    """The Accept a stream asks with, when not the runtime's ``text/event-stream``
    (JSON Lines: ``application/jsonl``)."""
    accept = m.stream.accept if m.stream is not None else ""
    return "" if accept in ("", EVENT_STREAM) else accept
