"""The KIP category is a field of the draft in the editor: chosen with the keyboard, saved
with the draft, shown again when the draft is opened, and on the report's evidence page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from composer.ui.main_window import MainWindow


def test_the_kip_category_is_chosen_in_the_editor_and_saved(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.editor
    qtbot.keyClicks(editor.text_edit, "Jadwal layanan paspor bulan Desember")
    assert window.post is not None
    first = window.post.id
    assert editor.kip_box.currentData() == ""
    editor.kip_box.setFocus()
    qtbot.keyClick(editor.kip_box, Qt.Key.Key_Down)  # "berkala"
    qtbot.keyClick(editor.kip_box, Qt.Key.Key_Down)  # "serta-merta"
    qtbot.waitUntil(lambda: window.session.workspace.drafts.load(first).kip == "serta-merta", timeout=3000)

    window.new_draft()
    assert editor.kip_box.currentData() == ""  # a new draft has none
    qtbot.keyClicks(editor.text_edit, "Kedua")
    window.open_draft(first)
    assert editor.kip_box.currentData() == "serta-merta"
    assert "serta-merta" in editor.kip_box.currentText()
