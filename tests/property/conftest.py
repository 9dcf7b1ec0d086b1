"""Hypothesis profiles and the session folder the generator runs in.

``HYPOTHESIS_PROFILE`` picks the profile (default ``ci``):

- ``ci``: deterministic (``derandomize=True``, no example database, so nothing is written
  to the checkout), few examples per test (see ``EXAMPLES``), no deadline, no shrinking:
  the whole folder runs in about a minute on two cores;
- ``dev``: random, about ten times as many examples, failures remembered in an example
  database in the system's temporary folder.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.database import DirectoryBasedExampleDatabase

from tests.property import harness

_SLOW = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.large_base_example,
]

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=10,
    suppress_health_check=_SLOW,
    # no shrinking: every step of it generates a client, and shrinking one failure took
    # more than five minutes; rerun with the printed @reproduce_failure blob under "dev"
    # to get a minimal example
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    print_blob=True,
)
settings.register_profile(
    "dev",
    deadline=None,
    max_examples=100,
    suppress_health_check=_SLOW,
    database=DirectoryBasedExampleDatabase(
        str(Path(tempfile.gettempdir()) / "generator-property-examples")
    ),
    print_blob=True,
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)

# Examples per test, per profile. Generating a client costs 0.2-0.5 s, checking its
# output about as much again, a mypy run (two packages) 1.5 s; drift needs no client.
EXAMPLES = {
    "ci": {
        "generate": 15,
        "output": 15,
        "models": 20,
        "drift": 25,
        "mypy": 2,
    },
    "dev": {
        "generate": 100,
        "output": 100,
        "models": 150,
        "drift": 200,
        "mypy": 10,
    },
}


def examples(test: str) -> int:
    """How many examples ``test`` runs under the loaded profile."""
    return EXAMPLES.get(PROFILE, EXAMPLES["ci"])[test]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "mypy: runs mypy --strict on generated packages (slow, one example)"
    )


@pytest.fixture(scope="session", autouse=True)
def _work(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    harness.WORK = tmp_path_factory.mktemp("property")
    yield harness.WORK
    harness.WORK = None
