"""Type into the editor and read the previews, as the officer would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from composer.store.workspace import Workspace
from composer.ui.main_window import MainWindow


def counter(window: MainWindow, platform: str) -> str:
    return window.previews.card(platform).counter_label.text()


def test_typing_updates_every_preview(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.editor.text_edit, "Halo #Imigrasi imigrasi.go.id")
    qtbot.waitUntil(lambda: counter(window, "x").startswith("38/280"))
    assert counter(window, "facebook").startswith("29/63.206")
    assert counter(window, "instagram").startswith("29/2.200")
    x_html = window.previews.card("x").text_label.text()
    assert "#1D9BF0" in x_html and "#Imigrasi" in x_html
    findings = window.previews.card("x").findings_label.text()
    assert "a link costs the office more" in findings and "$" not in findings


def test_over_the_limit_is_red_and_blocks(qtbot: QtBot, window: MainWindow) -> None:
    window.editor.text_edit.setPlainText("a" * 300)
    qtbot.waitUntil(lambda: counter(window, "x").startswith("300/280"))
    card = window.previews.card("x")
    assert "⛔" in card.counter_label.text()
    assert "#ffd7d5" in card.text_label.text()  # the part over 280 is highlighted
    assert "refuse" in card.findings_label.text()


def test_a_platform_override_diverges_until_reset(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.editor
    qtbot.keyClicks(editor.text_edit, "Teks utama")
    editor.select_target("x")
    assert editor.text_edit.toPlainText() == "Teks utama"
    editor.text_edit.selectAll()
    qtbot.keyClicks(editor.text_edit, "Khusus X")
    qtbot.waitUntil(lambda: "Khusus X" in window.previews.card("x").text_label.text())
    assert "Teks utama" in window.previews.card("facebook").text_label.text()
    assert editor.targets.tabText(3).endswith("✎")
    editor.select_target("")
    qtbot.keyClicks(editor.text_edit, "!")
    qtbot.waitUntil(lambda: "Teks utama!" in window.previews.card("facebook").text_label.text())
    assert "Khusus X" in window.previews.card("x").text_label.text()
    editor.select_target("x")
    qtbot.mouseClick(editor.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Teks utama!" in window.previews.card("x").text_label.text())
    assert window.post is not None and not window.post.has_override("x")


def test_switching_a_platform_off(qtbot: QtBot, window: MainWindow) -> None:
    card = window.previews.card("instagram")
    card.enabled_box.setChecked(False)
    qtbot.waitUntil(lambda: not card.body.isVisible())
    assert window.post is not None and window.post.variants["instagram"].enabled is False


def test_drafts_autosave_within_two_seconds(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.editor.text_edit, "Disimpan otomatis")
    assert window.post is not None
    post_id = window.post.id
    qtbot.waitUntil(
        lambda: window.session.workspace.drafts.load(post_id).text == "Disimpan otomatis", timeout=2000
    )


def test_undo_and_redo_in_the_editor(qtbot: QtBot, window: MainWindow) -> None:
    edit = window.editor.text_edit
    qtbot.keyClicks(edit, "abc")
    edit.undo()
    assert edit.toPlainText() == ""
    edit.redo()
    assert edit.toPlainText() == "abc"
    qtbot.waitUntil(lambda: window.post is not None and window.post.text == "abc")


def _photo(path: Path, size: tuple[int, int]) -> str:
    Image.new("RGB", size, (20, 90, 160)).save(path, "JPEG")
    return str(path)


def test_attached_photos_reach_the_previews(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.attach_files([_photo(tmp_path / "wide.jpg", (1600, 600)), _photo(tmp_path / "b.jpg", (800, 800))])
    qtbot.waitUntil(lambda: window.post is not None and len(window.post.media) == 2)
    qtbot.waitUntil(lambda: window.editor.media_strip.count() == 2)
    assert len(window.previews.card("x").preview.tiles) == 2  # type: ignore[union-attr]
    instagram = window.previews.card("instagram").findings_label.text()
    assert "crops it" in instagram  # 1600×600 is wider than 1.91:1
    window.editor.alt_edit.setText("")
    qtbot.keyClicks(window.editor.alt_edit, "Gedung kantor")
    assert window.post is not None and window.post.media[1].alt == "Gedung kantor"


def test_reordering_photos(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.attach_files([_photo(tmp_path / "a.jpg", (400, 300))])
    qtbot.waitUntil(lambda: window.post is not None and len(window.post.media) == 1)
    window.attach_files([_photo(tmp_path / "b.jpg", (300, 400))])
    qtbot.waitUntil(lambda: window.post is not None and len(window.post.media) == 2)
    assert window.post is not None
    window.editor.media_strip.setCurrentRow(1)
    qtbot.mouseClick(window.editor.left_button, Qt.MouseButton.LeftButton)
    assert [m.filename for m in window.post.media] == ["b.jpg", "a.jpg"]


def test_a_bad_file_gets_a_clear_message(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    bad = tmp_path / "surat.jpg"
    bad.write_text("bukan gambar")
    window.attach_files([str(bad)])
    qtbot.waitUntil(lambda: bool(shown))
    assert "“surat.jpg” is not a photo or video Siar can read" in shown[0]
    assert window.post is not None and window.post.media == []


def test_new_draft_and_switching_keeps_both(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.editor.text_edit, "Pertama")
    assert window.post is not None
    first = window.post.id
    window.new_draft()
    qtbot.keyClicks(window.editor.text_edit, "Kedua")
    window.open_draft(first)
    assert window.editor.text_edit.toPlainText() == "Pertama"
    model = window.drafts_panel.list.model()
    titles = [model.index(i, 0).data().split("\n")[0] for i in range(model.rowCount())]
    assert set(titles) == {"Pertama", "Kedua"}


def test_an_image_pasted_into_the_text_becomes_a_photo_of_the_draft(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QColor, QGuiApplication, QImage

    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f6feb"))
    QGuiApplication.clipboard().setImage(image)
    window.editor.text_edit.setFocus()
    qtbot.keyClick(window.editor.text_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # Ctrl+V
    qtbot.waitUntil(lambda: window.post is not None and len(window.post.media) == 1, timeout=5000)
    assert window.post is not None
    item = window.post.media[0]
    assert (item.width, item.height, item.mime) == (64, 48, "image/png")
    assert window.editor.text_edit.toPlainText() == ""  # the picture, not its name, goes in


def test_the_patterns_for_later_texts_are_compiled_by_a_worker_once_the_window_is_painted(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from composer.core.text import twitter_text
    from composer.session import Session

    threads: list[threading.Thread] = []
    monkeypatch.setattr(twitter_text, "warm_up", lambda: threads.append(threading.current_thread()))
    session = Session(workspace)
    window = MainWindow(session, session.preferences())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(threads))
    assert threads[0] is not threading.main_thread()  # keys typed meanwhile are not held up
    window.close()
    session.close()


def test_pictures_are_decoded_and_scaled_on_the_sessions_one_picture_thread(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from composer.ui import thumbnails
    from composer.ui.previews import tiles

    threads: set[str] = set()
    done: set[str] = set()
    for module, name in ((thumbnails, "_load"), (tiles, "_scale")):
        real = getattr(module, name)

        def spy(*args: object, _real: object = real, _name: str = name) -> object:
            threads.add(threading.current_thread().name)
            done.add(_name)
            return _real(*args)  # type: ignore[operator]

        monkeypatch.setattr(module, name, spy)
    window.attach_files([_photo(tmp_path / "a.jpg", (900, 600)), _photo(tmp_path / "b.jpg", (600, 900))])
    qtbot.waitUntil(lambda: window.editor.media_strip.count() == 2)
    qtbot.waitUntil(lambda: done == {"_load", "_scale"} and not window.tasks.busy, timeout=5000)
    # one thread for all of it (more would only fight over the interpreter lock, and the
    # GUI thread with them), never the pool the uploads use
    assert threads == {"siar-worker-images_0"}


def test_photos_show_while_uploads_keep_every_worker_busy(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    import threading

    window.attach_files([_photo(tmp_path / "b.jpg", (600, 900))])
    qtbot.waitUntil(lambda: window.editor.media_strip.count() == 1, timeout=5000)
    assert window.post is not None
    item = window.post.media[0]
    qtbot.waitUntil(lambda: window.thumbnails.get(item) is not None, timeout=3000)
    window.thumbnails._pixmaps.clear()  # as when the draft is opened again later
    release = threading.Event()
    for _ in range(6):  # as during an outbox run to six accounts
        window.session.executor.submit(release.wait)
    try:
        qtbot.waitUntil(lambda: window.thumbnails.get(item) is not None, timeout=3000)
    finally:
        release.set()
