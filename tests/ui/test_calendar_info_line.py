"""The line under the calendar writes the chosen post's date as the rest of Siar does
(15-12-2026, not 2026-12-15) and shows a title with “<” as typed (found looking at the
Kalender tab at 1366×768)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from composer.ui.main_window import MainWindow
from tests.ui.test_calendar_ui import FUTURE, _draft, _open


def test_the_info_line_shows_the_date_and_title_as_written(qtbot: QtBot, window: MainWindow) -> None:
    _draft(window, "Antre <30 menit", f"{FUTURE}-12-15T09:30", ("instagram",))
    panel = _open(qtbot, window, FUTURE, 12)
    grid = panel.grid
    grid.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down):
        qtbot.keyClick(grid, key)
    while grid.selected_day.day < 15:
        qtbot.keyClick(grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert grid.selected_item() is not None
    assert f"15-12-{FUTURE} 09:30" in panel.info.text()
    assert "<b>Antre &lt;30 menit</b>" in panel.info.text()
