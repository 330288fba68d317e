"""The inbox in the main window: polls comments in the background, shows the badge of
unanswered questions, opens the Kotak masuk dialog (File › Inbox…, Ctrl+Shift+B)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QToolBar

from composer.i18n import _
from composer.ui.startup_probe import FirstPaint

if TYPE_CHECKING:
    from composer.publish.inbox import InboxService
    from composer.ui.inbox_dialog import InboxDialog
    from composer.ui.main_window import MainWindow

# The service decides what is due (20 minutes for fresh posts); this only wakes it up.
INBOX_TICK_MS = 5 * 60_000
FIRST_POLL_MS = 20_000  # after start-up, once the window is drawn and the outbox has run


class Inbox:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dialog: InboxDialog | None = None
        self.busy = False
        self.badge = QLabel()
        self.badge.setTextFormat(Qt.TextFormat.RichText)
        self.badge.linkActivated.connect(lambda _link: self.show())
        window.statusBar().addPermanentWidget(self.badge)
        self.timer = window.tasks.add_timer(QTimer(window, interval=INBOX_TICK_MS))
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        QTimer.singleShot(FIRST_POLL_MS, window, self.poll)
        # The button is there from the first paint; the count (a database read, and the
        # comments store behind it) comes right after that paint.
        self._action(_("Inbox"))
        self._after_paint = FirstPaint(window, self.show_badge)

    @property
    def service(self) -> InboxService:
        return self.window.session.inbox()

    def stop(self) -> None:
        self.timer.stop()

    def poll(self, on_done: Callable[[], None] | None = None) -> None:
        """Ask the platforms for new comments on a network worker; the badge follows."""
        if self.busy:
            return
        self.busy = True

        def done(_result: object) -> None:
            self.busy = False
            self.show_badge()
            if on_done is not None:
                on_done()

        self.window.tasks.submit(
            self.service.run_due, on_done=done, on_error=lambda _e: done(None), owner=self.window
        )

    def show_badge(self) -> None:
        if self.window.session.closed:
            return  # queued by the first paint or a poll before the window closed
        waiting = self.window.session.unanswered_comments()
        self._action(_("Inbox ({count})").format(count=waiting) if waiting else _("Inbox"))
        if not waiting:
            self.badge.setText("")
            return
        label = _("{count} unanswered questions").format(count=waiting)
        self.badge.setText(f"<a href='inbox' style='color:#B3261E'>{label}</a>")

    def _action(self, text: str) -> None:
        toolbar = self.window.findChild(QToolBar, "posting")
        if toolbar is not None:
            action = next((a for a in toolbar.actions() if a.objectName() == "inbox"), None)
            if action is None:
                action = toolbar.addAction(text, self.show)
                action.setObjectName("inbox")
            action.setText(text)
            action.setToolTip(_("Comments from the public (Ctrl+Shift+B)"))

    def show(self) -> None:
        from composer.ui.inbox_dialog import InboxDialog

        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        dialog = InboxDialog(self.service, self.window.session.workspace.settings, self.window)
        dialog.sig_queued.connect(self._queued)
        dialog.finished.connect(lambda _code: self.show_badge())
        self.dialog = dialog
        dialog.show()

    def _queued(self) -> None:
        self.show_badge()
        self.window.run_outbox()  # send the reply now, not at the next tick
