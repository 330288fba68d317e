"""Issue 13 item 4: at start-up Siar lists the posts it held for a time that passed while it
was closed and asks before sending them late. Driven through the real start-up
(``app.main``) with a clock two hours after the posts were due."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from composer.core.post import Post
from composer.demo import connect_sandbox
from composer.sandbox import Sandbox
from composer.session import Session
from composer.store.workspace import Workspace
from tests.memory_keyring import MemoryKeyring

T0 = time.time()


class LaterClock:
    """The laptop was shut for two hours: the app starts at T0 + 2 h."""

    def now(self) -> float:
        return T0 + 2 * 3600

    def sleep(self, seconds: float) -> None:
        time.sleep(0)


def _prepare(sandbox: Sandbox) -> dict[str, str]:
    """Three posts held for T0 + 1 h on X, one for T0 + 5 h, and one Facebook holds
    itself; Siar is closed before any of them is due."""
    session = Session()
    try:
        prefs = session.preferences()
        prefs.first_run_done = "1"
        session.save_preferences(prefs)
        for account in connect_sandbox(session.registry, sandbox):
            # Into the (in-memory) keyring, where the app's own session finds them.
            for name, value in session.registry.secrets(account).items():
                session.registry.secret_store.set(account.id, name, value)
        x = [a for a in session.accounts() if a.platform == "x"]
        facebook = [a for a in session.accounts() if a.platform == "facebook"]
        ids = {}
        for name, at, accounts in (
            ("send", T0 + 3600, x),
            ("move", T0 + 3600 + 60, x),
            ("drop", T0 + 3600 + 120, x),
            ("later", T0 + 5 * 3600, x),
            ("native", T0 + 86400, facebook),
        ):
            post = Post(title=name, text=f"Pengumuman {name}: layanan paspor")
            session.save_draft(post)
            (job,) = session.outbox.enqueue(post, accounts, send_at=at)
            ids[name] = job.id
        session.run_until_settled()  # Facebook takes its post now; the X posts wait
    finally:
        session.close()
    return ids


def _click_row(qtbot: QtBot, tree: object, item: QTreeWidgetItem) -> None:
    view = tree.viewport()  # type: ignore[attr-defined]
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())  # type: ignore[attr-defined]


def test_start_up_asks_before_sending_late(
    qtbot: QtBot,
    sandbox: Sandbox,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    siar_home: Path,
) -> None:
    from composer import app
    from composer.session import session as session_module
    from composer.ui.schedule_dialogs import MissedPostsDialog

    ids = _prepare(sandbox)
    seen: dict[str, object] = {}

    def drive(application: QApplication) -> int:
        dialogs = [w for w in application.topLevelWidgets() if isinstance(w, MissedPostsDialog)]
        qtbot.waitUntil(lambda: any(d.isVisible() for d in dialogs), timeout=5000)
        (dialog,) = dialogs
        rows = {
            dialog.list.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole): dialog.list.topLevelItem(i)  # type: ignore[union-attr]
            for i in range(dialog.list.topLevelItemCount())
        }
        seen["listed"] = sorted(rows)
        seen["paused"] = sorted(j.id for j in dialog.session.jobs(("paused",)))
        seen["sent_before"] = len(sandbox.x.tweets)
        # One post: send it now.
        _click_row(qtbot, dialog.list, rows[ids["send"]])
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(sandbox.x.tweets) == 1, timeout=10000)
        # Another: a new time tomorrow.
        _click_row(qtbot, dialog.list, rows[ids["move"]])
        qtbot.mouseClick(dialog.reschedule_button, Qt.MouseButton.LeftButton)
        chooser = dialog.reschedule_dialog
        assert chooser is not None and chooser.isVisible()
        chooser.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(T0 + 86400)))
        ok = chooser.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)  # type: ignore[union-attr]
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        # The last: cancel it. The list is empty, the dialog closes itself.
        _click_row(qtbot, dialog.list, dialog.list.topLevelItem(0))  # type: ignore[arg-type]
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        seen["closed"] = not dialog.isVisible()
        window = dialog.parent()
        qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10000)  # type: ignore[union-attr]
        return 0

    monkeypatch.setattr(session_module, "SystemClock", LaterClock)
    monkeypatch.setattr(QApplication, "exec", drive)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # app.main installs its own
    assert app.main(["--home", str(siar_home)]) == 0

    missed = sorted(ids[n] for n in ("send", "move", "drop"))
    assert seen["listed"] == missed  # not the one still ahead, not Facebook's own
    assert seen["paused"] == missed and seen["sent_before"] == 0  # nothing went out unasked
    assert seen["closed"]
    assert [t["text"] for t in sandbox.x.tweets] == ["Pengumuman send: layanan paspor"]
    workspace = Workspace()
    try:
        states = {name: workspace.outbox.get(job_id) for name, job_id in ids.items()}
        assert {n: j.state for n, j in states.items() if j} == {
            "send": "done",
            "move": "waiting",
            "drop": "cancelled",
            "later": "waiting",
            "native": "done",
        }
        assert states["move"].next_at == int(T0 + 86400)  # type: ignore[union-attr]
        assert states["later"].next_at == T0 + 5 * 3600  # type: ignore[union-attr]
    finally:
        workspace.close()
