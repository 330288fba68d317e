"""A 1366×768 laptop screen in Bahasa Indonesia: everything that matters is in sight (issue 12.6, 12.8)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from composer import i18n
from composer.store.workspace import Workspace
from composer.ui.main_window import MainWindow
from composer.ui.qt_translations import install_qt_catalogue
from composer.ui.tasks import TaskRunner
from tests.ui.test_menu_paths import open_design


def on_screen(widget: QWidget, window: MainWindow) -> bool:
    """Shown, and wholly inside the window's visible area."""
    if not widget.isVisible():
        return False
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


@pytest.fixture
def laptop(qtbot: QtBot, workspace: Workspace) -> Iterator[MainWindow]:
    """The Indonesian window on a 1366×768 screen (the usable height left by a taskbar)."""
    i18n.set_language("id")
    install_qt_catalogue()
    runner = TaskRunner()
    window = MainWindow(workspace, runner, workspace.settings.load())
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    window.net.wait()
    runner.wait()
    i18n.set_language("en")
    install_qt_catalogue()


def test_pasang_ke_posting_stays_in_sight(qtbot: QtBot, laptop: MainWindow) -> None:
    editor = open_design(qtbot, laptop)
    buttons = [b for b in editor.findChildren(QAbstractButton) if b.text() == "Pasang ke posting"]
    assert [b for b in buttons if on_screen(b, laptop)], "the primary action is hidden"
    overflow = editor.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert overflow is None or not overflow.isVisible(), "the toolbar hides actions in ››"
    # A long step name never widens the toolbar: the label stays "Urungkan".
    editor.canvas.select([editor.document.design.layers[0].id])
    editor.canvas.nudge(5, 0)
    assert editor.undo_action.text() == "Urungkan" and "Pindahkan" in editor.undo_action.toolTip()
