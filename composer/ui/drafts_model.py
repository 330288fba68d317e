"""The drafts list as a Qt model that holds only the rows the officer has scrolled to.

Rows come from the database a page at a time, newest first, already sorted and filtered
in SQL (``DraftStore.page``: keyset paging, FTS5 search). The view asks for the next
page (``canFetchMore``/``fetchMore``) when it scrolls near the end, so a workspace of
10,000 drafts costs what its first screenful costs. A save, a new draft or a deletion
changes one row; nothing rebuilds the list.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from composer.i18n import _
from composer.session import DraftStore, DraftSummary

PAGE = 100  # rows per query: a few screens of the list

# Data roles. More can be added after POSTED_ROLE (keep UserRole: it has always held the id).
ID_ROLE = Qt.ItemDataRole.UserRole
TITLE_ROLE = Qt.ItemDataRole.UserRole + 1
UPDATED_ROLE = Qt.ItemDataRole.UserRole + 2
POSTED_ROLE = Qt.ItemDataRole.UserRole + 3  # published at least once (history has it)

Index = QModelIndex | QPersistentModelIndex


def when(iso: str) -> str:
    """The list's time: hours and minutes today, the date before today."""
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return ""
    today = datetime.now().astimezone().date()
    return moment.strftime("%H:%M") if moment.date() == today else moment.strftime("%d-%m-%Y")


class DraftsModel(QAbstractListModel):
    def __init__(self, store: DraftStore) -> None:
        super().__init__()
        self._store = store
        self._rows: list[DraftSummary] = []
        self._search = ""
        self._more = True  # the database may hold rows after the last loaded one

    # --- what the view asks -------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        after = self._rows[-1].key if self._rows else None
        rows = self._store.page(PAGE, after=after, search=self._search)
        self._more = len(rows) == PAGE
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows += rows
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        draft = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{draft.title or _('(untitled)')}\n{when(draft.updated_at)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return draft.title or _("(untitled)")
        if role == ID_ROLE:
            return draft.id
        if role == TITLE_ROLE:
            return draft.title
        if role == UPDATED_ROLE:
            return draft.updated_at
        if role == POSTED_ROLE:
            return draft.posted
        return None

    # --- what the window tells it ---------------------------------------------------------
    @property
    def search(self) -> str:
        return self._search

    def set_search(self, text: str) -> None:
        """Show only drafts with every typed word (first page now, the rest on scrolling)."""
        self._search = text.strip()
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._more = True
        self.endResetModel()
        self.fetchMore()

    def row_of(self, draft_id: str) -> int | None:
        """The row of *draft_id* among the rows loaded so far (None if not loaded)."""
        for row, draft in enumerate(self._rows):
            if draft.id == draft_id:
                return row
        return None

    def refresh(self, draft_id: str) -> None:
        """Re-read one draft after a save, a post or a deletion: its row is updated, moved
        to where its new time sorts it (the top, after an edit), added or removed."""
        summary = self._store.summary(draft_id)
        row = self.row_of(draft_id)
        if summary is not None and self._search and not self._matches(draft_id):
            summary = None  # edited out of the search results
        others = [r for r in self._rows if r.id != draft_id]
        # Where SQL's order puts it among the loaded rows; past the last one while more
        # rows wait in the database, its page brings it when scrolled to.
        target = (
            next((i for i, r in enumerate(others) if r.key < summary.key), len(others)) if summary else None
        )
        if target is not None and target == len(others) and self._more:
            target = None
        if row is None:
            if summary is not None and target is not None:
                self.beginInsertRows(QModelIndex(), target, target)
                self._rows.insert(target, summary)
                self.endInsertRows()
            return
        if summary is None or target is None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            return
        if target != row:
            # Qt counts the destination in the list before the move.
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target + 1 if target > row else target)
            del self._rows[row]
            self._rows.insert(target, summary)
            self.endMoveRows()
        else:
            self._rows[row] = summary
        index = self.index(target)
        self.dataChanged.emit(index, index)

    def _matches(self, draft_id: str) -> bool:
        return self._store.matches(draft_id, self._search)
