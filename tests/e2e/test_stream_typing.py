"""The streaming overloads as mypy --strict sees them: the switch's literal selects
``Stream[Event]``, anything else the blocking model; ``match`` on the events narrows each to
its class and is exhaustive with ``UnknownEvent``. Uses the two stream runtime cases."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.paths import CASES

CASES_USED = ("stream-bool-switch", "stream-item-schema")

USAGE = """\
from typing import assert_never, assert_type

from stream_bool_switch import AsyncClient, AsyncStream, Client, Stream
from stream_bool_switch.types import Completion, CompletionChunk
from stream_item_schema import Client as JobsClient
from stream_item_schema import UnknownEvent
from stream_item_schema.types import Finished, Progress


def completions(c: Client, flag: bool) -> None:
    create = c.chat.completions.create
    assert_type(create(model="m", prompt="p"), Completion)
    assert_type(create(model="m", prompt="p", stream=False), Completion)
    assert_type(create(model="m", prompt="p", stream=True), Stream[CompletionChunk])
    either = create(model="m", prompt="p", stream=flag)
    assert_type(either, Completion | Stream[CompletionChunk])
    with create(model="m", prompt="p", stream=True) as stream:
        for chunk in stream:
            assert_type(chunk.delta, str)


async def async_completions(c: AsyncClient) -> None:
    stream = await c.chat.completions.create(model="m", prompt="p", stream=True)
    assert_type(stream, AsyncStream[CompletionChunk])
    async with stream:
        async for chunk in stream:
            assert_type(chunk, CompletionChunk)
    done = await c.chat.completions.create(model="m", prompt="p")
    assert_type(done, Completion)


def jobs(c: JobsClient) -> None:
    for event in c.jobs.events.retrieve("j1"):
        match event:
            case Progress():
                assert_type(event.percent, int)
            case Finished():
                assert_type(event.result, str)
            case UnknownEvent():
                assert_type(event.event, str | None)
            case _:
                assert_never(event)
"""


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("stream-typing")
    for case in CASES_USED:
        code = main(
            [
                *("generate", "--no-cache", "--specs", str(CASES / case / "specs")),
                *("--package", case.replace("-", "_"), "--out", str(root / case)),
            ]
        )
        assert code == 0
    return root


def test_overloads_and_narrowing_under_mypy_strict(out: Path, tmp_path: Path) -> None:
    (tmp_path / "stream_usage.py").write_text(USAGE, encoding="utf-8")
    paths = ":".join(str(out / case / "en") for case in CASES_USED)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental"]
        + ["--cache-dir", str(tmp_path / "cache"), "-m", "stream_usage"],
        env={"MYPYPATH": f"{paths}:{tmp_path}", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
