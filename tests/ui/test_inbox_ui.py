"""Kotak masuk, driven as the officer does: File › Inbox…, F5, a saved reply, Ctrl+Enter."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar
from pytestqt.qtbot import QtBot

from composer.core.post import Post
from composer.demo import connect_sandbox
from composer.sandbox import Sandbox
from composer.session import Session
from composer.store import saved_replies
from composer.store.comments import ANSWERED, HIDDEN, NEW
from composer.store.workspace import Workspace
from composer.ui.inbox_dialog import InboxDialog, SavedRepliesDialog
from composer.ui.main_window import MainWindow
from tests.memory_keyring import MemoryKeyring


@pytest.fixture
def inbox_window(qtbot: QtBot, sandbox: Sandbox, memory_keyring: MemoryKeyring) -> Iterator[MainWindow]:
    workspace = Workspace()
    session = Session(workspace)
    accounts = [a for a in connect_sandbox(session.registry, sandbox) if a.platform == "facebook"]
    post = Post(title="Jam layanan Sabtu", text="Layanan paspor buka Sabtu 08.00–12.00")
    workspace.drafts.save(post)
    session.outbox.enqueue(post, accounts)
    session.outbox.run_until_settled()
    sandbox.graph.page_comments.clock = lambda: time.time() + 3 * 86400  # the citizens have come
    window = MainWindow(session, session.preferences())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    yield window
    window.close()
    session.close()


def menu_action(window: MainWindow, keys: str) -> QAction:
    return next(a for a in window.findChildren(QAction) if a.shortcut() == QKeySequence(keys))


def open_inbox(qtbot: QtBot, window: MainWindow) -> InboxDialog:
    menu_action(window, "Ctrl+Shift+B").trigger()
    dialog = window.inbox.dialog
    assert isinstance(dialog, InboxDialog) and dialog.isVisible()
    dialog.shortcuts["F5"].trigger()  # check for new comments now
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=10_000)
    return dialog


def test_the_officer_answers_with_a_saved_reply_and_the_platform_gets_one(
    qtbot: QtBot, inbox_window: MainWindow, sandbox: Sandbox
) -> None:
    dialog = open_inbox(qtbot, inbox_window)
    store = inbox_window.session.workspace.comments
    first = dialog.model.comment(0)
    assert first is not None and first.status == NEW
    assert dialog.model.data(dialog.model.index(0, 4)) == "Jam layanan Sabtu"  # the post it belongs to
    dialog.saved.activated.emit(1)  # the first saved reply: opening hours
    assert dialog.reply_text.toPlainText() == saved_replies.DEFAULTS[0].text
    dialog.shortcuts["Ctrl+Return"].trigger()
    assert store.get(first.id).pending == "reply"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: store.get(first.id).status == ANSWERED, timeout=15_000)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not inbox_window.outbox_status.busy, timeout=15_000)
    assert len(sandbox.graph.page_comments.owner_replies()) == 1
    assert sandbox.graph.page_comments.owner_replies()[0].text == saved_replies.DEFAULTS[0].text
    dialog.reload()
    answered_row = next(r for r in range(dialog.model.rowCount()) if dialog.model.comment(r).id == first.id)  # type: ignore[union-attr]
    assert dialog.model.data(dialog.model.index(answered_row, 6)) != "—"  # time to first answer shown


def test_filter_hide_and_badge(qtbot: QtBot, inbox_window: MainWindow, sandbox: Sandbox) -> None:
    dialog = open_inbox(qtbot, inbox_window)
    store = inbox_window.session.workspace.comments
    waiting = store.unanswered()
    assert waiting > 0
    toolbar = inbox_window.findChild(QToolBar, "posting")
    assert toolbar is not None
    assert any(a.text() == f"Inbox ({waiting})" for a in toolbar.actions())
    dialog.shortcuts["Ctrl+F"].trigger()  # pertanyaan belum dijawab
    assert dialog.model.rowCount() == waiting
    assert all(dialog.model.comment(r).kind != "other" for r in range(dialog.model.rowCount()))  # type: ignore[union-attr]
    target = dialog.model.comment(0)
    assert target is not None
    dialog.shortcuts["Ctrl+T"].trigger()  # tidak perlu dijawab: leaves the filtered list
    assert dialog.model.rowCount() == waiting - 1 and store.unanswered() == waiting - 1
    assert any(a.text() == f"Inbox ({waiting - 1})" for a in toolbar.actions())
    dialog.shortcuts["Ctrl+F"].trigger()
    dialog.table.selectRow(0)
    hidden = dialog.model.comment(0)
    assert hidden is not None
    dialog.shortcuts["Ctrl+H"].trigger()
    qtbot.waitUntil(lambda: store.get(hidden.id).status == HIDDEN, timeout=15_000)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not inbox_window.outbox_status.busy, timeout=15_000)
    assert sandbox.graph.page_comments.comments[hidden.remote_id].hidden


def test_an_empty_reply_is_one_clear_message_and_nothing_is_queued(
    qtbot: QtBot, inbox_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_inbox(qtbot, inbox_window)
    shown: list[str] = []
    monkeypatch.setattr(
        "composer.ui.inbox_dialog.QMessageBox.information", lambda _p, _t, text: shown.append(text)
    )
    dialog.shortcuts["Ctrl+Return"].trigger()
    assert shown == ["Write a reply first."]
    assert inbox_window.session.workspace.outbox.list(("queued",)) == []


def test_saved_replies_are_edited_and_kept_in_the_settings(
    qtbot: QtBot, inbox_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_inbox(qtbot, inbox_window)

    def edit(self: SavedRepliesDialog) -> int:
        self.names.setCurrentRow(1)
        self.text.setPlainText("Biaya paspor elektronik Rp650.000.")
        self._add()
        self.name.setText("Lokasi")
        self.text.setPlainText("Jl. Contoh No. 1.")
        return 1

    monkeypatch.setattr(SavedRepliesDialog, "exec", edit)
    dialog.edit_saved_replies()
    kept = saved_replies.load(inbox_window.session.workspace.settings)
    assert kept[1].text == "Biaya paspor elektronik Rp650.000."
    assert kept[-1] == saved_replies.SavedReply("Lokasi", "Jl. Contoh No. 1.")
    assert dialog.saved.itemText(dialog.saved.count() - 1) == "Lokasi"


def test_ctrl_l_likes_the_selected_comment_once(
    qtbot: QtBot, inbox_window: MainWindow, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_inbox(qtbot, inbox_window)
    store = inbox_window.session.workspace.comments
    target = dialog.model.comment(0)
    assert target is not None and target.platform == "facebook"
    assert dialog.like_button.isEnabled()
    dialog.shortcuts["Ctrl+L"].trigger()
    assert store.get(target.id).pending == "like"  # type: ignore[union-attr]
    assert not dialog.like_button.isEnabled()  # sending: not twice
    qtbot.waitUntil(lambda: store.get(target.id).liked_at is not None, timeout=15_000)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not inbox_window.outbox_status.busy, timeout=15_000)
    assert sandbox.graph.page_likes == [target.remote_id]
    dialog.reload()
    row = next(r for r in range(dialog.model.rowCount()) if dialog.model.comment(r).id == target.id)  # type: ignore[union-attr]
    dialog.table.selectRow(row)
    assert "liked" in str(dialog.model.data(dialog.model.index(row, 5)))
    assert not dialog.like_button.isEnabled()  # already liked
    shown: list[str] = []
    monkeypatch.setattr(
        "composer.ui.inbox_dialog.QMessageBox.information", lambda _p, _t, text: shown.append(text)
    )
    dialog.shortcuts["Ctrl+L"].trigger()  # a second time: one clear line, nothing queued
    assert shown == ["The office already likes this comment."]
    assert sandbox.graph.page_likes == [target.remote_id]
    assert inbox_window.session.workspace.outbox.list(("queued",)) == []
