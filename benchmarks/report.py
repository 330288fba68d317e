"""The one shape every benchmark reports in, so run_all.py can print ratios for all of them.

A benchmark script measures its subject and what it is compared with *in the same run*
(the peer, a bare window, a small workspace), then calls ``emit(rows)``. Each row is
printed once as a line for people and once as a ``ROW {json}`` line that run_all.py
collects. Ratios, not milliseconds, are what carry across machines.

    from report import Row, emit
    emit([Row("start-up, 10,000 drafts", "412 ms", ratio=1.08, versus="3 drafts", target="≤ 1.2×")])
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

PREFIX = "ROW "


@dataclass(frozen=True)
class Row:
    what: str
    measured: str  # the figure(s) with units, e.g. "p50 3.1 ms, p95 5.0 ms"
    ratio: float | None = None  # measured / versus, same run
    versus: str = ""  # what the ratio is against: "bare window", "satori + resvg", "3 drafts"
    target: str = ""  # the target, e.g. "≤ 1.2×" or "≤ 50 ms"
    met: bool | None = None  # whether the target holds (None: no target)

    def line(self) -> str:
        text = f"  {self.what}: {self.measured}"
        if self.ratio is not None:
            text += f"   {self.ratio:.2f}× {self.versus}"
        if self.target:
            text += f"   target {self.target}" + ("" if self.met is None else (" ✓" if self.met else " ✗"))
        return text


def emit(rows: Iterable[Row]) -> None:
    for row in rows:
        print(row.line(), flush=True)
        print(PREFIX + json.dumps(asdict(row), ensure_ascii=False), flush=True)


def parse(output: str) -> list[Row]:
    return [Row(**json.loads(line[len(PREFIX) :])) for line in output.splitlines() if line.startswith(PREFIX)]


def median_ms(seconds: Sequence[float]) -> float:
    return statistics.median(seconds) * 1000


def p95_ms(seconds: Sequence[float]) -> float:
    ordered = sorted(seconds)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000
