"""The monthly social-media report (*Laporan bulanan*): figures from the workspace
(``model``), written as PDF (``pdf``), XLSX (``xlsx``) and CSV (``table``). No Qt here:
the window and ``siar report`` both call :func:`write`."""

from __future__ import annotations

from pathlib import Path

from composer.report.model import MonthReport, build
from composer.store.workspace import Workspace

__all__ = ["MonthReport", "build", "write"]


def write(
    workspace: Workspace,
    month: str,
    *,
    pdf: Path | None = None,
    xlsx: Path | None = None,
    csv: Path | None = None,
) -> MonthReport:
    """Build the report of *month* and write the files asked for (each whole or not at all)."""
    report = build(workspace, month)
    if csv is not None:
        from composer.report import table

        table.write_csv(report, csv)
    if xlsx is not None:
        from composer.report import xlsx as xlsx_writer

        xlsx_writer.write(report, xlsx)
    if pdf is not None:
        from composer.report import pdf as pdf_writer

        pdf_writer.write(report, pdf, workspace)
    return report
