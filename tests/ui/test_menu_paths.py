"""Menu paths a person uses, driven through the QAction or its shortcut (issue 12)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from composer.ui.design_editor.editor import DesignEditor
from composer.ui.guide import GuideDialog
from composer.ui.main_window import MainWindow


def menu_action(window: MainWindow, menu_index: int, text: str) -> QAction:
    """The action whose text (without the & mnemonic) starts with *text* in a top menu."""
    menu = window.menuBar().actions()[menu_index].menu()
    assert isinstance(menu, QMenu)
    for action in menu.actions():
        if action.text().replace("&", "").startswith(text):
            submenu = action.menu()  # File › Accounts is a submenu: its first entry opens Accounts
            return submenu.actions()[0] if isinstance(submenu, QMenu) else action
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


def test_the_guide_fits_a_laptop_work_area(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 1366×768 screen less a taskbar: the guide opened with F1 must keep its Close
    button on screen (it asked for 760 px of height)."""
    from PySide6.QtCore import QRect

    from composer.ui import screen_fit

    area = QRect(0, 0, 1366, 728)
    monkeypatch.setattr(screen_fit, "available_area", lambda _window: area)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.editor.text_edit.setFocus()
    qtbot.keyClick(window.editor.text_edit, Qt.Key.Key_F1)
    (guide,) = open_guides()
    room = area.size() - screen_fit.FRAME_ALLOWANCE
    assert guide.width() <= room.width() and guide.height() <= room.height()
    guide.close()


def open_design(qtbot: QtBot, window: MainWindow) -> DesignEditor:
    """Click the Infographic tab and start from a template, as the officer does."""
    bar = window.modes.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    editor = window.design_editor
    editor.start_from("langkah-paspor")
    qtbot.waitUntil(lambda: editor.frame() is not None)
    return editor


def click_layer(qtbot: QtBot, editor: DesignEditor, name: str) -> str:
    layer = next(lay for lay in editor.document.design.layers if lay.name == name)
    rect = editor.canvas.rect_of(layer.id)
    assert rect is not None
    point = editor.canvas.mapFromScene(QPointF(rect.x + rect.w / 2, rect.y + rect.h / 2))
    qtbot.mouseClick(editor.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert editor.canvas.selection == [layer.id]
    return layer.id


def test_design_shortcuts_work_on_the_canvas(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    editor = open_design(qtbot, window)
    layer_id = click_layer(qtbot, editor, "Subjudul")
    canvas = editor.canvas
    canvas.setFocus()
    count = len(editor.document.design.layers)
    ctrl = Qt.KeyboardModifier.ControlModifier

    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    assert editor.document.design.find(layer_id) is None
    qtbot.keyClick(canvas, Qt.Key.Key_Z, ctrl)
    assert editor.document.design.find(layer_id) is not None
    qtbot.keyClick(canvas, Qt.Key.Key_Y, ctrl)
    assert editor.document.design.find(layer_id) is None
    qtbot.keyClick(canvas, Qt.Key.Key_Z, ctrl)
    click_layer(qtbot, editor, "Subjudul")
    qtbot.keyClick(canvas, Qt.Key.Key_D, ctrl)
    assert len(editor.document.design.layers) == count + 1

    # Sunting › Urungkan undoes the design edit while the canvas has the focus.
    canvas.setFocus()
    menu_action(window, 1, "Undo").trigger()
    assert len(editor.document.design.layers) == count


def test_edit_menu_undoes_the_focused_text_field(qtbot: QtBot, window: MainWindow) -> None:
    edit = window.editor.text_edit
    edit.setFocus()
    qtbot.keyClicks(edit, "Halo")
    menu_action(window, 1, "Undo").trigger()
    assert edit.toPlainText() == ""
    menu_action(window, 1, "Redo").trigger()
    assert edit.toPlainText() == "Halo"


def test_one_word_for_undo_in_indonesian(qtbot: QtBot, window: MainWindow) -> None:
    from composer import i18n

    i18n.set_language("id")
    indonesian = MainWindow(window.session, window.session.preferences())
    qtbot.addWidget(indonesian)
    open_design(qtbot, indonesian)
    menu_word = menu_action(indonesian, 1, "Urungkan").text().replace("&", "")
    toolbar_word = indonesian.design_editor.undo_action.text()
    assert menu_word == toolbar_word == "Urungkan"
    indonesian.close()
    indonesian.tasks.wait()
