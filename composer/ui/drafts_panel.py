"""The list of drafts on the left, with search and a "New draft" button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from composer.i18n import _
from composer.store.drafts import DraftSummary
from composer.ui.draft_delegate import ID_ROLE, POSTED_ROLE, TITLE_ROLE, UPDATED_ROLE, DraftDelegate


class DraftsPanel(QWidget):
    sig_selected = Signal(str)
    """(draft id) chosen by the officer."""
    sig_new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 8)
        self.new_button = QPushButton(_("New draft"))
        self.new_button.clicked.connect(self.sig_new_requested)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search drafts"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.list = QListWidget()
        # Titles wrap to two lines (a narrow panel cut them), a "sent" mark on posted drafts.
        self.list.setItemDelegate(DraftDelegate(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.currentItemChanged.connect(self._current_changed)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        self._updating = False

    def show_drafts(self, drafts: list[DraftSummary], current: str | None) -> None:
        self._updating = True
        try:
            self.list.clear()
            for draft in drafts:
                title = draft.title or _("(untitled)")
                item = QListWidgetItem(title)
                item.setData(ID_ROLE, draft.id)
                item.setData(TITLE_ROLE, draft.title)
                item.setData(UPDATED_ROLE, draft.updated_at)
                item.setData(POSTED_ROLE, draft.posted)
                item.setToolTip(title)
                self.list.addItem(item)
                if draft.id == current:
                    self.list.setCurrentItem(item)
        finally:
            self._updating = False
        self._filter(self.search.text())

    def rename(self, draft_id: str, title: str, updated_at: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == draft_id:
                item.setText(title or _("(untitled)"))
                item.setData(TITLE_ROLE, title)
                item.setData(UPDATED_ROLE, updated_at)
                return

    def set_posted(self, draft_id: str) -> None:
        """Mark a draft as sent (after a post to any account succeeded)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == draft_id:
                item.setData(POSTED_ROLE, True)

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None and not self._updating:
            self.sig_selected.emit(current.data(ID_ROLE))
