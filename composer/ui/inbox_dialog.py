"""Kotak masuk: the public's comments on our posts, newest first, and the officer's answers.

Keyboard: the list has focus first (arrows move, Ctrl+F the filter); Ctrl+Enter sends
the reply, Ctrl+H hides, Ctrl+L likes (Facebook: the only platform whose API allows it),
Ctrl+T marks "no reply needed", Alt+V (Indonesian: Alt+S) picks a saved reply.
Replies, hides and likes go to the outbox (exactly once, offline-safe); the row says
"sending…" until the platform has them. Sized for 1366×768.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from composer.i18n import N_, _
from composer.session.comments import HIDDEN, saved_replies
from composer.ui.inbox_model import TEXT_COLUMN, InboxModel
from composer.ui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from composer.publish.inbox import InboxService
    from composer.session.comments import SettingsStore

# What the service's refusals mean to the officer.
MESSAGES = {
    "inbox.reply_empty": N_("Write a reply first."),
    "inbox.already_hidden": N_("This comment is already hidden."),
    "inbox.post_gone": N_("The post of this comment is no longer in the history."),
    "inbox.comment_gone": N_("This comment is no longer in the inbox."),
    "inbox.like_unsupported": N_(
        "Only Facebook lets Siar like a comment; like it in the platform's own app."
    ),
    "inbox.already_liked": N_("The office already likes this comment."),
}


class InboxDialog(QDialog):
    sig_queued = Signal()
    """A reply or hide went into the outbox: the window sends it now."""

    def __init__(self, service: InboxService, settings: SettingsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.settings = settings
        self.setWindowTitle(_("Inbox"))
        fit_to_screen(self, QSize(1240, 680))  # a laptop's work area may be smaller
        self.model = InboxModel(service.store)

        self.filter = QCheckBox(_("&Unanswered questions only"))
        self.filter.toggled.connect(self._filter)
        self.summary = QLabel()
        refresh = QPushButton(_("Check for new comments"))
        refresh.clicked.connect(self.poll_now)
        top = QHBoxLayout()
        top.addWidget(self.filter)
        top.addStretch(1)
        top.addWidget(self.summary)
        top.addWidget(refresh)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, width in enumerate((128, 84, 130, 0, 180, 120, 130)):
            if column == TEXT_COLUMN:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_current())

        self.full_text = QLabel()
        self.full_text.setWordWrap(True)
        self.full_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.saved = QComboBox()
        self.saved.activated.connect(self._use_saved)
        saved_label = QLabel(_("Sa&ved replies:"))
        saved_label.setBuddy(self.saved)
        manage = QPushButton(_("Edit saved replies…"))
        manage.clicked.connect(self.edit_saved_replies)
        saved_row = QHBoxLayout()
        saved_row.addWidget(saved_label)
        saved_row.addWidget(self.saved, 1)
        saved_row.addWidget(manage)
        self.reply_text = QPlainTextEdit()
        self.reply_text.setPlaceholderText(_("Your reply to the selected comment"))
        self.reply_text.setFixedHeight(72)
        self.reply_button = QPushButton(_("&Reply (Ctrl+Enter)"))
        self.reply_button.clicked.connect(self.reply)
        self.hide_button = QPushButton(_("&Hide (Ctrl+H)"))
        self.hide_button.clicked.connect(self.hide_comment)
        self.like_button = QPushButton(_("&Like (Ctrl+L)"))
        self.like_button.setToolTip(_("Like the comment as the office (Facebook only)"))
        self.like_button.clicked.connect(self.like_comment)
        self.skip_button = QPushButton(_("&No reply needed (Ctrl+T)"))
        self.skip_button.clicked.connect(self.no_reply_needed)
        actions = QHBoxLayout()
        actions.addWidget(self.reply_button)
        actions.addWidget(self.hide_button)
        actions.addWidget(self.like_button)
        actions.addWidget(self.skip_button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        actions.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.full_text)
        layout.addLayout(saved_row)
        layout.addWidget(self.reply_text)
        layout.addLayout(actions)
        self.shortcuts: dict[str, QAction] = {}
        for keys, slot in (
            ("Ctrl+Return", self.reply),
            ("Ctrl+Enter", self.reply),
            ("Ctrl+H", self.hide_comment),
            ("Ctrl+L", self.like_comment),
            ("Ctrl+T", self.no_reply_needed),
            ("Ctrl+F", self.filter.toggle),
            ("F5", self.poll_now),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            self.addAction(action)
            self.shortcuts[keys] = action
        self._load_saved()
        self.reload()
        self.table.setFocus()

    # --- the list ----------------------------------------------------------------------------
    def reload(self) -> None:
        self.model.reload()
        self._after_change()
        if self.model.rowCount():
            self.table.selectRow(0)

    def _filter(self, on: bool) -> None:
        self.model.set_unanswered_only(on)
        self._after_change()
        if self.model.rowCount():
            self.table.selectRow(0)

    def _after_change(self) -> None:
        waiting = self.service.store.unanswered()
        self.summary.setText(_("{count} unanswered questions").format(count=waiting))
        self._show_current()

    def _current(self) -> str | None:
        index = self.table.currentIndex()
        comment = self.model.comment(index.row()) if index.isValid() else None
        return comment.id if comment is not None else None

    def _show_current(self) -> None:
        index = self.table.currentIndex()
        comment = self.model.comment(index.row()) if index.isValid() else None
        enabled = comment is not None and not comment.pending
        for button in (self.reply_button, self.hide_button, self.skip_button):
            button.setEnabled(enabled)
        if comment is not None and comment.status == HIDDEN:
            self.hide_button.setEnabled(False)
        self.like_button.setEnabled(
            enabled
            and comment is not None
            and comment.liked_at is None
            and self.service.can_like(comment.platform)
        )
        if comment is None:
            self.full_text.setText(_("No comment selected."))
            return
        answer = f"\n↩ {comment.reply_text}" if comment.reply_text else ""
        self.full_text.setText(f"{comment.author}: {comment.text}{answer}")

    def poll_now(self) -> None:
        """Ask the platforms now (F5); the window's timer does it on its own otherwise."""
        parent = self.parent()
        poll = getattr(parent, "inbox", None)
        if poll is not None:
            poll.poll(on_done=self.reload)
        else:
            self.service.run_due()
            self.reload()

    # --- actions -------------------------------------------------------------------------------
    def reply(self) -> None:
        self._act(lambda comment_id: self.service.reply(comment_id, self.reply_text.toPlainText()))

    def hide_comment(self) -> None:
        self._act(self.service.hide)

    def like_comment(self) -> None:
        self._act(self.service.like)

    def no_reply_needed(self) -> None:
        self._act(self.service.no_reply_needed)

    def _act(self, action: object) -> None:
        comment_id = self._current()
        if comment_id is None or not callable(action):
            return
        try:
            action(comment_id)
        except ValueError as refused:
            QMessageBox.information(self, _("Inbox"), _(MESSAGES.get(str(refused), str(refused))))
            return
        self.reply_text.clear()
        row = self.table.currentIndex().row()
        self.model.refresh(comment_id)
        self._after_change()
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))
        self.sig_queued.emit()

    # --- saved replies -------------------------------------------------------------------------
    def _load_saved(self) -> None:
        self.saved.clear()
        self.saved.addItem(_("(choose one to insert)"), "")
        for reply in saved_replies.load(self.settings):
            self.saved.addItem(reply.name, reply.text)

    def _use_saved(self, index: int) -> None:
        text = str(self.saved.itemData(index) or "")
        if text:
            self.reply_text.setPlainText(text)
            self.reply_text.setFocus()
        self.saved.setCurrentIndex(0)

    def edit_saved_replies(self) -> None:
        dialog = SavedRepliesDialog(saved_replies.load(self.settings), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            saved_replies.save(self.settings, dialog.replies())
            self._load_saved()


class SavedRepliesDialog(QDialog):
    """Edit the saved replies: a name and a text each; stored in the settings."""

    def __init__(self, replies: list[saved_replies.SavedReply], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Saved replies"))
        self.resize(720, 420)
        self._replies = list(replies)
        self.names = QListWidget()
        self.name = QLineEdit()
        self.text = QPlainTextEdit()
        add = QPushButton(_("&Add"))
        add.clicked.connect(self._add)
        remove = QPushButton(_("&Remove"))
        remove.clicked.connect(self._remove)
        left = QVBoxLayout()
        left.addWidget(self.names, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        left.addLayout(row)
        right = QVBoxLayout()
        name_label = QLabel(_("&Name:"))
        name_label.setBuddy(self.name)
        right.addWidget(name_label)
        right.addWidget(self.name)
        text_label = QLabel(_("&Text:"))
        text_label.setBuddy(self.text)
        right.addWidget(text_label)
        right.addWidget(self.text, 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 2)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self._shown = -1
        self.names.currentRowChanged.connect(self._select)
        self._fill()

    def _fill(self) -> None:
        self.names.clear()
        self.names.addItems([r.name for r in self._replies])
        if self._replies:
            self.names.setCurrentRow(0)

    def _keep(self) -> None:
        if 0 <= self._shown < len(self._replies):
            self._replies[self._shown] = saved_replies.SavedReply(
                self.name.text().strip() or _("(untitled)"), self.text.toPlainText().strip()
            )
            item = self.names.item(self._shown)
            if item is not None:
                item.setText(self._replies[self._shown].name)

    def _select(self, row: int) -> None:
        self._keep()
        self._shown = row
        if 0 <= row < len(self._replies):
            self.name.setText(self._replies[row].name)
            self.text.setPlainText(self._replies[row].text)

    def _add(self) -> None:
        self._keep()
        self._replies.append(saved_replies.SavedReply(_("New reply"), ""))
        self._shown = -1
        self._fill()
        self.names.setCurrentRow(len(self._replies) - 1)
        self.name.setFocus()
        self.name.selectAll()

    def _remove(self) -> None:
        row = self.names.currentRow()
        if 0 <= row < len(self._replies):
            del self._replies[row]
            self._shown = -1
            self._fill()

    def replies(self) -> list[saved_replies.SavedReply]:
        self._keep()
        return [r for r in self._replies if r.text]
