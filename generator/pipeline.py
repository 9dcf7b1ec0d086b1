"""The stages wired together for one target: load -> validate -> merge (-> generate)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from generator.config import Target
from generator.load import LocaleDocument, load
from generator.validate import Validation

if TYPE_CHECKING:
    from generator.drift import DriftReport
    from generator.model import Api

Trees = dict[str, dict[str, str]]


class Discardable(Protocol):
    def discard(self) -> None: ...


S = TypeVar("S", bound=Discardable)


def _loader(target: Target) -> Callable[[], list[LocaleDocument]]:
    return lambda: load(list(target.specs), target.locale)


def build_api(target: Target) -> tuple[Api, DriftReport]:
    """The merged model of a target and the drift between its locales."""
    from generator.merge import merge

    with Validation(_loader(target)) as validation:
        documents = validation.documents()
        return merge(documents, target.primary, list(target.locales) or None)


def generate(
    target: Target, stage: Callable[[Trees], S] | None = None
) -> tuple[tuple[Trees, tuple[str, ...]], S | None]:
    """Every locale's files of a target and naming notes, validated while they render.

    ``stage``, if given, is called with the files while validation may still be running
    (to write them somewhere not yet visible); its result is returned with them, and it is
    discarded (``.discard()``) when the input turns out invalid.
    """
    staged: S | None = None
    try:
        with Validation(_loader(target)) as validation:
            # imported after the validator process is forked: it needs none of them
            from generator.generate import generate_target
            from generator.merge import merge

            documents = validation.documents()
            api, _ = merge(documents, target.primary, list(target.locales) or None)
            produced = generate_target(api, target)
            if stage is not None:
                staged = stage(produced[0])
    except BaseException:
        if staged is not None:
            staged.discard()
        raise
    return produced, staged
