"""Which operations stream server-sent events, of what type, and which request field asks.

The event type, in this order:

1. OpenAPI 3.2 ``itemSchema`` on the ``text/event-stream`` media type;
2. the ``text/event-stream`` schema, when it is an object or a union (not a mere string);
3. the target's ``streams`` table (``events = "<component>"``);
4. the heuristic for documents like Dify's, which describe the stream in prose: the one
   component whose ``discriminator`` property is ``event`` (else the one whose property is
   ``type``) is the union of the events.

Without any of these the events are plain JSON (``dict[str, Any]``).

The switch, for an operation that answers JSON or a stream: the field the ``streams`` table
names (``switch = "field=value"``); else a boolean body field named ``stream`` (``True``
asks for a stream) or a body field whose values include ``"streaming"`` (Dify's
``response_mode``). An operation whose only success is an event stream always streams.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.build import pytype as pt
from generator.build.pytype import PyType
from generator.build.responses import EVENT_STREAM, is_stream
from generator.build.types import TypeResolver
from generator.config import StreamRule
from generator.merge.model import Api, MediaType, Operation, Schema
from generator.output.layout import literal
from generator.problems import InputError, Problem

UNKNOWN = PyType("UnknownEvent")  # the runtime's event of a type the spec does not know
KEEP_ALIVE, ERROR = "ping", "error"  # the events the runtime skips / raises for
_TAG_PROPERTIES = ("event", "type")
_BODY = ("json", "data")


@dataclass(frozen=True)
class StreamSpec:
    """How an operation streams."""

    events: PyType  # what iterating the stream yields
    decoded: PyType  # the type its event parser decodes into (a discriminated union)
    switch: (
        str  # the argument asking for a stream; "" when the operation always streams
    )
    value: str | bool  # the argument's value that asks for a stream
    blocking: (
        PyType | None
    )  # the switch's type for the other values; None: not expressible
    source: str  # itemSchema | schema | config | heuristic | none
    accept: str = EVENT_STREAM  # the stream's media type, asked for with Accept


def event_media(op: Operation) -> MediaType | None:
    """The stream media type of the operation's 2xx responses: ``text/event-stream``
    first, else JSON Lines (``application/jsonl``, NDJSON)."""
    found = [
        media
        for response in op.responses
        if response.status.startswith("2")
        for media in response.content
        if is_stream(media.content_type)
    ]
    events = [m for m in found if m.content_type == EVENT_STREAM]
    return next(iter(events or found), None)


def always_streams(op: Operation) -> bool:
    """The operation's only successful answer is a stream."""
    media = [m for r in op.responses if r.status.startswith("2") for m in r.content]
    return bool(media) and all(is_stream(m.content_type) for m in media)


