"""The report as an Excel workbook (openpyxl): "Ringkasan" (teraktif and terpopuler per
platform, uploads per week, response times), "Unggahan" (one row per upload, the same table as the CSV)
and "Tagar". Numbers are written as numbers, so the ministry's spreadsheet can sum them."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from composer.report.model import MonthReport
from composer.report.table import HEADER, RESPONSE_TITLE, response_rows, row, write_whole

BOLD = Font(bold=True)


def write(report: MonthReport, path: Path) -> None:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Ringkasan"
    summary.append([report.office])
    summary.append([report.title])
    summary["A1"].font = summary["A2"].font = BOLD
    summary.append([])
    summary.append(["Platform", "Unggahan", "Interaksi 24 jam"])
    per_platform, interactions = report.uploads_per_platform(), report.interactions_per_platform()
    for platform in report.platform_ids:
        summary.append([_name(report, platform), per_platform[platform], interactions[platform]])
    summary.append(["Jumlah", report.total_uploads(), report.total_interactions()])
    summary.append([])
    summary.append(["Platform", *(f"Minggu {w}" for w in range(1, report.weeks + 1))])
    for platform, weeks in report.uploads_per_week().items():
        summary.append([_name(report, platform), *weeks])
    summary.append([])
    summary.append(["Unggahan tanpa data 24 jam", report.without_24h()])
    summary.append([])
    summary.append([RESPONSE_TITLE, "Nilai"])
    summary.cell(summary.max_row, 1).font = BOLD
    for label, value in response_rows(report):
        summary.append([label, value])
    summary.column_dimensions["A"].width = 28

    uploads = book.create_sheet("Unggahan")
    uploads.append(list(HEADER))
    for upload in report.uploads:
        uploads.append(row(upload))
    for cell in uploads[1]:
        cell.font = BOLD
    uploads.freeze_panes = "A2"

    tags = book.create_sheet("Tagar")
    tags.append(["Tagar", "Dipakai"])
    for tag, count in report.hashtag_use():
        tags.append([tag, count])

    out = io.BytesIO()
    book.save(out)
    write_whole(path, out.getvalue())


def _name(report: MonthReport, platform: str) -> str:
    return next((u.platform_name for u in report.uploads if u.platform == platform), platform)
