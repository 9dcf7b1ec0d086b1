"""openapi-spec-validator's backends give the same verdicts and the same problems.

jsonschema-rs (a dependency, picked when installed) decides whether a document is valid;
a refused document is checked again on the jsonschema backend, whose messages are the
ones reported. Each backend runs in its own process (the validator picks it once) over
every case of the corpus and the project's own specs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.paths import CASES, ROOT

_SCRIPT = """
import contextlib, io, json, sys
from generator.cli import main
out = {}
for folder in sys.argv[1:]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["drift", "--no-cache", "--specs", folder])
    out[folder] = [code, err.getvalue()]
print(json.dumps(out))
"""


def _run(backend: str, folders: list[str]) -> dict[str, list[object]]:
    env = dict(os.environ, OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND=backend)
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *folders],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, list[object]] = json.loads(result.stdout)
    return found


def test_backends_agree_on_the_corpus() -> None:
    folders = sorted(
        str((p / "specs").relative_to(ROOT))
        for p in CASES.iterdir()
        if (p / "specs").is_dir()
    ) + ["specs/seeds", "specs/dify-chatflow"]
    reference = _run("jsonschema", folders)
    fast = _run("jsonschema-rs", folders)
    refused = [f for f, (code, _) in reference.items() if code == 2]
    assert len(refused) >= 10  # the corpus has invalid documents to compare on
    assert fast == reference
