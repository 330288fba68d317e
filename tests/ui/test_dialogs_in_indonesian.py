"""Every dialog a person opens in an Indonesian Siar shows no English: neither Siar's own
strings nor Qt's (OK/Cancel/Yes/No, the non-native file dialog). Extends test_i18n.py,
which only checks that each Siar string has a translation in the catalogue (issue 12.7)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from composer import i18n
from composer.session import Session, Workspace
from composer.ui.design_editor.editor import DesignEditor
from composer.ui.design_editor.widgets import ColorPicker
from composer.ui.main_window import MainWindow
from composer.ui.qt_translations import install_qt_catalogue

# Qt's standard labels as a person sees them (mnemonics and trailing colons removed).
QT_ENGLISH = {
    "OK", "Cancel", "Yes", "No", "Open", "Save", "Close", "Apply", "Reset", "Help", "Discard",
    "Abort", "Retry", "Ignore", "Save All", "Yes to All", "No to All", "Restore Defaults",
    "Look in", "File name", "Files of type", "Directory", "Back", "Forward", "Parent Directory",
    "Create New Folder", "List View", "Detail View", "Name", "Size", "Type", "Date Modified",
    "Show Details...", "Hide Details...", "Select Color", "Basic colors", "Custom colors",
    "Add to Custom Colors", "Pick Screen Color", "Undo", "Redo", "Cut", "Copy", "Paste",
    "Delete", "Select All", "Enter a value", "New Folder", "Choose", "Sidebar", "Computer",
    "Go back", "Go forward", "Go to the parent directory", "Create a New Folder",
}  # fmt: skip


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace("&", "").strip().rstrip(":").strip()


def visible_texts(root: QWidget) -> list[str]:
    """Every label, button, title, tooltip, header and list entry shown in *root*."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        texts.append(widget.toolTip())
        if isinstance(widget, (QAbstractButton, QLabel)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QTabBar):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            root = widget.rootIndex()
            header = widget.header() if isinstance(widget, QTreeView) else None
            if header is not None:
                texts.extend(
                    str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(header.count())
                )
            for row in range(min(model.rowCount(root), 30)):
                texts.append(str(model.index(row, 0, root).data() or ""))
    return [t for t in texts if t]


def english_in(texts: list[str]) -> list[str]:
    """Texts that are Qt's standard English labels or Siar strings left untranslated."""
    catalogue = {k: v for k, v in i18n._catalogue("id").items() if k != v}
    found = []
    for text in texts:
        for line in text.splitlines():
            if _plain(line) in QT_ENGLISH or line in catalogue or _plain(line) in catalogue:
                found.append(line)
    return found


def dialog_texts(qtbot: QtBot, open_it: Callable[[], object]) -> list[str]:
    """Open a dialog the way a person does, read what it shows, close it (modal or not)."""
    before = set(QApplication.topLevelWidgets())
    captured: list[list[str]] = []

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget not in before and isinstance(widget, QDialog) and widget.isVisible():
                try:
                    captured.append(visible_texts(widget))
                except Exception as exc:  # noqa: BLE001 - reported below, after the dialog closed
                    captured.append([f"could not read the dialog: {exc!r}"])
                widget.reject()
                return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    open_it()
    qtbot.waitUntil(lambda: bool(captured))
    return captured[0]


@pytest.fixture
def indonesian_window(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[MainWindow]:
    monkeypatch.setenv("HOME", str(tmp_path))  # the file dialog lists this folder, not the real home
    (tmp_path / "foto-kegiatan.jpg").write_bytes(b"")
    i18n.set_language("id")
    install_qt_catalogue()
    session = Session(workspace)
    window = MainWindow(session, session.preferences())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    yield window
    window.close()
    session.close()
    i18n.set_language("en")
    install_qt_catalogue()


def action(window: MainWindow, menu_index: int, prefix: str) -> QAction:
    menu = window.menuBar().actions()[menu_index].menu()
    assert isinstance(menu, QMenu)
    found = [a for a in menu.actions() if a.text().replace("&", "").startswith(prefix)]
    assert found, [a.text() for a in menu.actions()]
    submenu = found[0].menu()  # Berkas › Akun is a submenu: its first entry opens Akun
    return submenu.actions()[0] if isinstance(submenu, QMenu) else found[0]


# (menu, Indonesian action text): every dialog reachable from the menus.
DIALOGS = [
    (0, "Lampirkan foto"),  # the non-native QFileDialog
    (0, "Hapus draf"),  # QMessageBox.question: Ya / Tidak
    (0, "Kirim ke semua"),
    (0, "Kotak keluar"),
    (0, "Riwayat"),
    (0, "Akun"),
    (0, "Impor rencana"),  # a file dialog
    (0, "Laporan bulanan"),
    (1, "Cuplikan dan set tagar"),
    (1, "Preferensi"),
    (2, "Panduan"),
    (2, "Sambutan"),
    (2, "Tentang Siar"),  # QMessageBox.about: OK
]


@pytest.mark.parametrize(("menu", "prefix"), DIALOGS)
def test_each_dialog_shows_no_english(
    qtbot: QtBot, indonesian_window: MainWindow, menu: int, prefix: str
) -> None:
    texts = dialog_texts(qtbot, action(indonesian_window, menu, prefix).trigger)
    assert len(texts) > 2
    assert english_in(texts) == []


def test_qt_standard_buttons_are_indonesian(qtbot: QtBot, indonesian_window: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    buttons = QMessageBox.StandardButton
    box = QMessageBox(
        QMessageBox.Icon.Question, "Siar", "?", buttons.Ok | buttons.Cancel | buttons.Yes | buttons.No
    )
    qtbot.addWidget(box)
    box.show()
    labels = {b.text().replace("&", "") for b in box.buttons()}
    assert labels == {"Oke", "Batal", "Ya", "Tidak"}


def test_strings_qt_does_not_ask_us_about_stay_intact(qtbot: QtBot, indonesian_window: MainWindow) -> None:
    attach = action(indonesian_window, 0, "Lampirkan foto")  # shown as "Ctrl+Shift+A" in the menu
    assert attach.shortcut().toString(attach.shortcut().SequenceFormat.NativeText) == "Ctrl+Shift+A"


def _toolbar_action(editor: DesignEditor, text: str) -> QAction:
    return next(a for a in editor.toolbar.actions() if a.text() == text)


def _pick_other_colour(editor: DesignEditor) -> None:
    """Inspector › Warna › "Warna lain…", which opens Qt's colour dialog."""
    combo = editor.inspector.findChildren(ColorPicker)[0]
    combo.activated.emit(combo.count() - 1)


# The infographic tab's dialogs, opened from its toolbar, button and inspector.
DESIGN_DIALOGS: dict[str, Callable[[DesignEditor], object]] = {
    "templates": lambda editor: _toolbar_action(editor, "Templat…").trigger(),
    "brand kit": lambda editor: _toolbar_action(editor, "Identitas kantor…").trigger(),
    "alt text": lambda editor: editor.export_button.click(),
    "colour": _pick_other_colour,
}


@pytest.mark.parametrize("name", list(DESIGN_DIALOGS))
def test_each_design_dialog_shows_no_english(qtbot: QtBot, indonesian_window: MainWindow, name: str) -> None:
    from tests.ui.test_menu_paths import click_layer, open_design

    editor = open_design(qtbot, indonesian_window)
    click_layer(qtbot, editor, "Judul")
    texts = dialog_texts(qtbot, lambda: DESIGN_DIALOGS[name](editor))
    assert len(texts) > 2
    assert english_in(texts) == []
