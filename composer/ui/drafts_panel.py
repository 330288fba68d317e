"""The list of drafts on the left, with search and a "New draft" button.

The highlighted row is always the open draft: clicking a row *asks* to open it
(``sig_selected``); the highlight moves only when the window says which draft is open
(``select``), so a draft that cannot be opened never stays highlighted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QListView, QPushButton, QVBoxLayout, QWidget

from composer.i18n import _
from composer.session import DraftStore
from composer.ui.draft_delegate import DraftDelegate
from composer.ui.drafts_model import ID_ROLE, DraftsModel


class DraftsPanel(QWidget):
    sig_selected = Signal(str)
    """(draft id) chosen by the officer."""
    sig_new_requested = Signal()

    def __init__(self, store: DraftStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 8)
        self.new_button = QPushButton(_("New draft"))
        self.new_button.clicked.connect(self.sig_new_requested)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search drafts"))
        self.search.setClearButtonEnabled(True)
        self.model = DraftsModel(store)
        self.list = QListView()
        self.list.setUniformItemSizes(True)  # layout never asks every row for its size
        # Titles wrap to two lines (a narrow panel cut them), a "sent" mark on posted drafts.
        self.list.setItemDelegate(DraftDelegate(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setModel(self.model)
        self._current = ""  # the open draft's id
        # > 0 while the panel itself changes the list or its selection: Qt then moves the
        # current row (a removed row's neighbour becomes current), which is no request to
        # open anything.
        self._quiet = 0
        selection = self.list.selectionModel()
        selection.currentChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._sync)
        self.model.rowsInserted.connect(self._sync)
        self.model.rowsMoved.connect(self._sync)
        self.model.rowsRemoved.connect(self._sync)
        self.search.textChanged.connect(lambda text: self._quietly(self.model.set_search, text))
        layout.addWidget(self.new_button)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        self.model.fetchMore()

    def select(self, draft_id: str) -> None:
        """Highlight the open draft (when its row is loaded; a later page brings it)."""
        self._current = draft_id
        self._sync()

    def refresh(self, draft_id: str) -> None:
        """One draft was saved, posted, created or deleted: update its row only."""
        self._quietly(self.model.refresh, draft_id)
        self._sync()

    def reload(self) -> None:
        """Many drafts changed at once (a plan import): reload from the first page."""
        self._quietly(lambda _id: self.model.reload(), "")
        self._sync()

    def _quietly(self, change: Callable[[str], None], value: str) -> None:
        self._quiet += 1
        try:
            change(value)
        finally:
            self._quiet -= 1

    def _sync(self, *_args: object) -> None:
        row = self.model.row_of(self._current) if self._current else None
        selection = self.list.selectionModel()
        self._quiet += 1
        try:
            if row is None:
                selection.clear()
            else:
                index = self.model.index(row)
                if index != self.list.currentIndex() or not selection.isSelected(index):
                    selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._quiet -= 1

    def _current_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: QModelIndex | QPersistentModelIndex
    ) -> None:
        if self._quiet or not current.isValid():
            return
        draft_id = str(current.data(ID_ROLE))
        if draft_id != self._current:
            self.sig_selected.emit(draft_id)  # the window opens it and calls select()
        # Back to the open draft if it could not be opened; again once the click that
        # started this has finished selecting (the view selects after moving current).
        self._sync()
        QTimer.singleShot(0, self._sync)
