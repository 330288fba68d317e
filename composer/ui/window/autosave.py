"""Autosave: the first unsaved change of the open draft is on disk within a second, and
the previews follow the text once per frame, however fast the officer types."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from composer.i18n import _, describe_code

if TYPE_CHECKING:
    from composer.ui.main_window import MainWindow

AUTOSAVE_MS = 1000  # first unsaved change is on disk within this, well inside the 2 s promise


class Autosave:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.saved_label = QLabel()
        window.statusBar().addPermanentWidget(self.saved_label)
        self.refresh_timer = QTimer(window, singleShot=True, interval=0)  # coalesce keystrokes per frame
        self.refresh_timer.timeout.connect(self.refresh_previews)
        self.timer = window.tasks.add_timer(QTimer(window, singleShot=True, interval=AUTOSAVE_MS))
        self.timer.timeout.connect(self.save_now)
        self.unsaved = False  # opening a draft is not editing it: only an edit is saved

    def changed(self) -> None:
        self.unsaved = True
        self.refresh_timer.start()
        if not self.timer.isActive():
            self.timer.start()
            self.saved_label.setText(_("Saving…"))

    def opened(self) -> None:
        """A draft was just opened (or created): nothing of it is unsaved yet."""
        self.timer.stop()
        self.unsaved = False

    def refresh_previews(self) -> None:
        post = self.window.post
        if post is not None:
            self.window.previews.show_post(post)

    def save_now(self) -> None:
        self.timer.stop()
        post = self.window.post
        if post is None or not self.unsaved or self.window.tasks.closed:
            return  # nothing new, or closed: the last state was saved when the window closed
        try:
            self.window.session.save_draft(post)
        except (sqlite3.Error, OSError) as exc:  # disk full, workspace damaged or read-only
            problem = self.window.session.problem(exc)
            reason = describe_code(problem.message_code, problem.params()) if problem else str(exc)
            self.saved_label.setText(_("Not saved: {reason}").format(reason=reason))
            self.timer.start()  # the text stays in the editor; saved once the disk has room
            return
        self.unsaved = False
        self.window.drafts_panel.refresh(post.id)
        self.saved_label.setText(_("Saved {time}").format(time=post.updated_at[11:16] + " UTC"))
