"""Berkas › Laporan bulanan: the menu action opens the dialog, which writes the three files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from composer.ui.main_window import MainWindow
from composer.ui.report_dialog import ReportDialog, recent_months


def test_the_file_menu_makes_the_monthly_report(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "laporan"
    out.mkdir()
    action = next(
        a for a in window.findChildren(type(window.menuBar().actions()[0])) if a.text() == "Monthly &report…"
    )
    action.trigger()
    dialog = window.findChild(ReportDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.folder.setText(str(out))
    dialog.month.setCurrentText("2026-11")
    dialog.make.click()
    assert sorted(p.name for p in out.iterdir()) == [
        "laporan-2026-11.csv",
        "laporan-2026-11.pdf",
        "laporan-2026-11.xlsx",
    ]
    assert "0 uploads" in dialog.outcome.text()
    dialog.folder.setText(str(tmp_path / "nope"))
    dialog.make.click()
    assert "does not exist" in dialog.outcome.text()
    assert QApplication.overrideCursor() is None
    dialog.close()


def test_the_previous_month_comes_first() -> None:
    months = recent_months(1_795_000_000.0)  # 18 Nov 2026
    assert months[0] == "2026-10" and months[-1] == "2026-11" and len(months) == 13


def test_the_dialog_shows_todays_budgets_and_turns_x_off(qtbot: QtBot, window: MainWindow) -> None:
    from composer.insights.settings import MetricsSettings

    action = next(
        a for a in window.findChildren(type(window.menuBar().actions()[0])) if a.text() == "Monthly &report…"
    )
    action.trigger()
    dialog = window.findChild(ReportDialog)
    assert dialog is not None
    assert set(dialog.switches) == {"facebook", "instagram", "x", "youtube", "wordpress", "tiktok"}
    assert "0 of 48 requests today" in dialog.switches["x"].text()
    dialog.switches["x"].setChecked(False)
    assert not MetricsSettings(window.session.workspace).enabled("x")
    dialog.close()
