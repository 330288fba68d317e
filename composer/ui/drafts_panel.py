"""The list of drafts on the left, with search and a "New draft" button."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from composer.i18n import _
from composer.session import DraftSummary


def _when(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return ""
    today = datetime.now().astimezone().date()
    return moment.strftime("%H:%M") if moment.date() == today else moment.strftime("%d-%m-%Y")


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
                item = QListWidgetItem(f"{title}\n{_when(draft.updated_at)}")
                item.setData(Qt.ItemDataRole.UserRole, draft.id)
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
            if item.data(Qt.ItemDataRole.UserRole) == draft_id:
                item.setText(f"{title or _('(untitled)')}\n{_when(updated_at)}")
                return

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None and not self._updating:
            self.sig_selected.emit(current.data(Qt.ItemDataRole.UserRole))
