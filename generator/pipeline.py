"""The stages wired together for one target: load -> validate -> merge."""

from __future__ import annotations

from generator.config import Target
from generator.drift import DriftReport
from generator.load import load
from generator.merge import merge
from generator.model import Api
from generator.validate import validate


def build_api(target: Target) -> tuple[Api, DriftReport]:
    """The merged model of a target and the drift between its locales."""
    documents = load(list(target.specs), target.locale)
    validate(documents)
    return merge(documents, target.primary, list(target.locales) or None)
