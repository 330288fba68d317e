"""Cold start to the first *painted* main window, beside a bare PySide6 window, same run.

    python benchmarks/startup.py [--runs 11]

Four new Python processes started the same way, interleaved: the bare window, the "qt
floor" (benchmarks/floor_window.py: Siar's window as it stands at its first paint, rebuilt
with PySide6 alone from benchmarks/fixtures/first_paint_tree.json, which
benchmarks/first_paint_dump.py writes from the real window) and Siar. The floor is what
the same widgets cost in Qt with none of Siar's Python; Siar minus the floor is Siar's own.
The fourth is the bare window again, reading PySide6's embedded support code and its
regular expressions compiled, as Siar does (composer/code_cache.py): not the baseline, but
how much of Siar's margin those caches are. The clock runs from spawning the process
until the window has had its first paint event and that paint has finished (an event
filter on the window's Paint event, then a zero timer: see composer/ui/startup_probe.py);
the child prints "painted <peak RSS MB> <CPU s>" and quits.
Siar opens a returning officer's workspace (the demo drafts, welcome done), found the way
the officer's is: a throwaway home folder and platformdirs, not SIAR_HOME (which would spare
Siar importing platformdirs). Besides the wall time, each child's CPU time at its paint
(user + system, printed with the peak) is reported: the machine is shared, and CPU is
disturbed less by the load.
With --phases, Siar alone runs with SIAR_STARTUP_PROBE=phases and the CPU each phase of
its start-up took is printed (composer/startup_phases.py), beside the bare window's.
Targets (issue 17): ≤ 2× the bare window; peak memory at the painted window ≤ 120 MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from report import Row, emit, median_ms

ROOT = Path(__file__).resolve().parents[1]

# The same probe as Siar's, inline, so the bare window imports nothing of Siar.
BARE = """
import resource, sys
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
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
            QTimer.singleShot(0, lambda: (print("painted", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, cpu(), flush=True), app.quit()))
        return False
probe = FirstPaint(window)
window.installEventFilter(probe)
window.show()
app.exec()
"""


# The bare window again, with PySide6's embedded support code and its regular expressions
# read back compiled, as Siar does at every start (composer/code_cache.py): not the
# baseline, which is PySide6 as it comes, but what shows how much of Siar's margin those
# caches are. Only around PySide6's import (Siar's stand-in lasts until its paint, but a
# bare window compiles no other pattern), with a file of its own: Siar's holds Siar's.
BARE_CACHED = (
    "import os, pathlib\n"
    "from composer.code_cache import pyside_support, regex_patterns\n"
    "code = pathlib.Path(os.environ['SIAR_BENCH_PYSIDE_CACHE'])\n"
    "with regex_patterns(code.with_name('bench-bare-regex-patterns.marshal')), pyside_support(code):\n"
    "    import PySide6.QtWidgets\n"
) + BARE


def environment(home: str) -> dict[str, str]:
    # The officer's Siar finds its folders the platform's way (platformdirs), not through
    # SIAR_HOME: a throwaway home folder, with no XDG variable pointing elsewhere.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("XDG_") and key not in ("SIAR_HOME", "FONTCONFIG_FILE")
    }
    env.update(QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), HOME=home)
    # Where that Siar keeps PySide6's compiled support code, for the fourth process.
    env["SIAR_BENCH_PYSIDE_CACHE"] = subprocess.run(
        [
            sys.executable,
            "-c",
            "from composer import paths; print(paths.cache_dir() / 'pyside-support.marshal')",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # An installed Siar (pip or the PyInstaller bundle) runs from compiled bytecode; a
    # shell with PYTHONDONTWRITEBYTECODE would make every run recompile every module.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def siar_command() -> list[str]:
    return [sys.executable, "-m", "composer"]


def bare_command() -> list[str]:
    return [sys.executable, "-c", BARE]


def bare_cached_command() -> list[str]:
    return [sys.executable, "-c", BARE_CACHED]


FLOOR_TREE = ROOT / "benchmarks" / "fixtures" / "first_paint_tree.json"


def floor_command() -> list[str]:
    return [sys.executable, str(ROOT / "benchmarks" / "floor_window.py"), str(FLOOR_TREE)]


@dataclass
class Paint:
    seconds: float  # wall, spawn to the painted report
    cpu: float  # the child's user + system seconds at its paint
    mb: float  # peak RSS at the paint
    phases: list[tuple[str, float]] = field(default_factory=list)  # SIAR_STARTUP_PROBE=phases


def time_to_paint(command: list[str], env: dict[str, str]) -> Paint:
    """Time from spawning *command* until it reports its first paint, its CPU and peak MB."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT
    )
    assert process.stdout is not None
    painted: Paint | None = None
    phases: list[tuple[str, float]] = []
    for line in process.stdout:
        if line.startswith("phase "):
            _, cpu, name = line.rstrip("\n").split(" ", 2)
            phases.append((name, float(cpu)))
        if line.startswith("painted") and painted is None:
            painted = Paint(
                time.perf_counter() - started, float(line.split()[2]), float(line.split()[1]), phases
            )
    process.wait(timeout=60)
    if painted is None:
        raise RuntimeError(f"{command[:3]} never painted its window")
    return painted


