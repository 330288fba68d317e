"""Berkas › Impor rencana, driven through the menu action a person uses."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from composer.paths import assets_dir
from composer.plan import importer
from composer.ui.main_window import MainWindow
from composer.ui.plan_import import PlanImportDialog

EXAMPLE = assets_dir() / "plan" / "contoh-rencana-desember-2026.xlsx"


def _open(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path) -> PlanImportDialog:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    [action] = [a for a in window.findChildren(QAction) if a.text() == "&Import a plan…"]
    action.trigger()
    dialog = window.posting.open_dialog
    assert isinstance(dialog, PlanImportDialog)
    qtbot.waitUntil(lambda: dialog.report is not None or "not" in dialog.summary.text(), timeout=10_000)
    return dialog


def test_the_report_comes_first_then_import_makes_the_drafts(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = window.drafts_panel.list.model().rowCount()
    dialog = _open(qtbot, window, monkeypatch, EXAMPLE)
    assert dialog.table.rowCount() == 8 and dialog.table.item(0, 1).text() == "new"
    assert window.session.workspace.drafts.plan_keys() == {}  # nothing saved yet
    assert dialog.import_button.isEnabled() and not dialog.valid_button.isVisible()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30_000)
    assert dialog.outcome is not None and dialog.outcome.created == 8
    assert dialog.progress.value() == dialog.progress.maximum() == 8
    assert window.drafts_panel.list.model().rowCount() == before + 8
    dialog.close()

    again = _open(qtbot, window, monkeypatch, EXAMPLE)
    assert not again.import_button.isEnabled()
    assert {again.table.item(r, 1).text() for r in range(8)} == {"unchanged"}


def test_a_file_with_errors_offers_only_the_valid_rows(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "rencana.csv"
    path.write_text("tanggal,judul\n2026-12-01,Baik\nbesok,Tanggal salah\n", encoding="utf-8")
    dialog = _open(qtbot, window, monkeypatch, path)
    assert not dialog.import_button.isEnabled()
    assert dialog.valid_button.isVisible() and dialog.valid_button.isEnabled()
    assert "row 3, column A (tanggal)" in dialog.table.item(1, 4).text()
    qtbot.mouseClick(dialog.valid_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=10_000)
    assert dialog.outcome is not None and (dialog.outcome.created, dialog.outcome.skipped) == (1, 1)


def test_a_file_that_is_not_a_spreadsheet_is_one_message(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "foto.xlsx"
    path.write_bytes(b"\xff\xd8\xff\xe0 a JPEG renamed")
    dialog = _open(qtbot, window, monkeypatch, path)
    qtbot.waitUntil(lambda: "not a spreadsheet" in dialog.summary.text())
    assert dialog.table.rowCount() == 0 and not dialog.import_button.isEnabled()


def test_cancel_stops_after_the_row_being_saved(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_saved, release = threading.Event(), threading.Event()
    real = importer._save_row

    def save_row(*args: Any) -> Any:
        post = real(*args)
        first_saved.set()
        release.wait(10)
        return post

    monkeypatch.setattr(importer, "_save_row", save_row)
    dialog = _open(qtbot, window, monkeypatch, EXAMPLE)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(first_saved.is_set, timeout=10_000)
    assert dialog.cancel_button.isVisible()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=10_000)
    assert dialog.outcome is not None and dialog.outcome.cancelled and dialog.outcome.created == 1
    assert len(window.session.workspace.drafts.plan_keys()) == 1


def test_reimporting_the_open_draft_shows_the_new_text(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "rencana.csv"
    path.write_text("id,tanggal,teks\na,2026-12-01,Teks lama\n", encoding="utf-8")
    dialog = _open(qtbot, window, monkeypatch, path)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=10_000)
    dialog.close()
    window.open_draft(window.session.workspace.drafts.plan_keys()["a"][0])
    path.write_text("id,tanggal,teks\na,2026-12-01,Teks baru\n", encoding="utf-8")
    again = _open(qtbot, window, monkeypatch, path)
    qtbot.mouseClick(again.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: again.outcome is not None, timeout=10_000)
    assert window.editor.text_edit.toPlainText() == "Teks baru"
    window.save_now()
    assert (
        window.post is not None and window.session.workspace.drafts.load(window.post.id).text == "Teks baru"
    )
