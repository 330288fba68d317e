"""Menu paths a person uses, driven through the QAction or its shortcut (issue 12)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from composer.ui.guide import GuideDialog
from composer.ui.main_window import MainWindow


def menu_action(window: MainWindow, menu_index: int, text: str) -> QAction:
    """The action whose text (without the & mnemonic) starts with *text* in a top menu."""
    menu = window.menuBar().actions()[menu_index].menu()
    assert isinstance(menu, QMenu)
    for action in menu.actions():
        if action.text().replace("&", "").startswith(text):
            return action
    raise AssertionError(f"no {text!r} in {[a.text() for a in menu.actions()]}")


def open_guides() -> list[GuideDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, GuideDialog) and w.isVisible()]


def test_help_menu_opens_the_guide(qtbot: QtBot, window: MainWindow) -> None:
    menu_action(window, 2, "User guide").trigger()
    guides = open_guides()
    assert len(guides) == 1 and "Panduan Siar" in guides[0].browser.toPlainText()
    guides[0].close()


def test_f1_opens_the_guide(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.editor.text_edit.setFocus()
    qtbot.keyClick(window.editor.text_edit, Qt.Key.Key_F1)
    guides = open_guides()
    assert len(guides) == 1 and "Panduan Siar" in guides[0].browser.toPlainText()
    guides[0].close()
