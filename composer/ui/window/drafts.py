"""The open draft: which one it is, opening, creating and deleting drafts, and what the
infographic editor hands back to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from composer.core.post import MediaItem, Post
from composer.i18n import _
from composer.session import DamagedDraftError

if TYPE_CHECKING:
    from composer.ui.main_window import MainWindow


class Drafts:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.post: Post | None = None

    def open_initial(self) -> None:
        # Two indexed lookups, never the whole list (start-up is the same at any size).
        session, last_id = self.window.session, self.window.prefs.last_draft
        last = session.draft_summary(last_id) if last_id else None
        newest = session.list_drafts(1)
        if last is not None or newest:
            self.open_draft(last.id if last is not None else newest[0].id)
        else:
            self.new_draft()

    def open_draft(self, draft_id: str) -> None:
        if self.post is not None and self.post.id == draft_id:
            return
        self.window.save_now()
        try:
            post = self.window.session.open_draft(draft_id)
        except DamagedDraftError:
            # Imported on first use: not built for the first paint (issue 17, start-up).
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(
                self.window,
                _("Draft cannot be opened"),
                _("This draft is damaged and cannot be opened. Your other drafts are safe."),
            )
            return
        self.show(post)

    def new_draft(self) -> None:
        self.window.save_now()
        post = self.window.session.new_draft()
        self.window.drafts_panel.refresh(post.id)
        self.show(post)
        self.window.editor.text_edit.setFocus()

    def delete_draft(self) -> None:
        if self.post is None:
            return
        # Imported on first use: not built for the first paint (issue 17, start-up).
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self.window,
            _("Delete draft"),
            _("Move “{title}” to the bin?").format(title=self.post.display_title() or _("(untitled)")),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.window.autosave.settle()  # an autosave still writing must not bring it back
        self.window.session.delete_draft(self.post.id)
        self.window.drafts_panel.refresh(self.post.id)
        self.post = None
        self.open_initial()

    def show(self, post: Post) -> None:
        window = self.window
        self.post = post
        window.autosave.opened()
        window.editor.set_post(post)
        window.snippets.post_shown(post)
        if window.design_editor_if_built is not None:
            window.design_editor_if_built.set_post(post)
        if window.prefs.last_draft != post.id:  # no disk write (and fsync) when reopening the same one
            window.prefs.last_draft = post.id
            window.session.save_preferences(window.prefs)
        window.drafts_panel.select(post.id)
        window.refresh_previews()

    def platform_toggled(self, platform_id: str, enabled: bool) -> None:
        if self.post is not None:
            self.post.variant(platform_id).enabled = enabled
            self.window.autosave.changed()

    def design_exported(self, post_id: str, images: dict[str, MediaItem]) -> None:
        if self.post is None or self.post.id != post_id:
            return
        self.post.design_images = dict(images)
        self.window.autosave.changed()
        self.window.save_now()
        self.window.modes.setCurrentIndex(0)
        self.window.statusBar().showMessage(
            _("The infographic was added to {count} platform(s) in its size for each.").format(
                count=len(images)
            ),
            8000,
        )
