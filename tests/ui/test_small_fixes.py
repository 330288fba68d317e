"""The small things a user noticed in the first hour (issue 12.10), each through the UI."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QMenu, QPlainTextEdit, QPushButton, QToolButton
from pytestqt.qtbot import QtBot

from composer.design.layout import Rect
from composer.sandbox import Sandbox
from composer.session import Action
from composer.ui.main_window import MainWindow
from composer.ui.outbox_dialog import OutboxDialog
from composer.ui.qt_translations import install_qt_catalogue
from tests.ui.test_menu_paths import click_layer, menu_action, open_design
from tests.ui.test_publish_ui import demo_window

__all__ = ["demo_window"]  # the fixture, shared with test_publish_ui


def test_an_icon_on_the_title_is_an_overlap(qtbot: QtBot, window: MainWindow) -> None:
    editor = open_design(qtbot, window)
    qtbot.waitUntil(lambda: "readable" in editor.findings_label.text())
    add = next(b for b in editor.toolbar.findChildren(QToolButton) if b.text() == "Add")
    menu = add.menu()
    assert isinstance(menu, QMenu)
    next(a for a in menu.actions() if a.text() == "Icon").trigger()
    [icon_id] = editor.canvas.selection
    title = next(lay for lay in editor.document.design.layers if lay.name == "Judul")
    box = editor.canvas.rect_of(title.id)
    assert box is not None
    editor.canvas.move_layers({icon_id: Rect(box.x + 20, box.y, box.h, box.h)})  # onto the title
    qtbot.waitUntil(lambda: "overlap" in editor.findings_label.text())
    assert "Judul" in editor.findings_label.text()
    assert "readable" not in editor.findings_label.text()


def test_the_infographic_alt_text_box_wraps(qtbot: QtBot, window: MainWindow) -> None:
    editor = open_design(qtbot, window)
    seen: dict[str, object] = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, look)
            return
        box = dialog.findChild(QPlainTextEdit)
        assert box is not None
        seen["wrap"] = box.lineWrapMode()
        seen["sideways"] = box.horizontalScrollBar().isVisible()
        seen["lines"] = box.height() // box.fontMetrics().lineSpacing()
        dialog.reject()

    QTimer.singleShot(0, look)
    qtbot.mouseClick(editor.export_button, Qt.MouseButton.LeftButton)
    assert seen["wrap"] == QPlainTextEdit.LineWrapMode.WidgetWidth
    assert seen["sideways"] is False and int(seen["lines"]) >= 5  # type: ignore[call-overload]


def test_outbox_has_close_no_zero_tries_and_says_what_to_check(
    qtbot: QtBot, demo_window: MainWindow, sandbox: Sandbox
) -> None:
    session = demo_window.session
    assert demo_window.post is not None
    x = next(a for a in session.accounts() if a.platform == "x")
    [job] = session.outbox.enqueue(demo_window.post, [x])
    session.outbox.run_due()
    assert session.workspace.outbox.get(job.id).state == "done"  # type: ignore[union-attr]
    menu_action(demo_window, 0, "Outbox").trigger()
    dialog = demo_window._open_dialog
    assert isinstance(dialog, OutboxDialog)
    row = dialog.jobs.topLevelItem(0)
    assert row is not None and row.text(3) == ""  # not "0" tries for a post that went out
    assert "Sandbox, not published" in row.text(4)
    history = dialog.history.topLevelItem(0)
    assert history is not None and history.text(4).startswith("Sandbox, not published: https://x.com/")
    assert "look for it on the platform" in dialog.buttons[Action.MARK_POSTED].toolTip().lower()
    close = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Close")
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_numbers_are_written_the_indonesian_way(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from PIL import Image

    from composer import i18n
    from composer.core.findings import warning

    i18n.set_language("id")
    finding = warning("instagram.cropped", "media", ratio="1200×1600", aspect=0.8)
    text = i18n.describe(finding)
    assert "1,91:1" in text and "0,8:1" in text and "0.8" not in text
    i18n.set_language("en")
    assert "0.8:1" in i18n.describe(finding)
    # And in the window: Instagram's card for a tall photo.
    i18n.set_language("id")
    install_qt_catalogue()
    try:
        indonesian = MainWindow(window.session, window.session.preferences())
        qtbot.addWidget(indonesian)
        indonesian.resize(1366, 728)
        indonesian.show()  # cards out of sight catch up only when shown
        photo = tmp_path / "tinggi.jpg"
        Image.new("RGB", (600, 1200), "white").save(photo)
        indonesian.attach_files([str(photo)])
        card = indonesian.previews.card("instagram")
        qtbot.waitUntil(lambda: "memotongnya" in card.findings_label.plain_text())
        assert "0,8:1" in card.findings_label.plain_text()
        editor = open_design(qtbot, indonesian)
        click_layer(qtbot, editor, "Judul")
        sizes = [s.text() for s in editor.inspector.findChildren(QDoubleSpinBox) if s.suffix().strip() == "%"]
        assert sizes and all("," in s and "." not in s for s in sizes), sizes
        indonesian.close()
        indonesian.tasks.wait()
    finally:
        i18n.set_language("en")
        install_qt_catalogue()


def test_no_jargon_in_the_x_card(qtbot: QtBot, window: MainWindow) -> None:
    from composer import i18n

    window.editor.text_edit.setPlainText("Info: imigrasi.go.id")
    card = window.previews.card("x")
    qtbot.waitUntil(lambda: "link" in card.findings_label.plain_text())
    assert "$" not in card.findings_label.plain_text()
    i18n.set_language("id")
    assert i18n._("weighted") == "karakter"  # "berbobot" meant nothing to the officer
