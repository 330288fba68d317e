"""Start-up measurement (benchmarks/startup.py, benchmarks/scale.py): "painted" means painted.

With SIAR_STARTUP_PROBE set, the app prints ``painted <peak RSS MB> <CPU seconds>`` once the main window
has been painted for the first time and the event loop has come back, then quits. A
timer alone would fire before the first paint: the window is painted when the window
system exposes it, after the event loop starts. ``FirstPaint`` also lets the window put
off work its first paint does not show (the inbox count).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (0 where the platform cannot tell)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def cpu_seconds() -> float:
    """This process's user + system time (getrusage: microseconds, where os.times counts
    10 ms clock ticks on Linux)."""
    try:
        import resource
    except ImportError:  # Windows
        times = os.times()
        return times.user + times.system
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class FirstPaint(QObject):
    """Calls *done* once *window* has had its first paint event and that paint finished."""

    def __init__(self, window: QWidget, done: Callable[[], None]) -> None:
        super().__init__(window)
        self._done = done
        self._seen = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._seen and event.type() == QEvent.Type.Paint:
            self._seen = True
            # The window's children are painted in the same pass, after the window:
            # the zero timer runs once that pass (and the flush to the screen) is done.
            # Tied to this object, so a window deleted meanwhile gets no call.
            QTimer.singleShot(0, self, self._done)
        return False


def report_first_paint(app: QApplication, window: QWidget) -> FirstPaint:
    def done() -> None:
        from composer import startup_phases

        startup_phases.mark("painted")
        for phase, cpu in startup_phases.marks():
            print("phase", round(cpu, 4), phase, flush=True)  # noqa: T201 (benchmarks/startup.py --phases)
        print("painted", peak_rss_mb(), round(cpu_seconds(), 4), flush=True)  # noqa: T201 (read by the benchmarks)
        app.quit()

    return FirstPaint(window, done)
