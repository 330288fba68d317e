"""A clock for tests: time moves only when someone sleeps, so a backoff of minutes or an
Instagram container poll costs no real time, and the order of events is kept."""

from __future__ import annotations

import threading
import time


class FakeClock:
    def __init__(self, start: float | None = None) -> None:
        # Starts at the real time: the sandbox's tokens and rate limits use the real clock.
        self.now = time.time() if start is None else start
        self.slept = 0.0  # seconds waited in total, for assertions about waiting
        self._lock = threading.Lock()

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.now += max(0.0, seconds)
            self.slept += max(0.0, seconds)
        time.sleep(0)  # still let other threads run, as a real sleep would

    def advance_to(self, when: float) -> None:
        with self._lock:
            self.now = max(self.now, when)
