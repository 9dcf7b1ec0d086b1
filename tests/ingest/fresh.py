"""A Python script run in a fresh process from the repository's root: what it prints,
read as JSON (the validator's settings and backend are decided once per process)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from tests.paths import ROOT


def script_json(script: str, env: dict[str, str], args: list[str] | None = None) -> Any:
    result = subprocess.run(
        [sys.executable, "-c", script, *(args or [])],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)
