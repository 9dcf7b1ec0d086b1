"""Generate stage wiring: model -> ClientDef per locale -> rendered, formatted files."""

from __future__ import annotations

from pathlib import Path

from generator.build import Builder
from generator.config import Target
from generator.fmt import format_files
from generator.model import Api
from generator.render import render_distribution


def generate_target(api: Api, target: Target) -> tuple[dict[str, dict[str, str]], tuple[str, ...]]:
    """{locale: {relative path: text}} for every locale of a target, and naming notes."""
    builder = Builder(api, target)
    trees = {}
    notes: tuple[str, ...] = ()
    for locale in api.locales:
        client = builder.client(locale)
        notes = client.naming_notes
        install = str(Path(target.out) / locale) if target.out else f"./{locale}"
        trees[locale] = format_files(render_distribution(client, api.version, install))
    return trees, notes
