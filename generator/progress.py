"""A one-line progress display on a terminal, shown once a run takes more than two seconds."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None, delay: float = 2.0) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.start = time.monotonic()
        self.delay = delay
        self.shown = False

    def step(self, text: str) -> None:
        if self.enabled and time.monotonic() - self.start >= self.delay:
            self.stream.write(f"\r\x1b[2K{text}")
            self.stream.flush()
            self.shown = True

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
