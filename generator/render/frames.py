"""The parts of a target's docs no locale changes, made once per target in each process
that renders locales of it (``Frames``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MethodCode:
    """The parts of a method's section no locale changes: its calls, its endpoint and
    the examples (the locale's examples are part of its key, see ``Frames``)."""

    call: str
    async_call: str
    endpoint: str
    example: str
    response: str


class Frames:
    """The parts of a target's docs no locale changes, made once per target in each
    process that renders locales of it: its first locale makes them, the others find
    them made. ``code``: the method sections' code, keyed by the method's place in the
    client and the examples the locale shows; ``cells``: each model page's name and type
    cells, keyed by the model's module and class. The rest of them is the target's
    shape, the same in every locale."""

    def __init__(self) -> None:
        self.code: dict[tuple[str, ...], MethodCode] = {}
        self.cells: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
