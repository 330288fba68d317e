"""Metric snapshots taken by the session's background work while the window is open:
once shortly after start-up (the catch-up for marks that passed while the laptop was
off) and then every few minutes. The work runs on the session's executor, never on the
GUI thread; both timers are the task runner's, so they stop when the window or the
session closes and no run starts on, or reports back to, a closed session."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from composer.insights.service import RunResult
    from composer.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# The marks are +1 h, +24 h and +7 d: every five minutes takes each within minutes of it,
# and a run with nothing due costs one SQL query and no request.
METRICS_TICK_MS = 5 * 60_000
FIRST_RUN_MS = 45_000  # after start-up, once the window is drawn and the outbox and inbox have run


class MetricsRuns:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.busy = False
        self.last: RunResult | None = None
        self.timer = window.tasks.add_timer(QTimer(window, interval=METRICS_TICK_MS))
        self.timer.timeout.connect(self.run)
        self.timer.start()
        self.first = window.tasks.add_timer(QTimer(window, interval=FIRST_RUN_MS, singleShot=True))
        self.first.timeout.connect(self.run)
        self.first.start()

    def run(self) -> None:
        """Take what is due on a worker; a run still under way takes it instead."""
        if self.busy:
            return
        self.busy = True
        token = self.window.tasks.submit(
            self.window.session.take_metrics, on_done=self._done, on_error=self._failed, owner=self.window
        )
        if not token:  # closed: nothing runs, nothing will call back
            self.busy = False

    def _done(self, result: RunResult | None) -> None:
        self.busy = False
        if result is not None:
            self.last = result

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        log.warning(
            "metrics: the background run failed (%s); trying again at the next tick", type(exc).__name__
        )
