"""``benchmarks/startup.py --phases`` reads the CPU time of each start-up phase from the app
itself (SIAR_STARTUP_PROBE=phases): every phase is reported, in order, up to the paint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PHASES = [
    "Python, composer.app",
    "logging, PySide6, QApplication",
    "window modules imported",
    "icon, fonts, workspace opened",
    "missed posts, preferences",
    "main window built",
    "window shown",
    "painted",
]


def test_the_probe_reports_each_start_up_phase_in_order(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SIAR_HOME": str(tmp_path),
        "SIAR_STARTUP_PROBE": "phases",
    }
    done = subprocess.run(
        [sys.executable, "-m", "composer"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    reported = [line.split(" ", 2) for line in done.stdout.splitlines() if line.startswith("phase ")]
    assert [name for _phase, _cpu, name in reported] == PHASES
    cpu = [float(seconds) for _phase, seconds, _name in reported]
    assert cpu == sorted(cpu) and cpu[0] > 0
    assert done.stdout.splitlines()[-1].startswith("painted ")


def test_without_the_probe_nothing_is_noted() -> None:
    from composer import startup_phases

    startup_phases.mark("a phase")
    assert startup_phases.marks() == []
