"""The one Jinja environment every template renders in.

``StrictUndefined`` makes a typo in a template fail instead of rendering empty. A template
missing from the installation is reported as a problem (exit 2), never as a traceback.
"""

from __future__ import annotations

import json
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound

from generator import resources
from generator.build import docstrings
from generator.output import layout
from generator.problems import InputError, Problem
from generator.render.markdown import inert


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(resources.templates())),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(
        pyrepr=layout.literal,
        tomlstr=lambda v: json.dumps(str(v), ensure_ascii=False),
        md=inert,
        docsafe=docstrings.escape,
    )
    return env


def render(name: str, **context: object) -> str:
    """One template rendered with ``context``."""
    try:
        template = environment().get_template(name)
    except TemplateNotFound as exc:
        where = resources.templates() / str(exc.name)
        raise InputError(
            [
                Problem(
                    f"template {exc.name} is missing from this installation of the "
                    "generator; reinstall it",
                    (where.as_posix(),),
                )
            ]
        ) from None
    return template.render(**context)
