"""Where start-up's CPU goes, phase by phase: ``benchmarks/startup.py --phases``.

With ``SIAR_STARTUP_PROBE=phases`` the app notes the process's CPU time at each
``mark()`` on its way to the first paint, and the startup probe prints them with the paint
(composer/ui/startup_probe.py). Otherwise ``mark()`` does nothing. No Qt here: the first
marks come before PySide6 is imported."""

from __future__ import annotations

import os
import time

_ON = os.environ.get("SIAR_STARTUP_PROBE") == "phases"
_marks: list[tuple[str, float]] = []


def mark(phase: str) -> None:
    """Note that *phase* has just ended (CPU seconds of the whole process so far)."""
    if _ON:
        _marks.append((phase, time.process_time()))


def marks() -> list[tuple[str, float]]:
    return list(_marks)
