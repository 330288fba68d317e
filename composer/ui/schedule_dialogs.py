"""Changing a scheduled post's time, and the posts whose time passed while Siar was closed
(issue 13 item 4). The work is the session's (``reschedule``, ``cancel_scheduled``,
``send_missed``); these dialogs ask the officer and say what happened."""

from __future__ import annotations

import html
import time
from collections.abc import Callable

from PySide6.QtCore import QDateTime, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from composer import platforms
from composer.i18n import _, describe_code
from composer.session import Job, Session
from composer.ui.publish_dialog import schedule_note
from composer.ui.screen_fit import fit_to_screen
from composer.ui.tasks import TaskRunner


def _when(ts: float) -> str:
    return time.strftime("%d-%m-%Y %H:%M", time.localtime(ts))


def _title(job: Job) -> str:
    text = str(job.payload.get("title") or job.payload.get("text") or "").strip()
    return text.splitlines()[0][:60] if text else "—"


class RescheduleDialog(QDialog):
    """A new date and time for one or more scheduled posts, with who keeps the time per
    account ("Siar must be running at that time" where the platform has no scheduling)."""

    def __init__(
        self, session: Session, jobs: list[Job], start: float, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change the time"))
        layout = QVBoxLayout(self)
        names = {a.id: a.name for a in session.accounts()}
        lines = []
        for job in jobs:
            found = session.schedule_of(job)
            native = found[1] if found else None
            account = names.get(job.account_id, platforms.display_name(job.platform))
            lines.append(
                f"<b>{html.escape(_title(job))}</b> — {html.escape(account)}<br>"
                f"{html.escape(schedule_note(job.platform, native))}"
            )
        intro = QLabel("<br>".join(lines))
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("New time:")))
        self.when = QDateTimeEdit(QDateTime.fromSecsSinceEpoch(int(start)))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("dd-MM-yyyy HH:mm")
        row.addWidget(self.when, 1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Change the time"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def at(self) -> float:
        return float(self.when.dateTime().toSecsSinceEpoch())


def apply_reschedule(session: Session, job_ids: list[str], at: float) -> list[str]:
    """Give each job the new time; the messages of those that refused (none: all moved)."""
    from composer.session import ScheduleRefused

    problems = []
    for job_id in job_ids:
        try:
            session.reschedule(job_id, at)
        except ScheduleRefused as refused:
            problems.append(describe_code(refused.code, dict(refused.params)))
    return problems


def apply_cancel(session: Session, job_ids: list[str]) -> list[str]:
    from composer.session import ScheduleRefused

    problems = []
    for job_id in job_ids:
        try:
            session.cancel_scheduled(job_id)
        except ScheduleRefused as refused:
            problems.append(describe_code(refused.code, dict(refused.params)))
    return problems


class MissedPostsDialog(QDialog):
    """At start-up: the posts Siar held for a time that passed while it was closed. Nothing
    goes late unasked; for the chosen posts (all at first): send now, a new time, or cancel.
    "Decide later" leaves them paused in the outbox."""

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        jobs: list[Job],
        parent: QWidget | None = None,
        on_sent: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self.on_sent = on_sent or (lambda: None)
        self.reschedule_dialog: RescheduleDialog | None = None
        self.setWindowTitle(_("Posts whose time has passed"))
        fit_to_screen(self, QSize(760, 420))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Siar was closed when these posts were due, so they were not sent. Nothing goes out late unless you say so."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QTreeWidget()
        self.list.setHeaderLabels([_("Post"), _("Account"), _("Was due")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        names = {a.id: a.name for a in session.accounts()}
        for job in jobs:
            due = float(job.data.get("scheduled_at") or 0)
            item = QTreeWidgetItem([_title(job), names.get(job.account_id, "?"), _when(due)])
            item.setData(0, Qt.ItemDataRole.UserRole, job.id)
            self.list.addTopLevelItem(item)
        for column in range(3):
            self.list.resizeColumnToContents(column)
        self.list.selectAll()
        self.list.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.list, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.select_all = QPushButton(_("Select all"))
        self.select_all.clicked.connect(self.list.selectAll)
        self.send_button = QPushButton(_("Send now"))
        self.send_button.clicked.connect(self.send_now)
        self.reschedule_button = QPushButton(_("New time…"))
        self.reschedule_button.clicked.connect(self.choose_time)
        self.cancel_button = QPushButton(_("Cancel these posts"))
        self.cancel_button.clicked.connect(self.cancel_posts)
        self.later_button = QPushButton(_("Decide later"))
        self.later_button.setToolTip(_("They stay paused in the outbox until you resume or cancel them."))
        self.later_button.clicked.connect(self.reject)
        for button in (self.select_all, self.send_button, self.reschedule_button, self.cancel_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.later_button)
        layout.addLayout(row)
        self._selection_changed()

    def chosen(self) -> list[str]:
        return [str(i.data(0, Qt.ItemDataRole.UserRole)) for i in self.list.selectedItems()]

    def _selection_changed(self) -> None:
        some = bool(self.chosen())
        for button in (self.send_button, self.reschedule_button, self.cancel_button):
            button.setEnabled(some)

    def _done_with(self, problems: list[str]) -> None:
        """Take the posts that are no longer waiting for a decision off the list; close
        once none is left."""
        for index in reversed(range(self.list.topLevelItemCount())):
            item = self.list.topLevelItem(index)
            assert item is not None
            job = self.session.job(str(item.data(0, Qt.ItemDataRole.UserRole)))
            if job is None or job.state != "paused" or not job.data.get("missed"):
                self.list.takeTopLevelItem(index)
        self.message.setText("\n".join(dict.fromkeys(problems)))
        if self.list.topLevelItemCount() == 0:
            self.accept()
        self._selection_changed()

    def send_now(self) -> None:
        job_ids = self.chosen()
        for job_id in job_ids:
            self.session.send_missed(job_id)
        self.runner.submit(self.session.send_due, on_done=lambda _r: self.on_sent(), owner=self.parent())
        self._done_with([])

    def choose_time(self) -> RescheduleDialog:
        job_ids = self.chosen()
        jobs = [j for j in (self.session.job(i) for i in job_ids) if j is not None]
        start = self.session.clock.now() + 3600  # an hour ahead: a time that surely lies ahead
        dialog = RescheduleDialog(self.session, jobs, start, self)
        dialog.accepted.connect(lambda: self._done_with(apply_reschedule(self.session, job_ids, dialog.at())))
        self.reschedule_dialog = dialog
        dialog.open()
        return dialog

    def cancel_posts(self) -> None:
        job_ids = self.chosen()
        self._done_with(apply_cancel(self.session, job_ids))
