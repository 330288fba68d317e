"""The inbox as a Qt table model that holds only the rows the officer has scrolled to.

Like the drafts list (drafts_model.py): rows come from SQL a page at a time, newest
first, already filtered (``CommentStore.page`` over an index), and the view asks for
the next page when it scrolls near the end, so 20,000 comments cost a screenful.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from composer import platforms
from composer.i18n import N_, _
from composer.session.comments import ANSWERED, HIDDEN, NEW, NO_REPLY, Comment, CommentStore

PAGE = 200
ID_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex

STATUS_NAMES = {
    NEW: N_("new"),
    ANSWERED: N_("answered"),
    HIDDEN: N_("hidden"),
    NO_REPLY: N_("no reply needed"),
}
COLUMNS = (
    N_("Time"),
    N_("Platform"),
    N_("From"),
    N_("Comment"),
    N_("On post"),
    N_("Status"),
    N_("First answer"),
)
TEXT_COLUMN = 3


def duration(seconds: float) -> str:
    """A wait as the officer reads it: minutes, hours and minutes, or days and hours."""
    minutes = int(seconds // 60)
    if minutes < 60:
        return _("{m} min").format(m=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return _("{h} h {m} min").format(h=hours, m=minutes)
    days, hours = divmod(hours, 24)
    return _("{d} d {h} h").format(d=days, h=hours)


def when(at: float) -> str:
    moment = datetime.fromtimestamp(at).astimezone()
    today = datetime.now().astimezone().date()
    return moment.strftime("%H:%M") if moment.date() == today else moment.strftime("%d-%m-%Y %H:%M")


class InboxModel(QAbstractTableModel):
    def __init__(self, store: CommentStore) -> None:
        super().__init__()
        self._store = store
        self._rows: list[Comment] = []
        self._titles: dict[str, str] = {}
        self._unanswered_only = False
        self._more = True

    # --- what the view asks -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section])
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        rows = self._store.page(len(self._rows), PAGE, self._unanswered_only)
        self._more = len(rows) == PAGE
        if rows:
            self._titles.update(self._store.post_titles(r.history_id for r in rows))
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows += rows
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        comment = self._rows[index.row()]
        if role == ID_ROLE:
            return comment.id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == TEXT_COLUMN:
            return comment.text
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return when(comment.created_at)
        if column == 1:
            return platforms.display_name(comment.platform)
        if column == 2:
            return comment.author
        if column == 3:
            return " ".join(comment.text.split())
        if column == 4:
            return self._titles.get(comment.history_id, "")
        if column == 5:
            status = _(STATUS_NAMES.get(comment.status, comment.status))
            if comment.liked_at is not None:
                status = f"{status} · 👍 {_('liked')}"
            return f"{status} · {_('sending…')}" if comment.pending else status
        waited = comment.first_answer_seconds
        return duration(waited) if waited is not None else "—"

    # --- what the dialog tells it ---------------------------------------------------------------
    def set_unanswered_only(self, on: bool) -> None:
        self._unanswered_only = on
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._more = True
        self.endResetModel()
        self.fetchMore()

    def comment(self, row: int) -> Comment | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def refresh(self, comment_id: str) -> None:
        """Re-read one comment after an action; in the unanswered view it may leave."""
        for row, old in enumerate(self._rows):
            if old.id == comment_id:
                new = self._store.get(comment_id)
                if new is None or (self._unanswered_only and new.status != NEW):
                    self.beginRemoveRows(QModelIndex(), row, row)
                    del self._rows[row]
                    self.endRemoveRows()
                else:
                    self._rows[row] = new
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                return
