"""Autosave: the first unsaved change of the open draft is on disk within a second, and
the previews follow the text once per frame, however fast the officer types.

The timer's save is written off the GUI thread: the write ends with an fsync, which on a
slow laptop disk takes longer than a frame, and it must never hold up a keystroke (issue
17). It goes to the session's one writer thread (first in, first out), never the pool the
uploads keep busy. What needs the draft on disk before it goes on (opening another draft,
posting, deleting, closing) calls ``save_now``, which first waits until that write is
done however long it takes (the database's busy timeout bounds it), so an older copy can
never land after a newer one."""

from __future__ import annotations

import copy
import logging
import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from composer.i18n import _, describe_code

if TYPE_CHECKING:
    from composer.core.post import Post
    from composer.ui.main_window import MainWindow

log = logging.getLogger(__name__)
AUTOSAVE_MS = 1000  # first unsaved change is on disk within this, well inside the 2 s promise


class Autosave:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.saved_label = QLabel()
        window.statusBar().addPermanentWidget(self.saved_label)
        self.refresh_timer = QTimer(window, singleShot=True, interval=0)  # coalesce keystrokes per frame
        self.refresh_timer.timeout.connect(self.refresh_previews)
        self.timer = window.tasks.add_timer(QTimer(window, singleShot=True, interval=AUTOSAVE_MS))
        self.timer.timeout.connect(self.save_in_background)
        self.unsaved = False  # opening a draft is not editing it: only an edit is saved
        self._edits = 0  # counts changes, so a write knows whether it holds the latest text
        self._writing = 0  # the task token of a background write under way

    def changed(self) -> None:
        self.unsaved = True
        self._edits += 1
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

    def save_in_background(self) -> None:
        """The timer's save: a copy of the draft as it is now, written by a worker."""
        post = self.window.post
        if post is None or not self.unsaved or self.window.tasks.closed:
            return
        if self._writing:
            self.timer.start()  # the previous write is still under way: the next tick saves
            return
        snapshot = copy.deepcopy(post)
        edits = self._edits
        token = 0

        def written(_result: object) -> None:
            if self._writing == token:
                self._writing = 0
                self._saved(post, snapshot, edits)

        def failed(exc: BaseException) -> None:
            if self._writing == token:
                self._writing = 0
                self._failed(exc)

        token = self.window.tasks.submit(
            self.window.session.save_draft, snapshot, on_done=written, on_error=failed, lane="writer"
        )
        self._writing = token

    def settle(self) -> None:
        """Wait for a background write still under way (before writing the draft's row on
        this thread: the older copy must not land after it)."""
        if self._writing:
            self.window.tasks.wait_for(self._writing, None)  # never go on while it may still land
            self._writing = 0  # its result, delivered later, is not this state's any more

    def save_now(self) -> None:
        """The open draft on disk before this returns."""
        self.timer.stop()
        self.settle()
        post = self.window.post
        if post is None or not self.unsaved or self.window.tasks.closed:
            return  # nothing new, or closed: the last state was saved when the window closed
        try:
            self.window.session.save_draft(post)
        except (sqlite3.Error, OSError) as exc:  # disk full, workspace damaged or read-only
            self._failed(exc)
            return
        self._saved(post, post, self._edits)

    def _saved(self, post: Post, written: Post, edits: int) -> None:
        if written is not post and self.window.post is post:
            post.updated_at = written.updated_at
        if edits == self._edits and self.window.post is post:
            self.unsaved = False
            self.saved_label.setText(_("Saved {time}").format(time=written.updated_at[11:16] + " UTC"))
        self.window.drafts_panel.refresh(written.id)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, (sqlite3.Error, OSError)):
            log.error("the draft could not be saved", exc_info=exc)  # a bug, not the disk
        problem = self.window.session.problem(exc)
        reason = describe_code(problem.message_code, problem.params()) if problem else str(exc)
        self.saved_label.setText(_("Not saved: {reason}").format(reason=reason))
        self.timer.start()  # the text stays in the editor; saved once the disk has room
