"""Cold start to a usable main window, beside a bare PySide6 window started the same way.

    python benchmarks/startup.py [--runs 7]

Both are new Python processes; the time runs from spawning the process until the window
is shown and the event loop is idle (the child prints "ready"). Budget (DESIGN.md):
Siar within 3× the bare window. Siar opens a workspace with the demo drafts, as a
returning officer's would be (the first-run welcome is not part of it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1480, 900)
window.show()
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
app.exec()
"""


MEMORY: list[float] = []


def time_to_ready(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("ready"):
            elapsed = time.perf_counter() - started
            parts = line.split()
            if len(parts) > 1:
                MEMORY.append(float(parts[1]))
            process.wait(timeout=30)
            return elapsed
    raise RuntimeError(f"{command[:3]} never became ready")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="siar-startup-")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "SIAR_HOME": home}
    # An installed Siar (pip or the PyInstaller bundle) runs from compiled bytecode; a
    # shell with PYTHONDONTWRITEBYTECODE would make every run recompile every module.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # Prepare a returning officer's workspace: demo drafts, welcome done.
    subprocess.run(
        [sys.executable, "-m", "composer", "--demo"],
        env={**env, "SIAR_STARTUP_PROBE": "1"},
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    time_to_ready([sys.executable, "-c", BARE], env)  # both with bytecode caches warm
    time_to_ready([sys.executable, "-m", "composer"], {**env, "SIAR_STARTUP_PROBE": "1"})
    bare, siar = [], []
    for _run in range(args.runs):
        bare.append(time_to_ready([sys.executable, "-c", BARE], env))
        siar.append(time_to_ready([sys.executable, "-m", "composer"], {**env, "SIAR_STARTUP_PROBE": "1"}))
    b, s = statistics.median(bare), statistics.median(siar)
    print(f"cold start to a usable window ({args.runs} runs each, interleaved)")
    print(f"  bare PySide6 window   median {b * 1000:5.0f} ms   best {min(bare) * 1000:5.0f} ms")
    print(f"  Siar main window      median {s * 1000:5.0f} ms   best {min(siar) * 1000:5.0f} ms")
    print(
        f"  ratio                 median {s / b:5.2f}×     best {min(siar) / min(bare):5.2f}×   (budget 3×)"
    )
    if MEMORY:
        print(
            f"  Siar peak memory at a usable window: {statistics.median(MEMORY):.0f} MB (budget: idle ≤ 200 MB)"
        )


if __name__ == "__main__":
    main()
