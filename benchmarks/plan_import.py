"""Importing a 300-row month's plan with 60 infographic rows, rendering every platform's size.

    python benchmarks/plan_import.py [--rows 300] [--infographics 60]

Target (issue 16): ≤ 20 s for the whole import (reading the XLSX, checking every row,
saving 300 drafts, rendering and encoding each infographic in every platform's own size:
six images a row, also for the platforms the row did not choose). Prints the
time of each step, the total and its ratio to the target. A second import of the same
file is timed too: it must find every row unchanged and create nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_S = 20.0
TEMPLATES = ("statistik-bulanan", "libur", "waspada-calo", "jam-layanan", "tips-perjalanan")


def write_plan(path: Path, rows: int, infographics: int) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(
        ["id", "tanggal", "jam", "platform", "judul", "teks", "tagar", "templat", "isi.judul", "isi.data"]
    )
    every = max(rows // max(infographics, 1), 1)
    made = 0
    for index in range(rows):
        day = date(2026, 12, 1) + timedelta(days=index % 31)
        template, title, data = "", "", ""
        if index % every == 0 and made < infographics:
            template = TEMPLATES[made % len(TEMPLATES)]
            title = f"Infografis {made + 1}"
            data = (
                "Paspor baru: 1.310; Penggantian: 905; ITAS: 298" if template == "statistik-bulanan" else ""
            )
            made += 1
        sheet.append(
            [
                f"b-{index:04d}",
                day,
                f"{8 + index % 9:02d}:00",
                "facebook, instagram, x, wordpress",
                f"Unggahan {index + 1}",
                f"Informasi layanan keimigrasian nomor {index + 1} untuk masyarakat. " * 3,
                "#ImigrasiMelayani #KantorImigrasi",
                template,
                title if template else "",
                data,
            ]
        )
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--infographics", type=int, default=60)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="siar-plan-"))
    os.environ["SIAR_HOME"] = str(home)

    from composer.plan.importer import apply, read_plan
    from composer.store.workspace import Workspace

    path = home / "rencana.xlsx"
    write_plan(path, args.rows, args.infographics)
    workspace = Workspace()
    try:
        start = time.perf_counter()
        report = read_plan(path, workspace)
        read_s = time.perf_counter() - start
        assert not report.has_errors, [p.message() for p in report.all_problems()[:5]]
        steps = []
        result = apply(report, workspace, progress=lambda done, total: steps.append(done))
        total_s = time.perf_counter() - start
        rendered = sum(len(workspace.drafts.load(i).design_images) for i in result.draft_ids)
        print(f"rows: {args.rows}, infographic rows: {args.infographics}, images rendered: {rendered}")
        print(f"read and check: {read_s:.2f} s; save and render: {total_s - read_s:.2f} s")
        print(f"plan import: {total_s:.2f} s (target ≤ {TARGET_S:.0f} s, ratio {total_s / TARGET_S:.2f})")
        start = time.perf_counter()
        again = read_plan(path, workspace)
        second = apply(again, workspace)
        print(
            f"second import: {time.perf_counter() - start:.2f} s, "
            f"{second.created} created, {again.count('unchanged')} unchanged"
        )
        assert result.created == args.rows and second.created == 0
    finally:
        workspace.close()


if __name__ == "__main__":
    main()
