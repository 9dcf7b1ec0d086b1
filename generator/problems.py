"""Problems found in the input: values collected by every stage, printed by the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as the stage can."""

    message: str
    files: tuple[str, ...] = ()
    locale: str | None = None
    pointer: str | None = None
    level: str = "error"  # or "warning": reported, and the run goes on

    def render(self) -> str:
        """One line for humans: ``files [locale] pointer: message``."""
        parts = [", ".join(self.files)] if self.files else []
        if self.locale:
            parts.append(f"[locale {self.locale}]")
        if self.pointer is not None:
            parts.append(f"at {self.pointer or '/'}")
        where = " ".join(parts)
        if not where:
            return f"{self.level}: {self.message}"
        return f"{self.level}: {where}: {self.message}"


class InputError(Exception):
    """Raised by a stage when the input cannot be used; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(p.render() for p in self.problems))


class InvalidDocument(InputError):
    """The validator's problems with a document (``--validation warn`` makes them warnings)."""


def pointer_escape(token: object) -> str:
    """Escape one reference token of a JSON pointer (RFC 6901)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def join_pointer(base: str, *tokens: object) -> str:
    """Append reference tokens to a JSON pointer."""
    return base + "".join("/" + pointer_escape(t) for t in tokens)
