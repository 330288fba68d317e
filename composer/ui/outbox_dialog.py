"""The outbox: what is queued, sending, waiting or needs the officer; and the history."""

from __future__ import annotations

import time

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from composer import platforms
from composer.i18n import _
from composer.session import Action, Job, JobState, Session
from composer.ui.publish_dialog import JobRelay, job_message, post_link
from composer.ui.schedule_dialogs import RescheduleDialog, apply_cancel, apply_reschedule
from composer.ui.screen_fit import fit_to_screen
from composer.ui.tasks import TaskRunner


def _plain(html_text: str) -> str:
    import re
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", html_text))


class OutboxDialog(QDialog):
    def __init__(
        self, session: Session, runner: TaskRunner, parent: QWidget | None = None, *, tab: int = 0
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self.setWindowTitle(_("Outbox and history"))
        fit_to_screen(self, QSize(1000, 560))  # a laptop's work area may be smaller
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        # --- outbox -------------------------------------------------------------------------
        outbox_page = QWidget()
        outbox_layout = QVBoxLayout(outbox_page)
        self.pause_all = QCheckBox(_("Pause all sending"))
        self.pause_all.setChecked(session.paused)
        self.pause_all.toggled.connect(self._pause_all)
        outbox_layout.addWidget(self.pause_all)
        self.jobs = QTreeWidget()
        self.jobs.setHeaderLabels([_("Post"), _("Account"), _("State"), _("Tries"), _("What happened")])
        self.jobs.setRootIsDecorated(False)
        self.jobs.setAlternatingRowColors(True)
        self.jobs.itemSelectionChanged.connect(self._selection_changed)
        outbox_layout.addWidget(self.jobs, 1)
        row = QHBoxLayout()
        self.buttons: dict[Action, QPushButton] = {}
        for key, label in (
            (Action.PAUSE, _("Pause")),
            (Action.RESUME, _("Resume")),
            (Action.RETRY, _("Try again now")),
            (Action.CANCEL, _("Cancel")),
            (Action.MARK_POSTED, _("It is there: paste its address…")),
            (Action.POST_ANYWAY, _("It is not there: post it")),
        ):
            button = QPushButton(label)
            if key in (Action.MARK_POSTED, Action.POST_ANYWAY):
                button.setToolTip(
                    _(
                        "Siar could not tell whether this post arrived. Look for it on the platform: if it is there, paste its address; if not, post it now."
                    )
                )
            button.clicked.connect(lambda _c=False, k=key: self._act(k))
            row.addWidget(button)
            self.buttons[key] = button
        # A scheduled post's time (issue 13 item 4): Siar's hold, or on the platform.
        self.change_time = QPushButton(_("Change the time…"))
        self.change_time.clicked.connect(self.choose_time)
        row.addWidget(self.change_time)
        self.reschedule_dialog: QDialog | None = None
        row.addStretch(1)
        outbox_layout.addLayout(row)
        self.tabs.addTab(outbox_page, _("Outbox"))

        # --- history ------------------------------------------------------------------------
        history_page = QWidget()
        history_layout = QVBoxLayout(history_page)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search the text, account or address…"))
        self.search.textChanged.connect(self.refresh_history)
        history_layout.addWidget(self.search)
        self.history = QTreeWidget()
        self.history.setHeaderLabels([_("Published"), _("Account"), _("Platform"), _("Text"), _("Address")])
        self.history.setRootIsDecorated(False)
        self.history.setAlternatingRowColors(True)
        self.history.itemDoubleClicked.connect(self._open_link)
        history_layout.addWidget(self.history, 1)
        history_row = QHBoxLayout()
        self.paste_button = QPushButton(_("Paste the live address…"))
        self.paste_button.clicked.connect(self._paste_address)
        history_row.addWidget(self.paste_button)
        self.count_label = QLabel()
        history_row.addStretch(1)
        history_row.addWidget(self.count_label)
        history_layout.addLayout(history_row)
        self.tabs.addTab(history_page, _("History"))
        self.tabs.setCurrentIndex(tab)
        close_row = QDialogButtonBox()
        close_row.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close_row.rejected.connect(self.reject)
        layout.addWidget(close_row)

        self.relay = JobRelay(self, session, lambda _job: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        self.refresh_jobs()
        self.refresh_history()

    def refresh_jobs(self) -> None:
        selected = self.selected()
        accounts = {a.id: a for a in self.session.accounts()}
        names = {a.id: a.name for a in accounts.values()}
        self.jobs.clear()
        for job in reversed(self.session.jobs()):
            title = str(job.payload.get("title", ""))[:50]
            state = _(JobState(job.state).label)
            schedule = self.session.schedule_of(job)
            if schedule is not None and job.state in ("waiting", "done"):  # not "retry" or "posted" yet
                state = _("Scheduled on the platform") if schedule[1] else _("Scheduled in Siar")
            progress = self.session.progress(job.id)
            if job.state == "running" and progress is not None:
                state += f" {progress:.0%}"
            sandbox = job.account_id in accounts and accounts[job.account_id].sandbox
            message = _plain(job_message(job, sandbox=sandbox))
            # Retries so far: nothing to count for a post that went out (it read "Tries 0").
            tries = str(job.attempts) if job.attempts and job.state != "done" else ""
            item = QTreeWidgetItem([title, names.get(job.account_id, "?"), state, tries, message])
            item.setData(0, Qt.ItemDataRole.UserRole, job.id)
            item.setToolTip(4, message)
            self.jobs.addTopLevelItem(item)
            if selected is not None and selected.id == job.id:
                item.setSelected(True)
        for column in range(4):
            self.jobs.resizeColumnToContents(column)
        self.jobs.setColumnWidth(0, max(self.jobs.columnWidth(0), 220))
        self._selection_changed()

    def refresh_history(self) -> None:
        sandboxes = {a.id for a in self.session.accounts() if a.sandbox}
        self.history.clear()
        entries = self.session.history(self.search.text().strip())
        for entry in entries:
            when = time.strftime("%d-%m-%Y %H:%M", time.localtime(entry.published_at))
            first = entry.text.strip().splitlines()[0][:70] if entry.text.strip() else entry.title
            address = entry.permalink or (
                _("(posting kit — paste the address)") if entry.via == "kit" else ""
            )
            sandbox = entry.account_id in sandboxes and not entry.permalink.startswith("http://127.0.0.1")
            if entry.permalink and sandbox:
                address = _plain(post_link(entry.permalink, sandbox=True))
            item = QTreeWidgetItem(
                [when, entry.account_name, platforms.display_name(entry.platform), first, address]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            item.setData(4, Qt.ItemDataRole.UserRole, "" if sandbox else entry.permalink)
            self.history.addTopLevelItem(item)
        for column in range(3):
            self.history.resizeColumnToContents(column)
        self.history.setColumnWidth(3, 320)
        self.count_label.setText(_("{count} published").format(count=len(entries)))

    def selected(self) -> Job | None:
        items = self.jobs.selectedItems()
        return self.session.job(str(items[0].data(0, Qt.ItemDataRole.UserRole))) if items else None

    def _selection_changed(self) -> None:
        job = self.selected()
        allowed = self.session.allowed_actions(job) if job is not None else frozenset()
        schedule = self.session.schedule_of(job) if job is not None else None
        for key, button in self.buttons.items():
            button.setEnabled(key in allowed)
        # A post the platform already holds is cancelled there (its job is "posted").
        self.buttons[Action.CANCEL].setEnabled(Action.CANCEL in allowed or schedule is not None)
        self.change_time.setEnabled(schedule is not None)

    def _act(self, key: Action) -> None:
        job = self.selected()
        if job is None:
            return
        session = self.session
        if key is Action.CANCEL and session.schedule_of(job) is not None:
            self._show_problems(apply_cancel(session, [job.id]))
            self.runner.submit(session.send_due, on_done=lambda _r: self.refresh(), owner=self)
            self.refresh()
            return
        if key is Action.MARK_POSTED:
            address, ok = QInputDialog.getText(
                self, _("Posted"), _("The address of the post on the platform:")
            )
            if ok and address.strip():
                session.act(job.id, key, address)
        else:
            session.act(job.id, key)
        if key in (Action.RETRY, Action.RESUME, Action.POST_ANYWAY):
            self.runner.submit(session.send_due, on_done=lambda _r: self.refresh(), owner=self)
        self.refresh()

    def choose_time(self) -> QDialog | None:
        """A new time for the selected scheduled post (the platform's copy too)."""
        job = self.selected()
        found = self.session.schedule_of(job) if job is not None else None
        if job is None or found is None:
            return None
        dialog = RescheduleDialog(self.session, [job], found[0], self)

        def apply() -> None:
            self._show_problems(apply_reschedule(self.session, [job.id], dialog.at()))
            self.runner.submit(self.session.send_due, on_done=lambda _r: self.refresh(), owner=self)
            self.refresh()

        dialog.accepted.connect(apply)
        self.reschedule_dialog = dialog
        dialog.open()
        return dialog

    def _show_problems(self, problems: list[str]) -> None:
        if problems:
            QMessageBox.warning(self, _("The time was not changed"), "\n".join(problems))

    def _pause_all(self, paused: bool) -> None:
        self.session.set_paused(paused)
        if not paused:
            self.runner.submit(self.session.send_due, on_done=lambda _r: self.refresh(), owner=self)

    def _open_link(self, item: QTreeWidgetItem, _column: int) -> None:
        link = str(item.data(4, Qt.ItemDataRole.UserRole) or "")
        if link.startswith("https://") or link.startswith("http://127.0.0.1"):
            QDesktopServices.openUrl(QUrl(link))

    def _paste_address(self) -> None:
        items = self.history.selectedItems()
        if not items:
            return
        address, ok = QInputDialog.getText(
            self, _("Live address"), _("Paste the address of the post on the platform:")
        )
        if ok and address.strip():
            self.session.set_permalink(str(items[0].data(0, Qt.ItemDataRole.UserRole)), address.strip())
            self.refresh_history()
