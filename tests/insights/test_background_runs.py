"""Metric snapshots taken by the session's background work in the window: a post whose
+24 h mark passed while Siar was closed gets its (late) snapshot from the window's first
run after start-up, the five-minute timer takes the next mark, the work runs on a session
worker, and a closed window starts nothing more."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from composer.demo import connect_sandbox
from composer.insights.service import RunResult
from composer.sandbox import Sandbox
from composer.sandbox import metrics as fake_metrics
from composer.session import Session
from composer.store.metrics import at_mark
from composer.store.workspace import Workspace
from composer.ui.main_window import MainWindow
from composer.ui.window import metrics as metrics_runs
from tests.fake_clock import FakeClock
from tests.insights.conftest import START, Env
from tests.memory_keyring import MemoryKeyring

HOUR = 3600.0
DAY = 86400.0
PLATFORMS = ("facebook", "instagram", "x", "youtube", "wordpress")


class _SessionClock:
    """The session's clock over the tests' fake one (the sandbox's metrics read it too)."""

    def __init__(self, fake: FakeClock) -> None:
        self.fake = fake

    def now(self) -> float:
        return self.fake()

    def sleep(self, seconds: float) -> None:
        self.fake.sleep(seconds)


@pytest.fixture
def session(sandbox: Sandbox, memory_keyring: MemoryKeyring) -> Iterator[Session]:
    """The five sandbox accounts connected through the session the window will use."""
    clock = FakeClock(START)
    opened = Session(Workspace(), clock=_SessionClock(clock))
    connect_sandbox(opened.registry, sandbox)
    fake_metrics.set_clock(sandbox, clock)
    yield opened
    opened.close()


@pytest.fixture
def env(session: Session, sandbox: Sandbox) -> Env:
    assert isinstance(session.clock, _SessionClock)
    return Env(session.workspace, session.registry, sandbox, session.metrics, session.clock.fake)


@pytest.fixture
def run_threads(session: Session, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The names of the threads the metrics runs ran on. Spied on before the window opens:
    its first run can start while pytest-qt processes events after the set-up, before the
    test's own code runs."""
    threads: set[str] = set()
    real = session.metrics.run_due

    def spy(now: float) -> RunResult:
        threads.add(threading.current_thread().name)
        return real(now)

    monkeypatch.setattr(session.metrics, "run_due", spy)
    return threads


@pytest.fixture
def first_run_ms() -> int:
    return 50  # "shortly after start", without the wait


@pytest.fixture
def opened(
    qtbot: QtBot,
    env: Env,
    session: Session,
    run_threads: set[str],
    first_run_ms: int,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[MainWindow, Session]]:
    """Posts went out at START; Siar was closed until 30 hours later, then opened."""
    monkeypatch.setattr(metrics_runs, "FIRST_RUN_MS", first_run_ms)
    for platform in PLATFORMS:
        env.published(platform, START)
    env.clock.advance_to(START + 30 * HOUR)
    window = MainWindow(session, session.preferences())
    qtbot.addWidget(window)
    window.show()
    yield window, session
    window.close()


def _marks(env: Env) -> dict[str, list[str]]:
    entries = env.workspace.metrics.published_between(START - 1, START + 1)
    snaps = env.workspace.metrics.for_entries(e.id for e in entries)
    return {e.platform: [s.mark for s in snaps.get(e.id, [])] for e in entries}


def test_the_window_catches_up_after_the_laptop_was_off_and_then_every_five_minutes(
    qtbot: QtBot, env: Env, opened: tuple[MainWindow, Session], run_threads: set[str]
) -> None:
    window, _session = opened
    runs = window.metrics_runs
    assert runs.timer.interval() == 5 * 60_000 and runs.timer.isActive()

    # The first run after start-up: the +24 h mark passed while closed, taken late and saying so.
    qtbot.waitUntil(lambda: runs.last is not None and not runs.busy, timeout=20_000)
    assert _marks(env) == {p: ["24h"] for p in PLATFORMS}
    for entry in env.workspace.metrics.published_between(START - 1, START + 1):
        day = at_mark(env.workspace.metrics.for_entries([entry.id])[entry.id], "24h")
        assert day and day.late and day.taken_at == START + 30 * HOUR and day.metrics["interactions"] > 0
    assert run_threads and all(name.startswith("siar-worker") for name in run_threads)  # never the GUI thread

    # A week later, the five-minute timer takes the +7 d mark.
    env.clock.advance_to(START + 7 * DAY + 60)
    runs.last = None
    runs.timer.timeout.emit()
    qtbot.waitUntil(lambda: runs.last is not None and not runs.busy, timeout=20_000)
    assert _marks(env) == {p: ["24h", "7d"] for p in PLATFORMS}


# The real delay: closed before its first run (50 ms could pass while the set-up ends).
@pytest.mark.parametrize("first_run_ms", [metrics_runs.FIRST_RUN_MS])
def test_a_closed_window_starts_no_run(qtbot: QtBot, env: Env, opened: tuple[MainWindow, Session]) -> None:
    window, _session = opened
    runs = window.metrics_runs
    window.close()
    assert not runs.timer.isActive() and not runs.first.isActive()
    runs.run()  # a tick queued before the close
    assert not runs.busy and not window.tasks.busy
    qtbot.wait(100)
    assert _marks(env) == {p: [] for p in PLATFORMS}
