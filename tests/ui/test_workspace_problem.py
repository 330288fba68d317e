"""Starting Siar on a damaged workspace: a dialog in the UI language explains and offers
the last automatic backup, instead of the window exiting silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from composer.core.post import Post
from composer.store.workspace import Workspace
from composer.ui.main_window import MainWindow


def _damage(db_path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    db_path.write_bytes(b"not a database any more " * 200)


def _answer(button_text: str, seen: list[str]) -> None:
    """Click *button_text* in the dialog once it is up (as the officer would)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text() + "\n" + box.informativeText())
        buttons = {b.text(): b for b in box.findChildren(QPushButton)}
        seen.append(" | ".join(buttons))
        buttons[button_text].click()

    QTimer.singleShot(0, click)


def test_a_damaged_workspace_offers_the_backup_in_indonesian(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from composer.ui.workspace_problem import open_workspace

    monkeypatch.setenv("LC_ALL", "id_ID.UTF-8")
    first = Workspace()
    first.drafts.save(Post(title="Libur Natal", text="Kantor tutup 25 Desember"))
    first.close()  # the day's automatic backup
    _damage(first.db_path)
    seen: list[str] = []
    _answer("Pulihkan cadangan", seen)
    workspace = open_workspace()
    assert workspace is not None
    assert "Berkas ruang kerja Siar rusak" in seen[0] and "cadangan otomatis" in seen[0]
    assert "Keluar dari Siar" in seen[1]
    assert [d.title for d in workspace.drafts.list()] == ["Libur Natal"]
    assert list(first.db_path.parent.glob("siar.db.damaged-*")), "the damaged file is kept"
    workspace.close()


def test_the_app_does_not_exit_silently(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, siar_home: Path
) -> None:
    from composer import app

    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    db_path = siar_home / "data" / "siar.db"
    db_path.parent.mkdir(parents=True)
    _damage(db_path)  # and no backup yet
    seen: list[str] = []
    _answer("Quit Siar", seen)
    assert app.main(["--home", str(siar_home)]) == 1
    assert "damaged" in seen[0] and "no automatic backup" in seen[0]
    assert "Start with an empty workspace" in seen[1]
    assert db_path.read_bytes().startswith(b"not a database"), "quitting changes nothing"


def test_autosave_on_a_full_disk_says_so_and_saves_once_there_is_room(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    drafts = window.session.workspace.drafts
    real_save = drafts.save

    def full(_post: Post) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(drafts, "save", full)
    qtbot.keyClicks(window.editor.text_edit, "Tidak boleh hilang")
    label = window.autosave.saved_label
    qtbot.waitUntil(lambda: label.text().startswith("Not saved"), timeout=3000)
    assert "is full" in label.text()
    monkeypatch.setattr(drafts, "save", real_save)  # space freed
    assert window.post is not None
    post_id = window.post.id
    qtbot.waitUntil(lambda: drafts.load(post_id).text == "Tidak boleh hilang", timeout=3000)
    qtbot.waitUntil(lambda: label.text().startswith("Saved"))  # written by a worker, then said


def test_without_a_backup_siar_can_start_empty_and_keeps_the_damaged_file(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, siar_home: Path
) -> None:
    from composer.ui.workspace_problem import open_workspace

    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    db_path = siar_home / "data" / "siar.db"
    db_path.parent.mkdir(parents=True)
    _damage(db_path)
    seen: list[str] = []
    _answer("Start with an empty workspace", seen)
    workspace = open_workspace()
    assert workspace is not None and workspace.drafts.list() == []
    kept = list(db_path.parent.glob("siar.db.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"not a database")
    workspace.close()
