"""Posting a draft that was already posted: the officer is told, and may post it again as
new; posted drafts carry a "sent" mark in the list (issue 12.9)."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from composer.sandbox import Sandbox
from composer.ui.main_window import MainWindow
from composer.ui.publish_dialog import PublishDialog
from tests.ui.test_menu_paths import menu_action
from tests.ui.test_publish_ui import demo_window, open_post_dialog

__all__ = ["demo_window"]  # the fixture, shared with test_publish_ui


def settle(qtbot: QtBot, dialog: PublishDialog, count: int) -> None:
    qtbot.waitUntil(
        lambda: (
            len(dialog.jobs) == count
            and all(j.state not in ("queued", "running") for j in dialog.jobs.values())
        ),
        timeout=15000,
    )


def sent_mark_pixels(window: MainWindow, post_id: str) -> int:
    """Pixels of the green "sent" mark drawn in the draft's row of the list (drawn while
    another draft is open: the open one's row is highlighted)."""
    panel = window.drafts_panel
    other = next(d.id for d in window.session.workspace.drafts.list() if d.id != post_id)
    window.open_draft(other)
    panel.refresh(post_id)  # saved straight to the store by the test helper
    row = panel.model.row_of(post_id)
    assert row is not None
    rect = panel.list.visualRect(panel.model.index(row))
    image = panel.list.viewport().grab().toImage().copy(rect)
    window.open_draft(post_id)
    return sum(
        1 for x in range(image.width()) for y in range(image.height()) if _green(QColor(image.pixel(x, y)))
    )


def _green(colour: QColor) -> bool:
    """Close to the mark's green, whatever antialiasing did to its edges."""
    return colour.green() - colour.red() > 40 and colour.green() - colour.blue() > 25


def test_posting_again_warns_and_can_post_as_new(
    qtbot: QtBot, demo_window: MainWindow, sandbox: Sandbox
) -> None:
    dialog = open_post_dialog(demo_window)
    post_id = dialog.post.id
    qtbot.waitUntil(lambda: not demo_window.tasks.busy, timeout=5000)
    first = [a.id for a in dialog.sendable()]
    assert sent_mark_pixels(demo_window, post_id) == 0
    dialog.send(confirm=False)
    settle(qtbot, dialog, len(first))
    done = {j.account_id for j in dialog.jobs.values() if j.state == "done"}
    old_jobs = set(dialog.jobs)
    assert done
    dialog.close()
    qtbot.waitUntil(lambda: sent_mark_pixels(demo_window, post_id) > 5)

    # Kirim ke semua again, from the File menu.
    menu_action(demo_window, 0, "Post to all").trigger()
    again = demo_window._open_dialog
    assert isinstance(again, PublishDialog) and again is not dialog
    qtbot.waitUntil(lambda: not demo_window.tasks.busy, timeout=5000)
    assert again.intro.text().startswith("Already sent to ")
    for account_id in done:
        message = again.rows[account_id]["message"].text()  # type: ignore[attr-defined]
        assert "Already sent on" in message and "http" in message  # with its address
    assert not again.send_button.isEnabled()  # nothing goes out twice by accident
    box = next(b for b in again.findChildren(QCheckBox) if b.text() == "Post again as a new post")
    assert box.isVisible()
    box.setChecked(True)
    assert {a.id for a in again.sendable()} >= done and again.send_button.isEnabled()
    again.send(confirm=False)
    settle(qtbot, again, len(again.sendable()) or len(done))
    assert not set(again.jobs) & old_jobs  # new jobs: a new post on each platform
    # The website takes the same post twice. Facebook and X refuse a repeated text (#506,
    # "duplicate content"): what the platforms do, said per account in the dialog.
    assert len(sandbox.wordpress.posts) == 2
