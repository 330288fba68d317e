"""Autosave writes off the GUI thread, and never lets an older copy land after a newer one
(issue 17: the write's fsync on a slow disk must not hold up a keystroke)."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from composer.core.post import Post
from composer.ui.main_window import MainWindow


def _slow_writes(monkeypatch: pytest.MonkeyPatch, window: MainWindow, seconds: float) -> list[str]:
    """Each write of the drafts store takes *seconds* on a worker (a slow disk); returns the
    names of the threads that wrote."""
    drafts = window.session.workspace.drafts
    real_save = drafts.save
    threads: list[str] = []

    def save(post: Post) -> None:
        threads.append(threading.current_thread().name)
        if threading.current_thread() is not threading.main_thread():
            time.sleep(seconds)
        real_save(post)

    monkeypatch.setattr(drafts, "save", save)
    return threads


def _typed_while_writing(qtbot: QtBot, window: MainWindow, text: str) -> str:
    """Type *text* into the open draft and wait until its autosave is being written; its id."""
    qtbot.keyClicks(window.editor.text_edit, text)
    assert window.post is not None
    qtbot.waitUntil(lambda: window.autosave._writing != 0, timeout=3000)
    return window.post.id


def _action(window: MainWindow, text: str) -> QAction:
    return next(a for a in window.findChildren(QAction) if a.text() == text)


def test_typing_is_saved_by_a_worker_not_the_gui_thread(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = _slow_writes(monkeypatch, window, 0.0)
    qtbot.keyClicks(window.editor.text_edit, "Disimpan di latar")
    assert window.post is not None
    post_id = window.post.id
    drafts = window.session.workspace.drafts
    qtbot.waitUntil(lambda: drafts.load(post_id).text == "Disimpan di latar", timeout=3000)
    assert threads and threading.main_thread().name not in threads
    qtbot.waitUntil(lambda: window.autosave.saved_label.text().startswith("Saved"))
    assert not window.autosave.unsaved
    assert window.post.updated_at == drafts.load(post_id).updated_at


def test_a_newer_text_is_never_overwritten_by_a_slower_older_write(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _slow_writes(monkeypatch, window, 0.5)
    first = _typed_while_writing(qtbot, window, "lama")  # the old text is being written
    qtbot.keyClicks(window.editor.text_edit, " dan baru")
    _action(window, "&New draft").trigger()  # File › New draft: the open one must be on disk first
    assert window.post is not None and window.post.id != first
    qtbot.wait(700)  # past the slow write's end and its result's delivery
    assert window.session.workspace.drafts.load(first).text == "lama dan baru"


def test_a_draft_deleted_while_its_autosave_is_writing_stays_in_the_bin(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    _slow_writes(monkeypatch, window, 0.5)
    doomed = _typed_while_writing(qtbot, window, "hapus saya")
    _action(window, "&Delete draft").trigger()
    qtbot.wait(700)
    assert window.session.draft_summary(doomed) is None  # in the bin, not brought back
    assert window.post is None or window.post.id != doomed


def test_a_key_typed_while_the_write_runs_is_saved_by_the_next_one(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _slow_writes(monkeypatch, window, 0.3)
    post_id = _typed_while_writing(qtbot, window, "satu")
    qtbot.keyClick(window.editor.text_edit, Qt.Key.Key_Exclam)
    drafts = window.session.workspace.drafts
    qtbot.waitUntil(lambda: drafts.load(post_id).text == "satu!", timeout=4000)
    qtbot.waitUntil(lambda: not window.autosave.unsaved, timeout=2000)


def test_typing_is_on_disk_within_two_seconds_while_uploads_keep_every_worker_busy(
    qtbot: QtBot, window: MainWindow
) -> None:
    # As during an outbox run to six accounts: each worker of the session's pool holds an
    # upload. The draft's write has its own thread, so it is not queued behind them.
    release = threading.Event()
    for _ in range(6):
        window.session.executor.submit(release.wait)
    try:
        qtbot.keyClicks(window.editor.text_edit, "ditulis saat unggah")
        assert window.post is not None
        post_id = window.post.id
        drafts = window.session.workspace.drafts
        qtbot.waitUntil(lambda: drafts.load(post_id).text == "ditulis saat unggah", timeout=2000)
        qtbot.keyClicks(window.editor.text_edit, " lagi")
        _action(window, "&New draft").trigger()  # waits for no upload, only for the draft's write
        assert drafts.load(post_id).text == "ditulis saat unggah lagi"
    finally:
        release.set()
