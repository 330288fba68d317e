"""Issue 13 item 4 from the Outbox dialog: "Change the time…" and "Cancel" on a post the
platform holds reach the platform; a post Siar holds says Siar must be running then."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from composer.core.post import Post
from composer.demo import connect_sandbox
from composer.sandbox import Sandbox
from composer.session import Action, Session
from composer.ui.main_window import MainWindow
from composer.ui.outbox_dialog import OutboxDialog
from tests.memory_keyring import MemoryKeyring

PAGE = "1090000001"


@pytest.fixture
def window(qtbot: QtBot, sandbox: Sandbox, memory_keyring: MemoryKeyring) -> Iterator[MainWindow]:
    session = Session()
    connect_sandbox(session.registry, sandbox)
    win = MainWindow(session, session.preferences())
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    session.close()


def _outbox(window: MainWindow) -> OutboxDialog:
    [action] = [a for a in window.findChildren(QAction) if a.text() == "&Outbox…"]
    action.trigger()
    dialog = window.posting.open_dialog
    assert isinstance(dialog, OutboxDialog)
    return dialog


def _select(qtbot: QtBot, dialog: OutboxDialog, account_name: str) -> None:
    tree = dialog.jobs
    items: list[QTreeWidgetItem] = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]  # type: ignore[misc]
    (item,) = [i for i in items if i.text(1) == account_name]
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())


def _schedule(window: MainWindow, platforms: tuple[str, ...], at: float) -> dict[str, str]:
    session = window.session
    post = Post(title="Layanan Sabtu", text="Layanan paspor buka Sabtu pukul 08.00")
    session.save_draft(post)
    accounts = [a for a in session.accounts() if a.platform in platforms]
    session.post(session.plan_post(post, accounts, at))
    session.run_until_settled()
    return {a.platform: a.name for a in accounts}


def test_changing_the_time_and_cancelling_from_the_outbox(
    qtbot: QtBot, window: MainWindow, sandbox: Sandbox
) -> None:
    at = int(time.time()) + 86400
    names = _schedule(window, ("facebook", "wordpress"), at)
    dialog = _outbox(window)
    _select(qtbot, dialog, names["facebook"])
    assert dialog.change_time.isEnabled() and not dialog.buttons[Action.PAUSE].isEnabled()  # it is posted
    qtbot.mouseClick(dialog.change_time, Qt.MouseButton.LeftButton)
    chooser = dialog.reschedule_dialog
    assert chooser is not None and chooser.isVisible()
    assert "Siar may be closed" in chooser.findChildren(type(dialog.count_label))[0].text()
    chooser.when.setDateTime(QDateTime.fromSecsSinceEpoch(at + 2 * 86400))  # type: ignore[attr-defined]
    ok = chooser.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)  # type: ignore[union-attr]
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    held = sandbox.graph.pages[PAGE].scheduled[0]
    qtbot.waitUntil(lambda: held["scheduled_publish_time"] == at + 2 * 86400, timeout=10000)
    # Cancel the website's: it goes to the site's bin.
    _select(qtbot, dialog, names["wordpress"])
    cancel = dialog.buttons[Action.CANCEL]
    assert cancel.isEnabled()
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sandbox.wordpress.posts[0]["status"] == "trash", timeout=10000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=5000)
    dialog.close()


def test_a_post_siar_holds_says_siar_must_be_running(qtbot: QtBot, window: MainWindow) -> None:
    at = int(time.time()) + 86400
    names = _schedule(window, ("x",), at)
    dialog = _outbox(window)
    _select(qtbot, dialog, names["x"])
    qtbot.mouseClick(dialog.change_time, Qt.MouseButton.LeftButton)
    chooser = dialog.reschedule_dialog
    assert chooser is not None
    assert "Siar must be running at that time" in chooser.findChildren(type(dialog.count_label))[0].text()
    chooser.reject()
    dialog.close()


def test_the_guide_has_the_video_and_scheduling_page(qtbot: QtBot) -> None:
    from pathlib import Path

    from composer.paths import guide_dir
    from composer.ui.guide import GuideDialog

    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    assert "Video, TikTok dan penjadwalan" in dialog.browser.toPlainText()  # in the contents
    folder = guide_dir()
    assert folder is not None
    dialog.open_page("video-dan-jadwal.md")
    text = dialog.browser.toPlainText()
    assert "Siar harus menyala pada jam itu" in text and "Ubah waktu" in text
    pictures = ("video-kirim", "jadwal-kirim", "jadwal-ubah", "jadwal-terlewat")
    for name in pictures:
        assert f"img/{name}.png" in dialog.browser.toHtml()
        assert Path(folder / "img" / f"{name}.png").is_file()
