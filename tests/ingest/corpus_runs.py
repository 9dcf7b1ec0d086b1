"""The problems ``drift`` reports on every case of the corpus and the project's own
specs, in a fresh process per configuration (the validator's backend and whether its
faster step, generator/ingest/subnodes.py, is used), run once per test session."""

from __future__ import annotations

import functools
import os
from typing import Any

from tests.ingest.fresh import script_json
from tests.paths import CASES, ROOT

_SCRIPT = """
import contextlib, io, json, sys
from generator.cli import main
from generator.ingest import subnodes, validate
if sys.argv[1] == "without":
    subnodes.speed_up = lambda: False
out = {}
for folder in sys.argv[2:]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["drift", "--no-cache", "--specs", folder])
    out[folder] = [code, err.getvalue()]
validate._validate_all([])  # what the validator's process does before its checks
from pathable.accessors import SubscriptableAccessor
step = SubscriptableAccessor.__dict__["_get_subnode"].__func__
print(json.dumps({"problems": out, "in place": step is subnodes._get_subnode}))
"""


def folders() -> list[str]:
    return sorted(
        str((p / "specs").relative_to(ROOT))
        for p in CASES.iterdir()
        if (p / "specs").is_dir()
    ) + ["specs/seeds", "specs/dify-chatflow"]


@functools.cache
def corpus_run(backend: str, faster_step: bool = True) -> dict[str, Any]:
    """{"problems": {folder: [exit status, stderr]}, "in place": whether the faster
    step was in place}."""
    env = dict(os.environ, OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND=backend)
    which = "with" if faster_step else "without"
    found: dict[str, Any] = script_json(_SCRIPT, env, [which, *folders()])
    return found
