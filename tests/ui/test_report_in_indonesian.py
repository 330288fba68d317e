"""Berkas › Laporan bulanan in Bahasa Indonesia (found looking at the dialog at 1366×768):
the budgets and X's prices are written the Indonesian way (4.800, $0,10) and the ticks say
what they do ("Ambil statistik dari", not a bare "Statistik")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGroupBox, QLabel
from pytestqt.qtbot import QtBot

from composer import i18n
from composer.session import Session, Workspace
from composer.ui.main_window import MainWindow
from composer.ui.report_dialog import ReportDialog


@pytest.fixture
def indonesian_window(qtbot: QtBot, workspace: Workspace) -> Iterator[MainWindow]:
    i18n.set_language("id")
    session = Session(workspace)
    window = MainWindow(session, session.preferences())
    qtbot.addWidget(window)
    yield window
    window.close()
    session.close()
    i18n.set_language("en")


def test_the_report_dialog_writes_numbers_the_indonesian_way(
    qtbot: QtBot, indonesian_window: MainWindow
) -> None:
    window = indonesian_window
    action = next(a for a in window.findChildren(QAction) if a.text() == "Laporan b&ulanan…")
    action.trigger()
    dialog = window.findChild(ReportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.switches["facebook"].text() == "Facebook: 0 dari 4.800 permintaan hari ini"
    assert [b.title() for b in dialog.findChildren(QGroupBox)] == ["Ambil statistik dari"]
    cost = next(label.text() for label in dialog.findChildren(QLabel) if "X menagih" in label.text())
    assert "$0,10 per 100" in cost and "$0,005 per" in cost and "$0." not in cost
    dialog.close()
