"""The one Jinja environment every template renders in.

``StrictUndefined`` makes a typo in a template fail instead of rendering empty. A template
missing from the installation is reported as a problem (exit 2), never as a traceback.

Templates compile to Python code, and compiling the dozen of them took a tenth of a run:
the compiled code is kept the way Python keeps a module's byte code (Jinja's own
FileSystemBytecodeCache, checked against each template's source, Jinja's and Python's
versions): in ``templates/__pycache__/``, or under ``sys.pycache_prefix`` when that is set
(``PYTHONPYCACHEPREFIX``), never when Python writes no byte code
(``PYTHONDONTWRITEBYTECODE``), and silently not where the folder cannot be written. It is
code, not content: the generator's cache and ``--no-cache`` are about what a run produces.
"""

from __future__ import annotations

import json
import os
import sys
from functools import lru_cache

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
)
from jinja2.bccache import Bucket

from generator import resources
from generator.build import docstrings
from generator.output import layout
from generator.problems import InputError, Problem
from generator.render.markdown import inert


class _TemplateByteCode(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, with Python's manners: nothing written under
    ``PYTHONDONTWRITEBYTECODE``, an unwritable folder skipped without a word."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):  # unreadable or damaged: compiled anew
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        if sys.dont_write_bytecode:
            return
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def byte_code_folder() -> str:
    """Where compiled templates are kept: as Python would keep the templates' byte code."""
    folder = resources.templates().resolve()
    if sys.pycache_prefix:
        return os.path.join(sys.pycache_prefix, *folder.parts[1:])
    return str(folder / "__pycache__")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(resources.templates())),
        bytecode_cache=_TemplateByteCode(byte_code_folder()),
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
