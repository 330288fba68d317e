"""Cold start to the first *painted* main window, beside a bare PySide6 window, same run.

    python benchmarks/startup.py [--runs 11]

Both are new Python processes started the same way, interleaved. The clock runs from
spawning the process until the window has had its first paint event and that paint
has finished (an event filter on the window's Paint event, then a zero timer: see
composer/ui/startup_probe.py); the child prints "painted <peak RSS MB>" and quits.
Siar opens a returning officer's workspace (the demo drafts, welcome done).
Targets (issue 17): ≤ 2× the bare window; peak memory at the painted window ≤ 120 MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import Row, emit, median_ms

ROOT = Path(__file__).resolve().parents[1]

# The same probe as Siar's, inline, so the bare window imports nothing of Siar.
BARE = """
import resource, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1480, 900)
class FirstPaint(QObject):
    seen = False
    def eventFilter(self, watched, event):
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, lambda: (print("painted", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, flush=True), app.quit()))
        return False
probe = FirstPaint(window)
window.installEventFilter(probe)
window.show()
app.exec()
"""


def environment(home: str) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "SIAR_HOME": home}
    # An installed Siar (pip or the PyInstaller bundle) runs from compiled bytecode; a
    # shell with PYTHONDONTWRITEBYTECODE would make every run recompile every module.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def siar_command() -> list[str]:
    return [sys.executable, "-m", "composer"]


def bare_command() -> list[str]:
    return [sys.executable, "-c", BARE]


def time_to_paint(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawning *command* until it reports its first paint, and its peak MB."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("painted"):
            elapsed = time.perf_counter() - started
            process.wait(timeout=60)
            return elapsed, float(line.split()[1])
    process.wait(timeout=60)
    raise RuntimeError(f"{command[:3]} never painted its window")


def prepare_demo(env: dict[str, str]) -> None:
    """A returning officer's workspace: the demo drafts, the welcome done."""
    subprocess.run(
        [*siar_command(), "--demo"],
        env={**env, "SIAR_STARTUP_PROBE": "1"},
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )


def measure(runs: int) -> list[Row]:
    env = environment(tempfile.mkdtemp(prefix="siar-startup-"))
    prepare_demo(env)
    probe = {**env, "SIAR_STARTUP_PROBE": "1"}
    time_to_paint(bare_command(), env)  # both with bytecode and font caches warm
    time_to_paint(siar_command(), probe)
    bare: list[float] = []
    siar: list[float] = []
    bare_mb: list[float] = []
    siar_mb: list[float] = []
    for _run in range(runs):
        seconds, mb = time_to_paint(bare_command(), env)
        bare.append(seconds)
        bare_mb.append(mb)
        seconds, mb = time_to_paint(siar_command(), probe)
        siar.append(seconds)
        siar_mb.append(mb)
    ratio = median_ms(siar) / median_ms(bare)
    peak = max(siar_mb)
    return [
        Row(
            "cold start to a painted window",
            f"median {median_ms(siar):.0f} ms (bare {median_ms(bare):.0f} ms), best {min(siar) * 1000:.0f} ms, {runs} runs",
            ratio=ratio,
            versus="bare PySide6 window",
            target="≤ 2×",
            met=ratio <= 2,
        ),
        Row(
            "peak memory at the painted window",
            f"{peak:.0f} MB (bare {max(bare_mb):.0f} MB)",
            ratio=peak / max(bare_mb),
            versus="bare PySide6 window",
            target="≤ 120 MB",
            met=peak <= 120,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    print(f"cold start to the first painted window ({args.runs} runs each, interleaved)")
    emit(measure(args.runs))


if __name__ == "__main__":
    main()
