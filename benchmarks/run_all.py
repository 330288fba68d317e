"""Run every benchmark and print a table of the latest figures (for the README).

    python benchmarks/run_all.py

Each benchmark is its own process (a clean interpreter and Qt), run offscreen.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (script, what, budget, pattern whose groups form the figure)
ROWS = [
    (
        "preview_latency.py",
        "keystroke → all five previews (2,000 chars, 4 images)",
        "p95 ≤ 8 ms",
        r"previews: p50 ([\d.]+) ms\s+p95 ([\d.]+) ms",
        "p50 {0} ms, p95 {1} ms",
    ),
    (
        "render.py",
        "render a 12-layer 1080×1350 design (cold tiles)",
        "≤ 40 ms",
        r"cold tiles\):\s+median\s+([\d.]+) ms",
        "{0} ms median",
    ),
    (
        "render.py",
        "re-render after dragging one layer",
        "≤ 10 ms",
        r"dragging one layer:\s+median\s+([\d.]+) ms\s+p95\s+([\d.]+)",
        "{0} ms median, {1} ms p95",
    ),
    (
        "render.py",
        "export one design to all 7 sizes",
        "≤ 400 ms",
        r"export all 7 sizes.*?median\s+([\d.]+) ms\s+p95\s+([\d.]+)",
        "{0} ms median, {1} ms p95",
    ),
    (
        "startup.py",
        "cold start to a usable window, vs a bare PySide6 window",
        "≤ 3×",
        r"ratio\s+median\s+([\d.]+)×",
        "{0}× (median)",
    ),
    (
        "startup.py",
        "memory at a usable window",
        "idle ≤ 200 MB",
        r"peak memory at a usable window: (\d+) MB",
        "{0} MB peak",
    ),
    (
        "fanout.py",
        "one post to 5 accounts, 300 ms per request",
        "wall ≈ slowest chain",
        r"wall time\s+([\d.]+) s.*?slowest chain\s+([\d.]+) s.*?sum of chains\s+([\d.]+) s",
        "wall {0} s, slowest {1} s, sum {2} s",
    ),
]


def main() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    outputs: dict[str, str] = {}
    for script in dict.fromkeys(row[0] for row in ROWS):
        print(f"running {script}…", flush=True)
        done = subprocess.run(
            [sys.executable, str(HERE / script)], env=env, capture_output=True, text=True, timeout=900
        )
        outputs[script] = done.stdout
        print(done.stdout)
    print("| what | budget | measured |")
    print("| --- | --- | --- |")
    for script, what, budget, pattern, shape in ROWS:
        match = re.search(pattern, outputs.get(script, ""), re.DOTALL)
        figure = shape.format(*match.groups()) if match else "(not measured)"
        print(f"| {what} (`{script}`) | {budget} | {figure} |")


if __name__ == "__main__":
    main()
