"""Opening the posting dialogs from the window: Post to all, the outbox and its history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from composer.core.post import Post

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget  # annotations only: not built for the first paint

    from composer.session import Job  # the outbox's types load with its first job
    from composer.ui.main_window import MainWindow


class Posting:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.open_dialog: QDialog | None = None  # the last dialog opened (tests, screenshots)

    def post_to_all(self) -> None:
        from composer.ui.publish_dialog import PublishDialog

        window = self.window
        if window.post is None:
            return
        window.save_now()
        dialog = PublishDialog(Post.from_dict(window.post.to_dict()), window.session, window.tasks, window)
        dialog.sig_reconnect.connect(window.show_accounts)
        dialog.sig_open_outbox.connect(window.show_outbox)
        dialog.sig_posted.connect(window.drafts_panel.refresh)  # its row shows the "sent" mark
        dialog.finished.connect(lambda _code: window.outbox_status.show_state())
        self.open_dialog = dialog
        dialog.open()

    def show_outbox(self, tab: int = 0) -> None:
        from composer.ui.outbox_dialog import OutboxDialog

        window = self.window
        dialog = OutboxDialog(window.session, window.tasks, window, tab=tab)
        dialog.finished.connect(lambda _code: window.outbox_status.show_state())
        self.open_dialog = dialog
        dialog.open()

    def show_missed(self, jobs: list[Job]) -> QDialog:
        """At start-up: the posts whose time passed while Siar was closed (issue 13)."""
        from composer.ui.schedule_dialogs import MissedPostsDialog

        window = self.window
        dialog = MissedPostsDialog(
            window.session, window.tasks, jobs, window, on_sent=window.outbox_status.show_state
        )
        dialog.finished.connect(lambda _code: window.outbox_status.show_state())
        self.open_dialog = dialog
        dialog.open()
        return dialog

    def open_panel(self, name: str) -> QWidget:
        """A dialog by name, shown but not modal (tools/screenshot.py)."""
        if name == "post":
            self.post_to_all()
        else:
            self.show_outbox(tab=1 if name == "history" else 0)
        assert self.open_dialog is not None
        return self.open_dialog
