"""The "Photos and videos" strip shows every attached file, in order, selectable (issue 12.2)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from composer.ui.main_window import MainWindow
from tests.ui.test_menu_paths import menu_action


def photos(tmp_path: Path, count: int) -> list[str]:
    files = []
    for index in range(count):
        path = tmp_path / f"foto-{index + 1}.jpg"
        Image.new("RGB", (400 + 40 * index, 300), (40 * index, 90, 160)).save(path)
        files.append(str(path))
    return files


def visible_items(window: MainWindow) -> list[tuple[str, QRect]]:
    """(file name, rectangle on screen) of every strip item a person can see, left to right."""
    strip = window.editor.media_strip
    shown = []
    for row in range(strip.count()):
        item = strip.item(row)
        rect = strip.visualItemRect(item)
        if rect.isValid() and rect.intersects(strip.viewport().rect()) and not item.isHidden():
            shown.append((item.toolTip().split("\n")[0], rect))
    return sorted(shown, key=lambda entry: entry[1].x())


def check_strip(qtbot: QtBot, window: MainWindow, names: list[str]) -> None:
    strip = window.editor.media_strip
    qtbot.waitUntil(lambda: [n for n, _r in visible_items(window)] == names)
    rects = [r for _n, r in visible_items(window)]
    for left, right in itertools.pairwise(rects):
        assert not left.intersects(right), "thumbnails overlap"
    for row, rect in enumerate(rects):  # a click on each thumbnail selects that file
        qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert strip.currentRow() == row
        assert window.editor.alt_edit.isEnabled()


def test_attached_photos_all_show_and_stay_in_order(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = photos(tmp_path, 3)
    attach = menu_action(window, 0, "Attach photos")
    for chosen in ([files[0]], files[1:]):  # one, then two more, as the officer did
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, c=chosen, **_k: (c, ""))
        attach.trigger()
        qtbot.waitUntil(lambda c=chosen: len(window.editor.media_strip.ids()) >= files.index(c[-1]) + 1)
    check_strip(qtbot, window, ["foto-1.jpg", "foto-2.jpg", "foto-3.jpg"])
    assert window.post is not None and [m.filename for m in window.post.media] == [
        "foto-1.jpg",
        "foto-2.jpg",
        "foto-3.jpg",
    ]

    window.editor.media_strip.setCurrentRow(0)
    qtbot.mouseClick(window.editor.right_button, Qt.MouseButton.LeftButton)  # ▶
    check_strip(qtbot, window, ["foto-2.jpg", "foto-1.jpg", "foto-3.jpg"])

    window.editor.media_strip.setCurrentRow(1)
    qtbot.mouseClick(window.editor.remove_button, Qt.MouseButton.LeftButton)
    check_strip(qtbot, window, ["foto-2.jpg", "foto-3.jpg"])
    assert [m.filename for m in window.post.media] == ["foto-2.jpg", "foto-3.jpg"]


def test_a_photo_attached_during_an_upload_shows_at_once(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attaching or pasting does not wait for the uploads that hold every worker of the
    pool (an outbox run to six accounts): files come in on a thread of their own."""
    import threading

    files = photos(tmp_path, 1)
    release = threading.Event()
    for _ in range(6):  # the pool's six workers, each busy with an upload
        window.session.executor.submit(release.wait)
    try:
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: (files, ""))
        menu_action(window, 0, "Attach photos").trigger()
        check_strip(qtbot, window, ["foto-1.jpg"])
        assert window.post is not None and [m.filename for m in window.post.media] == ["foto-1.jpg"]
        item = window.post.media[0]
        qtbot.waitUntil(lambda: window.thumbnails.get(item) is not None, timeout=3000)

        image = QImage(64, 48, QImage.Format.Format_RGB32)  # then a picture pasted (Ctrl+V)
        image.fill(QColor("#1f6feb"))
        QGuiApplication.clipboard().setImage(image)
        window.editor.text_edit.setFocus()
        qtbot.keyClick(window.editor.text_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.post is not None and len(window.post.media) == 2, timeout=3000)
    finally:
        release.set()