class StreamFinder:
    """Stream specs of a target's operations (one per operation, or None)."""

    def __init__(
        self, api: Api, types: TypeResolver, rules: tuple[tuple[str, StreamRule], ...]
    ) -> None:
        self.types = types
        self.rules = dict(rules)
        self.union = _the_union(api)
        self.notes: list[str] = []

    def find(
        self, op: Operation, args: list[tuple[str, str, PyType, str]], hint: str
    ) -> StreamSpec | None:
        """``args``: (name, wire, type, location) of the method's arguments."""
        key = f"{op.method.upper()} {op.path}"
        rule = self.rules.get(key)
        media = event_media(op)
        if media is None and rule is None:
            return None
        schema, source = self._events_schema(media, rule, key)
        if schema is None:
            events = decoded = pt.dict_of(pt.ANY)
        else:
            events, decoded = self._events_type(schema, hint)
        accept = media.content_type if media is not None else EVENT_STREAM
        if always_streams(op) and (rule is None or not rule.switch_field):
            return StreamSpec(events, decoded, "", "", None, source, accept)
        switch = _switch(args, rule)
        if switch is None:
            self.notes.append(
                f"{key}: answers JSON or an event stream, but no request field asks for "
                "the stream (set switch in the target's streams table): blocking only"
            )
            return None
        name, value, blocking = switch
        return StreamSpec(events, decoded, name, value, blocking, source, accept)

    def _events_schema(
        self, media: MediaType | None, rule: StreamRule | None, key: str
    ) -> tuple[Schema | None, str]:
        if media is not None and media.item_schema is not None:
            return media.item_schema, "itemSchema"
        if (
            media is not None
            and media.schema is not None
            and self._structured(media.schema)
        ):
            return media.schema, "schema"
        if rule is not None:
            if rule.events not in self.types.components:
                raise InputError(
                    [
                        Problem(
                            f"streams.{key!r}: events names {rule.events!r}, which is "
                            "not a component schema of the document"
                        )
                    ]
                )
            return Schema(ref=rule.events), "config"
        if self.union is not None:
            return Schema(ref=self.union), "heuristic"
        return None, "none"

    def _structured(self, schema: Schema) -> bool:
        target = self.types.component(schema)
        return bool(self.types.is_model(schema) or target.one_of or target.any_of)

    def _events_type(self, schema: Schema, hint: str) -> tuple[PyType, PyType]:
        """(what the stream yields, the type its parser decodes into)."""
        found = self.types.type_of(schema, hint + "Event")
        if found.name != "Annotated":
            return found, found
        by_class = self.types.components_by_class()
        base = next((c for c, n in by_class.items() if n == schema.ref), None)
        skipped = {KEEP_ALIVE, ERROR}

        def is_event(member: PyType) -> bool:
            # the polymorphic base is no event (each event is one of its children), and
            # keep-alive and error events never reach the caller
            if member.name == base:
                return False
            tag = self.types.tags.get(by_class.get(member.name, ""))
            return tag is None or not set(tag[1]) & skipped

        members = tuple(m for m in found.args[0].members if is_event(m))
        union = pt.union(members or found.args[0].members)
        decoded = PyType("Annotated", (union,), found.values)
        return pt.union([union, UNKNOWN]), pt.union([decoded, UNKNOWN])


def _the_union(api: Api) -> str | None:
    """The one component discriminated by ``event`` (else by ``type``), if just one."""
    for prop in _TAG_PROPERTIES:
        found = [
            name
            for name, schema in api.schemas
            if schema.discriminator is not None
            and schema.discriminator.property_name == prop
        ]
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None


def _switch(
    args: list[tuple[str, str, PyType, str]], rule: StreamRule | None
) -> tuple[str, str | bool, PyType | None] | None:
    """(argument, the value asking for a stream, the type of the other values)."""
    body = [a for a in args if a[3] in _BODY]
    if rule is not None and rule.switch_field:
        for name, wire, _type, _ in body:
            if wire == rule.switch_field:
                return name, rule.switch_value, _others(_type, rule.switch_value)
        return None
    for name, wire, type_, _ in body:
        if wire == "stream" and pt.BOOL in type_.members:
            return name, True, _others(type_, True)
    for name, _, type_, _ in body:
        values = [v for m in type_.members if m.name == "Literal" for v in m.values]
        if literal("streaming") in values:
            return name, "streaming", _others(type_, "streaming")
    return None


def _others(type_: PyType, value: str | bool) -> PyType | None:
    """The switch's type without ``value``: ``Literal[False]`` for a bool, the other
    literals of an enum; None when that cannot be written (a plain ``str``)."""
    rest: list[str] = []
    for member in type_.members:
        if member == pt.BOOL:
            rest += [literal(not value)] if isinstance(value, bool) else []
        elif member.name == "Literal":
            rest += [v for v in member.values if v != literal(value)]
        elif member != pt.NONE:
            return None
    return pt.literal(rest) if rest else None


def stream_literal(value: str | bool) -> PyType:
    return pt.literal([literal(value)])
