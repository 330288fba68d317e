"""The Kalender tab beside the composer: built the first time it is opened, reloaded each
time it is shown (a plan import or a post sent meanwhile shows up)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from composer.i18n import _

if TYPE_CHECKING:
    from composer.plan.calendar import CalendarItem
    from composer.ui.calendar_view import CalendarPanel
    from composer.ui.main_window import MainWindow


class CalendarTab:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.panel: CalendarPanel | None = None
        self.container = QWidget()
        QVBoxLayout(self.container).setContentsMargins(0, 0, 0, 0)
        self.index = window.modes.addTab(self.container, _("Calendar"))
        window.modes.currentChanged.connect(self._changed)

    def _changed(self, index: int) -> None:
        if index == self.index:
            panel = self.build()
            panel.reload()
            panel.grid.setFocus()

    def build(self) -> CalendarPanel:
        if self.panel is None:
            from composer.ui.calendar_view import CalendarPanel

            self.panel = CalendarPanel(self.window.session)
            self.panel.sig_open_draft.connect(self.open_draft)
            self.panel.sig_moved.connect(self._moved)
            layout = self.container.layout()
            assert layout is not None
            layout.addWidget(self.panel)
        return self.panel

    def _moved(self, item: CalendarItem) -> None:
        # The open draft is saved from memory: it must carry the new date, or the next
        # autosave would put the old one back.
        post = self.window.post
        if item.kind == "draft" and post is not None and post.id == item.post_id:
            post.planned_at = f"{item.day.isoformat()}T{item.time}"
        if item.native:  # the new time goes to the platform now, not at the next tick
            self.window.run_outbox()

    def show(self) -> None:
        self.window.modes.setCurrentIndex(self.index)

    def open_draft(self, post_id: str) -> None:
        try:
            self.window.session.open_draft(post_id)
        except (KeyError, ValueError):
            if self.panel is not None:
                self.panel.info.setText(_("The draft of this post is no longer in Siar (it was deleted)."))
            return
        self.window.open_draft(post_id)
        self.window.modes.setCurrentIndex(0)
        self.window.editor.text_edit.setFocus()
