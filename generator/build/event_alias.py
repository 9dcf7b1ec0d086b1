"""A streaming method's event types, named once at the top of its module.

The union of a stream's event classes (two dozen for Dify) would otherwise be written out
in every overload's return annotation and in the call's event parser. Instead the module
defines ``<Method>Events`` (a type alias) and ``_<METHOD>_EVENTS`` (its parser), laid out
the way black lays them out, and the method's annotations name the alias.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.build.names import snake, unique
from generator.build.pytype import PyType
from generator.build.streams import UNKNOWN
from generator.conventions import LINE_LENGTH


@dataclass(frozen=True)
class NamedEvents:
    """How a streaming method names its events."""

    parser: str  # the event parser expression a streaming call passes
    definition: str = ""  # module-level code defining the alias and its parser, or ""
    inline: str = ""  # the union the alias replaces in annotations
    name: str = ""  # the type alias of the event classes, or "" when there is none

    def rename(self, annotation: str) -> str:
        """``annotation`` with the events' union written as the alias."""
        return annotation.replace(self.inline, self.name) if self.name else annotation


def aliased_members(decoded: PyType) -> list[PyType] | None:
    """The event classes a stream's alias names, or None when it gets no alias (one
    class: its type is written where it is used)."""
    annotated = next((m for m in decoded.members if m.name == "Annotated"), None)
    inner = annotated.args[0] if annotated is not None else decoded
    members = [m for m in inner.members if m != UNKNOWN]
    return members if len(members) >= 2 else None


def name_events(
    decoded: PyType, hint: str, shadowed: frozenset[str], taken: set[str]
) -> NamedEvents:
    """How a streaming method names its events: an alias (its names added to
    ``taken``), or, for a single class, the type written out in the parser."""
    members = aliased_members(decoded)
    if members is None:
        return NamedEvents(f"event_parser({decoded.annotation(shadowed)})")
    annotated = next((m for m in decoded.members if m.name == "Annotated"), None)
    name = unique(f"{hint}Events", taken)
    parser = unique(f"_{snake(hint).upper()}_EVENTS", taken)
    taken |= {name, parser}
    texts = [m.annotation(shadowed) for m in members]
    one_line = f"{name}: TypeAlias = {' | '.join(texts)}"
    lines = [one_line] if len(one_line) <= LINE_LENGTH else [
        f"{name}: TypeAlias = (",
        *(f"    {'| ' if i else ''}{t}" for i, t in enumerate(texts)),
        ")",
    ]
    if annotated is None:
        lines.append(f"{parser} = event_parser({name})")
    else:
        prop, *entries = annotated.values[1:]
        lines += [
            f"{parser} = event_parser(",
            f"    {name},",
            f"    {prop},",
            "    {",
            *(f"        {entry}," for entry in entries),
            "    },",
            ")",
        ]
    return NamedEvents(parser, "\n".join(lines), " | ".join(texts), name)
