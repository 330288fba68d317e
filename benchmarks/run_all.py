"""Run every benchmark and print one table of figures *with their ratios* (for the README).

    python benchmarks/run_all.py [script.py ...]

Each benchmark is its own process (a clean interpreter and Qt), run offscreen, one after
the other (they would disturb each other's timings). A benchmark reports through
``report.emit(rows)`` (benchmarks/report.py): every row carries its same-run ratio (to
the peer, to the bare window, to the small workspace) and its target. To add one, write
the script, have it call ``emit``, and list it in SCRIPTS.

A script may instead print its own machine output (preview_latency.py --json): an
ADAPTERS entry turns it into rows. Scripts that do neither are read with the LEGACY
patterns (figures without ratios).
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from report import Row, parse

HERE = Path(__file__).resolve().parent

SCRIPTS = ["preview_latency.py", "render.py", "startup.py", "scale.py", "fanout.py", "monthly_report.py"]
# Extra arguments for a script whose rows are built here from its own machine output.
ARGUMENTS = {"preview_latency.py": ["--json"]}


def preview_rows(output: str) -> list[Row]:
    """preview_latency.py --json: one JSON object of figures (its ``summary()``)."""
    line = next((ln for ln in reversed(output.splitlines()) if ln.startswith("{")), "")
    if not line:
        return []
    s = json.loads(line)
    measured = (
        f"p50 {s['previews_p50_ms']:.2f} ms, p95 {s['previews_p95_ms']:.2f} ms, max {s['previews_max_ms']:.2f} ms, "
        f"{s['previews_over_frame_pct']:.1f} % of keys over one frame ({s['cards_on_screen']} cards on screen, "
        f"{s['keys']} keys; editor alone p95 {s['editor_p95_ms']:.2f} ms)"
    )
    return [
        Row(
            "keystroke → every visible preview painted (2,000 chars, 4 images)",
            measured,
            ratio=s["ratio_p95"],
            versus="editor alone (p95)",
            target="p95 ≤ 8 ms, no key over 16.7 ms",
            met=s["previews_p95_ms"] <= 8 and s["previews_max_ms"] <= 16.7,
        )
    ]


# Scripts whose machine output is not Row lines: how to read it.
ADAPTERS: dict[str, Callable[[str], list[Row]]] = {"preview_latency.py": preview_rows}

# script -> (what, target, pattern, shape): for scripts that print neither (figures without ratios).
LEGACY: dict[str, list[tuple[str, str, str, str]]] = {
    "render.py": [
        (
            "render a 1080×1350 design (cold tiles)",
            "≥ 5× satori + resvg",
            r"cold tiles\):\s+median\s+([\d.]+) ms",
            "{0} ms median",
        ),
    ],
}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import PySide6

        qt = f", PySide6 {PySide6.__version__}"
    except ImportError:
        qt = ""
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {platform.python_version()}{qt}"


def legacy_rows(script: str, output: str) -> list[Row]:
    rows = []
    for what, target, pattern, shape in LEGACY.get(script, []):
        match = re.search(pattern, output, re.DOTALL)
        measured = shape.format(*match.groups()) if match else "(not measured)"
        rows.append(Row(what, measured + " (no ratio: script emits no rows yet)", target=target))
    return rows


def run(script: str, env: dict[str, str]) -> list[Row]:
    print(f"running {script}…", flush=True)
    try:
        done = subprocess.run(
            [sys.executable, str(HERE / script), *ARGUMENTS.get(script, [])],
            env=env,
            capture_output=True,
            text=True,
            timeout=1800,
        )
    except subprocess.TimeoutExpired:
        return [Row(script, "(timed out)")]
    print("\n".join(line for line in done.stdout.splitlines() if not line.startswith("ROW ")))
    if done.returncode != 0:
        print(done.stderr[-2000:])
        return [Row(script, f"(failed, exit {done.returncode})")]
    adapter = ADAPTERS.get(script)
    return parse(done.stdout) or (adapter(done.stdout) if adapter else []) or legacy_rows(script, done.stdout)


def table(rows: list[Row]) -> str:
    lines = ["| what | measured | ratio | target | met |", "| --- | --- | --- | --- | --- |"]
    for row in rows:
        ratio = f"{row.ratio:.2f}× {row.versus}" if row.ratio is not None else "—"
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        lines.append(f"| {row.what} | {row.measured} | {ratio} | {row.target} | {met} |")
    return "\n".join(lines)


def main() -> None:
    scripts = sys.argv[1:] or SCRIPTS
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    rows: list[Row] = []
    for script in scripts:
        rows += run(script, env)
    print()
    print(f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}.")
    print("Ratios are from the same run; absolute times depend on the machine and its load.")
    print()
    print(table(rows))


if __name__ == "__main__":
    main()