# The --demo start quits at its first paint, which can leave a photo's thumbnail unmade (a
# task not started yet is dropped); the next start would make it with Pillow on a worker,
# racing its own paint. A returning officer's workspace has them all.
THUMBNAILS = """
from composer.store.workspace import Workspace
from composer.ui.thumbnails import THUMB_PX
workspace = Workspace()
for (media_id,) in workspace.db.execute("SELECT id FROM media WHERE kind = 'image'").fetchall():
    item = workspace.media.item_for_id(media_id)
    assert item is not None and workspace.media.thumbnail(item, THUMB_PX) is not None
workspace.close()
"""


def prepare_demo(env: dict[str, str]) -> None:
    """A returning officer's workspace: the demo drafts, the welcome done, the thumbnails
    made, and what a start keeps for the next one (composer/code_cache.py): the demo's
    first start seeds the workspace, so what it compiles is not what a usual start does."""
    for command in ([*siar_command(), "--demo"], [sys.executable, "-c", THUMBNAILS], siar_command()):
        subprocess.run(
            command,
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
    time_to_paint(bare_command(), env)  # all with bytecode and font caches warm
    time_to_paint(floor_command(), env)
    time_to_paint(siar_command(), probe)
    time_to_paint(bare_cached_command(), env)
    bare: list[Paint] = []
    floor: list[Paint] = []
    siar: list[Paint] = []
    cached: list[Paint] = []
    for _run in range(runs):
        bare.append(time_to_paint(bare_command(), env))
        floor.append(time_to_paint(floor_command(), env))
        siar.append(time_to_paint(siar_command(), probe))
        cached.append(time_to_paint(bare_cached_command(), env))
    series = {"bare": bare, "floor": floor, "siar": siar, "cached": cached}
    wall = {name: median_ms([p.seconds for p in runs_]) for name, runs_ in series.items()}
    cpu = {name: median_ms([p.cpu for p in runs_]) for name, runs_ in series.items()}
    floor_ratio = wall["floor"] / wall["bare"]
    ratio = wall["siar"] / wall["bare"]
    peak = max(p.mb for p in siar)
    bare_mb = [p.mb for p in bare]
    siar_s = [p.seconds for p in siar]

    def spread(values: list[Paint], base: list[Paint]) -> str:
        ratios = sorted(v.seconds / b.seconds for v, b in zip(values, base, strict=True))
        return f"run-by-run {ratios[0]:.2f}–{ratios[-1]:.2f}×"

    return [
        Row(
            "qt floor: Siar's first-paint widget tree in PySide6 alone",
            f"median {wall['floor']:.0f} ms (bare {wall['bare']:.0f} ms), {spread(floor, bare)}; "
            f"CPU {cpu['floor']:.0f} ms (bare {cpu['bare']:.0f} ms, {cpu['floor'] / cpu['bare']:.2f}×)",
            ratio=floor_ratio,
            versus="bare PySide6 window",
            target="≤ 2× (what 2× leaves for Siar's Python)",
            met=floor_ratio <= 2,
        ),
        Row(
            "cold start to a painted window",
            f"median {wall['siar']:.0f} ms (bare {wall['bare']:.0f} ms), best {min(siar_s) * 1000:.0f} ms, "
            f"{runs} runs, {spread(siar, bare)}; CPU {cpu['siar']:.0f} ms "
            f"({cpu['siar'] / cpu['bare']:.2f}× bare, {cpu['siar'] / cpu['floor']:.2f}× floor)",
            ratio=ratio,
            versus="bare PySide6 window",
            target="≤ 2×",
            met=ratio <= 2,
        ),
        Row(
            "the same, against a bare window that also reads PySide6's support code and patterns compiled (as Siar does)",
            f"bare with that cache: median {wall['cached']:.0f} ms, CPU {cpu['cached']:.0f} ms "
            f"({wall['cached'] / wall['bare']:.2f}× the plain bare window); Siar {spread(siar, cached)} against it",
            ratio=wall["siar"] / wall["cached"],
            versus="bare window with PySide6's support code and patterns cached",
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


def phases(runs: int) -> None:
    """Siar's CPU per start-up phase (medians), beside the bare window's whole start."""
    env = environment(tempfile.mkdtemp(prefix="siar-startup-"))
    prepare_demo(env)
    probe = {**env, "SIAR_STARTUP_PROBE": "phases"}
    time_to_paint(siar_command(), probe)
    bare, siar = [], []
    for _run in range(runs):
        bare.append(time_to_paint(bare_command(), env).cpu)
        siar.append(time_to_paint(siar_command(), probe).phases)
    names = [name for name, _cpu in siar[0]]
    print(
        f"Siar's CPU per start-up phase, median of {runs} (the bare window: {median_ms(bare):.0f} ms in all)"
    )
    before = 0.0
    for index, name in enumerate(names):
        at = median_ms([run[index][1] for run in siar])
        print(f"  {name:40s} {at - before:7.1f} ms   (at {at:6.1f} ms, {at / median_ms(bare):.2f}× bare)")
        before = at


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--phases", action="store_true", help="Siar's CPU per start-up phase instead")
    args = parser.parse_args()
    if args.phases:
        phases(args.runs)
        return
    print(f"cold start to the first painted window ({args.runs} runs each, interleaved)")
    emit(measure(args.runs))


if __name__ == "__main__":
    main()
