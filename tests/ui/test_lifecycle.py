"""Nothing calls back into a closed dialog, window or session (issue 11's reproduction),
and the Qt task adapter drops what nobody is waiting for any more."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from composer.core.post import Post
from composer.demo import connect_sandbox
from composer.sandbox import Sandbox
from composer.session import Session
from composer.ui.outbox_dialog import OutboxDialog
from composer.ui.tasks import TaskRunner
from tests.memory_keyring import MemoryKeyring


def _settle(qtbot: QtBot) -> None:
    for _ in range(5):
        QApplication.processEvents()
    qtbot.wait(10)


def test_outbox_dialog_closed_while_its_run_is_queued_raises_nothing(
    qtbot: QtBot, sandbox: Sandbox, memory_keyring: MemoryKeyring
) -> None:
    """Open the outbox, run what is due with the dialog's refresh as callback, close the
    dialog, let the workers finish, close the session (and with it the database), then
    process events: the refresh must not reach the closed database."""
    session = Session()
    connect_sandbox(session.registry, sandbox)
    x = next(a for a in session.accounts() if a.platform == "x")
    post = Post(text="Layanan paspor buka Sabtu #ImigrasiMelayani")
    session.save_draft(post)
    session.post(session.plan_post(post, [x]))
    tasks = TaskRunner(session)
    dialog = OutboxDialog(session, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    refreshed: list[object] = []
    tasks.submit(session.send_due, on_done=lambda r: (refreshed.append(r), dialog.refresh()), owner=dialog)
    dialog.close()
    assert tasks.wait()  # the worker is done; its result is still queued for the GUI
    session.close()
    with qtbot.captureExceptions() as exceptions:
        _settle(qtbot)
    assert not exceptions, exceptions
    assert not refreshed
    assert len(sandbox.x.tweets) == 1  # the post itself went out


def test_a_job_change_queued_just_before_the_outbox_closes_reaches_nothing(
    qtbot: QtBot, sandbox: Sandbox, memory_keyring: MemoryKeyring
) -> None:
    """A worker reports a job's change (queued for the GUI thread) a moment before the
    officer closes the outbox and Siar closes the session: the change arrives after both
    and must not refresh the closed dialog from the closed database. (Sent from the run's
    own worker, a job starts at once, and this made the test above fail now and then.)"""
    session = Session()
    connect_sandbox(session.registry, sandbox)
    x = next(a for a in session.accounts() if a.platform == "x")
    post = Post(text="Layanan paspor buka Sabtu #ImigrasiMelayani")
    session.save_draft(post)
    [job] = session.post(session.plan_post(post, [x]))
    tasks = TaskRunner(session)
    dialog = OutboxDialog(session, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    report = session.job_listeners[-1]
    worker = threading.Thread(target=report, args=(job,))  # as the outbox's worker does
    worker.start()
    worker.join()
    dialog.close()
    tasks.close()
    session.close()
    with qtbot.captureExceptions() as exceptions:
        _settle(qtbot)
    assert not exceptions, exceptions


def test_a_callback_after_the_runner_closes_is_dropped(qtbot: QtBot, session: Session) -> None:
    tasks = TaskRunner(session)
    release = threading.Event()
    got: list[str] = []
    tasks.submit(lambda: release.wait(5) and "late", on_done=got.append)
    tasks.close()
    release.set()
    assert tasks.wait()
    _settle(qtbot)
    assert got == [] and not tasks.busy
    assert tasks.submit(lambda: "never", on_done=got.append) == 0  # refused once closed


def test_a_callback_after_the_session_closes_is_dropped(qtbot: QtBot) -> None:
    session = Session()
    tasks = TaskRunner(session)
    got: list[object] = []
    tasks.submit(lambda: "done", on_done=got.append, on_error=got.append)
    session.close()  # waits for the worker; the result is still queued
    _settle(qtbot)
    assert got == [] and tasks.closed


def test_a_superseded_result_is_dropped(qtbot: QtBot, session: Session) -> None:
    tasks = TaskRunner(session)
    release = threading.Event()
    got: list[str] = []
    tasks.submit(lambda: release.wait(5) and "old", on_done=got.append, key="preview")
    tasks.submit(lambda: "new", on_done=got.append, key="preview")
    qtbot.waitUntil(lambda: got == ["new"], timeout=5000)
    release.set()
    assert tasks.wait()
    _settle(qtbot)
    assert got == ["new"] and not tasks.busy


def test_a_closed_or_deleted_owner_gets_no_callback(qtbot: QtBot, session: Session) -> None:
    tasks = TaskRunner(session)
    release = threading.Event()
    got: list[str] = []
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    widget = QWidget()
    tasks.submit(lambda: release.wait(5) and "dialog", on_done=got.append, owner=dialog)
    tasks.submit(lambda: release.wait(5) and "widget", on_done=got.append, owner=widget)
    tasks.submit(lambda: release.wait(5) and "nobody", on_done=got.append)
    dialog.reject()  # closed, but the object is still alive
    widget.deleteLater()
    QApplication.processEvents()
    release.set()
    assert tasks.wait()
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert got == ["nobody"]


def test_closing_the_window_stops_its_timers(qtbot: QtBot, session: Session) -> None:
    from composer.ui.main_window import MainWindow

    window = MainWindow(session, session.preferences())
    qtbot.addWidget(window)
    window.show()
    timers = [window.outbox_status.timer, window.account_health.timer, window.autosave.timer]
    assert window.outbox_status.timer.isActive()
    window.close()
    assert not any(t.isActive() for t in timers)
    assert window.tasks.closed


def test_app_exit_closes_the_session(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, siar_home: Path) -> None:
    """Quitting the app goes through Session.close(): nothing is left open or running."""
    from composer import app
    from composer.session import open_sessions

    closed: list[Session] = []
    real_close = Session.close

    def close(self: Session, timeout: float = 5.0) -> bool:
        closed.append(self)
        return real_close(self, timeout)

    def run_then_quit(application: QApplication) -> int:
        # The event loop for a moment (the window comes up, its timers start), then "quit".
        # A real exec()/quit() would leave the test process's one QApplication quitting.
        for _ in range(20):
            application.processEvents()
        return 0

    monkeypatch.setattr(Session, "close", close)
    monkeypatch.setattr(QApplication, "exec", run_then_quit)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # app.main installs its own
    assert app.main(["--home", str(siar_home)]) == 0
    assert len(closed) == 1 and closed[0].closed and not open_sessions()


class _Painted(QObject):
    seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.seen = self.seen or event.type() == QEvent.Type.Paint
        return False


def _first_paint(window: QWidget) -> None:
    """Show *window* and return right after its first paint: the inbox count is then
    queued behind it (a zero timer) and has not run yet."""
    painted = _Painted(window)
    window.installEventFilter(painted)
    window.show()
    while not painted.seen:
        QApplication.processEvents()


def test_a_window_closed_before_its_first_paint_work_runs_raises_nothing(
    qtbot: QtBot, session: Session
) -> None:
    """A window closed, and its session with it, before the work queued behind its first
    paint runs: that work must not read the closed database."""
    from composer.ui.main_window import MainWindow

    window = MainWindow(session, session.preferences())
    qtbot.addWidget(window)
    _first_paint(window)
    window.close()
    session.close()
    with qtbot.captureExceptions() as exceptions:
        _settle(qtbot)
    assert not exceptions, exceptions


def test_a_window_deleted_before_its_first_paint_work_runs_raises_nothing(
    qtbot: QtBot, session: Session
) -> None:
    from composer.ui.main_window import MainWindow

    window = MainWindow(session, session.preferences())
    _first_paint(window)
    shiboken6.delete(window)
    with qtbot.captureExceptions() as exceptions:
        _settle(qtbot)
    assert not exceptions, exceptions
