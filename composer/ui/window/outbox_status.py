"""The outbox in the main window: it sends by itself (queued posts, retries when they come
due, whatever waited for the connection), and the status bar says what is waiting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel

from composer.i18n import _

if TYPE_CHECKING:
    from composer.ui.main_window import MainWindow

OUTBOX_TICK_MS = 10_000  # due retries and posts waiting for the connection are tried this often


class OutboxStatus:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.linkActivated.connect(lambda _link: window.show_outbox())
        window.statusBar().addPermanentWidget(self.label)
        self.busy = False
        self.timer = window.tasks.add_timer(QTimer(window, interval=OUTBOX_TICK_MS))
        self.timer.timeout.connect(self.run_outbox)
        self.timer.start()

    def run_outbox(self) -> None:
        session = self.window.session
        if self.busy or not session.jobs(("queued", "waiting", "running")):
            self.show_state()
            return
        self.busy = True

        def done(_result: object) -> None:
            self.busy = False
            self.show_state()

        self.window.tasks.submit(
            session.send_due, on_done=done, on_error=lambda _e: done(None), owner=self.window
        )

    def show_state(self) -> None:
        jobs = self.window.session.jobs(("queued", "waiting", "running", "needs_check", "failed"))
        if not jobs:
            self.label.setText("")
            return
        attention = sum(1 for j in jobs if j.state in ("needs_check", "failed"))
        text = _("Outbox: {count} waiting").format(count=len(jobs) - attention)
        if attention:
            text += " · " + _("{count} need you").format(count=attention)
        colour = "#B3261E" if attention else "#0B5CAD"
        self.label.setText(f"<a href='outbox' style='color:{colour}'>{text}</a>")
