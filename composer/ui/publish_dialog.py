"""“Kirim ke semua”: preflight per account, then each account's own progress and result."""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QDateTime, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from composer import platforms
from composer.accounts.model import Account
from composer.core.post import Post
from composer.i18n import _, describe_code
from composer.publish.outbox import error_text
from composer.publish.preflight import ERROR
from composer.session import Job, JobState, PostPlan, Session
from composer.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def post_link(link: str, *, sandbox: bool = False) -> str:
    """The post's address as a link; a Sandbox post's address on a real platform is only
    marked, never a link (it names a post that exists only on this computer)."""
    if sandbox and not link.startswith("http://127.0.0.1"):
        return html.escape(_("Sandbox, not published: {address}").format(address=link))
    return f"<a href='{html.escape(link)}'>{html.escape(link)}</a>"


def job_message(job: Job, *, sandbox: bool = False) -> str:
    """What happened to *job*, for the officer: a link, or the reason and what Siar does next."""
    if job.payload.get("kind") == "schedule" and not job.error_code:  # a change of time (issue 13)
        at = job.payload.get("at")
        if at is None:
            return html.escape(
                _("Cancelled on the platform.")
                if job.state == "done"
                else _("To be cancelled on the platform.")
            )
        when = time.strftime("%d-%m-%Y %H:%M", time.localtime(float(at)))
        text = (
            _("The platform now publishes it at {time}.")
            if job.state == "done"
            else _("New time for the platform: {time}.")
        )
        return html.escape(text.format(time=when))
    if job.state == "done":
        link = str(job.data.get("permalink", ""))
        kit = job.steps.get("kit")
        if kit:
            return _("Posting kit ready: {folder}").format(folder=html.escape(str(kit["folder"])))
        anchor = post_link(link, sandbox=sandbox) if link else _("Posted.")
        if job.payload.get("publish_at"):
            when = time.strftime("%d-%m-%Y %H:%M", time.localtime(float(job.payload["publish_at"])))
            anchor += " " + html.escape(
                _("(uploaded; the platform publishes it at {time})").format(time=when)
            )
        return anchor
    scheduled = job.data.get("scheduled_at")
    if job.state == "waiting" and scheduled and not job.attempts:
        when = time.strftime("%d-%m-%Y %H:%M", time.localtime(float(scheduled)))
        return html.escape(
            _("Scheduled: Siar sends it at {time} (Siar must be open then).").format(time=when)
        )
    if not job.error_code:
        return ""
    when = time.strftime("%H:%M", time.localtime(job.next_at)) if job.next_at else ""
    message = html.escape(error_text(job))
    if job.state == "waiting" and when and job.error_code not in ("api.x_rate_limited",):
        message += " " + html.escape(_("Next try at {time}.").format(time=when))
    return message


def schedule_note(platform_id: str, native: bool | None = None) -> str:
    """Who keeps the time of a scheduled post on this account (issue 13 item 4); *native*
    when known for one post (one with a first comment is held by Siar even there)."""
    if platforms.get(platform_id).native_schedule if native is None else native:
        return "🗓️ " + _("The platform publishes it at that time; Siar may be closed.")
    return "🕘 " + _("Siar must be running at that time (this platform has no scheduling of its own).")


class JobRelay(QObject):
    """Outbox callbacks arrive on worker threads; this hands them to *slot* on the GUI
    thread while *dialog* listens. A change a worker queued just before the dialog closed
    (or its session did) is dropped when it arrives: it would reach a closed database."""

    sig_job = Signal(object)

    def __init__(self, dialog: QDialog, session: Session, slot: Callable[[Job], None]) -> None:
        super().__init__(dialog)
        self._session = session
        self._slot = slot
        self._listening = True
        self.sig_job.connect(self._deliver)
        self._listener = self.sig_job.emit  # (one bound method, to remove the same one)
        session.job_listeners.append(self._listener)
        dialog.finished.connect(lambda _code: self.detach())

    def detach(self) -> None:
        self._listening = False
        if self._listener in self._session.job_listeners:
            self._session.job_listeners.remove(self._listener)

    def _deliver(self, job: Job) -> None:
        if self._listening and not self._session.closed:
            self._slot(job)


def sent_when(job: Job) -> str:
    return time.strftime("%d-%m-%Y %H:%M", time.localtime(job.updated_at))


class PublishDialog(QDialog):
    sig_reconnect = Signal()
    sig_open_outbox = Signal()
    sig_posted = Signal(str)
    """(post id) an account has published the post (the drafts list marks it sent)."""

    def __init__(
        self, post: Post, session: Session, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.post = post
        self.session = session
        self.runner = runner
        self.setWindowTitle(_("Post to all"))
        # Wide enough for every column of a row (account, platform, checks, Potong/konversi,
        # first comment) without a sideways scroll bar; still inside a 1366 px screen.
        self.resize(1060, 560)
        self.accounts = session.accounts()
        self.plan: PostPlan = session.plan_post(post)  # the default choice; refreshed below
        self.jobs: dict[str, Job] = {}
        self.rows: dict[str, dict[str, QWidget]] = {}
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.grid = QGridLayout(body)
        self.grid.setColumnStretch(3, 1)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        schedule_row = QHBoxLayout()
        # Sent before: those accounts are left out unless the officer asks for a new post.
        self.already = session.sent_jobs(post.id)
        self.again = QCheckBox(_("Post again as a new post"))
        self.again.setToolTip(
            _("Facebook and X refuse exactly the same text twice: change a few words before posting again.")
        )
        self.again.setVisible(bool(self.already))
        self.again.toggled.connect(self._again_toggled)
        schedule_row.addWidget(self.again)
        self.schedule = QCheckBox(_("Send later, at"))
        self.when = QDateTimeEdit(QDateTime.currentDateTime().addSecs(3600))
        self.when.setDisplayFormat("dd-MM-yyyy HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setEnabled(False)
        self.schedule.toggled.connect(self.when.setEnabled)
        self.schedule.toggled.connect(lambda _on: self.refresh_checks())
        self.when.dateTimeChanged.connect(lambda _dt: self.refresh_checks())
        schedule_row.addWidget(self.schedule)
        schedule_row.addWidget(self.when)
        schedule_row.addStretch(1)
        layout.addLayout(schedule_row)
        self.buttons = QDialogButtonBox()
        self.send_button = self.buttons.addButton(_("Send"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.send_button.clicked.connect(lambda: self.send())
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.relay = JobRelay(self, session, self._job_changed)
        self._build_rows({a.id for a in self.plan.chosen})
        self.refresh_checks()
        self._check_health()

    # --- before sending ----------------------------------------------------------------------
    def _build_rows(self, chosen: set[str]) -> None:
        if not self.accounts:
            self.intro.setText(
                _(
                    "No accounts yet. Connect one in File › Accounts… (or try the Sandbox accounts in the demo)."
                )
            )
        for row, account in enumerate(self.accounts):
            box = QCheckBox(account.name)
            box.setChecked(account.id in chosen)
            box.toggled.connect(lambda _on: self.refresh_checks())
            platform = QLabel(
                platforms.display_name(account.platform) + (" · " + _("Sandbox") if account.sandbox else "")
            )
            if note := platforms.posting_note(account):  # TikTok: inbox or straight to the profile
                platform.setText(f"{platform.text()}<br><small>{note}</small>")
            # Wrapped: on one line TikTok's note squeezed the checks' column to a word a line
            # and pushed the rows below out of a 1366×768 screen.
            platform.setWordWrap(True)
            platform.setMinimumWidth(170)
            platform.setMaximumWidth(220)
            bar = QProgressBar()
            bar.setRange(0, 100)
            bar.setFixedWidth(120)
            bar.hide()
            message = QLabel()
            message.setWordWrap(True)
            message.setMinimumWidth(260)
            message.setTextFormat(Qt.TextFormat.RichText)
            message.setOpenExternalLinks(True)
            message.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            action = QPushButton()
            action.hide()
            for column, widget in enumerate((box, platform, bar, message, action)):
                self.grid.addWidget(widget, row, column, Qt.AlignmentFlag.AlignTop)
            self.rows[account.id] = {"box": box, "bar": bar, "message": message, "action": action}
            if platforms.get(account.platform).first_comment and account.auth != "manual":
                comment = QLineEdit()
                comment.setPlaceholderText(_("First comment (optional)"))
                comment.setMinimumWidth(190)  # the placeholder readable, not "Kome…"
                comment.setToolTip(
                    _("Posted by this account under the post once it is visible, e.g. the link on Instagram.")
                )
                self.grid.addWidget(comment, row, 5, Qt.AlignmentFlag.AlignTop)
                self.rows[account.id]["comment"] = comment
        self.grid.setRowStretch(len(self.accounts), 1)

    def selected(self) -> list[Account]:
        return [a for a in self.accounts if self.rows[a.id]["box"].isChecked()]  # type: ignore[attr-defined]

    def refresh_checks(self) -> None:
        selected = self.selected()
        again = self.again.isChecked()
        self.plan = plan = self.session.plan_post(self.post, selected, self.send_at(), again=again)
        blocked = plan.blocked
        for account in self.accounts:
            mine = plan.checks_for(account.id)
            lines = [
                f"<span style='color:{'#B3261E' if c.severity == ERROR else '#8A5A00'}'>{'⛔' if c.severity == ERROR else '⚠️'} {html.escape(c.message)}</span>"
                for c in mine
            ]
            if self.send_at() is not None:
                lines.append(html.escape(schedule_note(account.platform)))
            label = self.rows[account.id]["message"]
            assert isinstance(label, QLabel)
            checked = account in selected
            sent = self.already.get(account.id)
            if sent is not None and not self.again.isChecked():
                label.setText(self._sent_text(sent))
                continue
            label.setText("<br>".join(lines) if checked and lines else (_("Ready.") if checked else ""))
            self._offer_fit(account, [c.fit for c in mine if c.fit] if checked else [])
        self.send_button.setEnabled(plan.can_send)
        self.send_button.setText(_("Send to {count} account(s)").format(count=len(plan.sendable)))
        if plan.too_soon:
            self.intro.setText(_("Choose a time in the future to schedule the post."))
        elif self.already and not self.again.isChecked():
            names = ", ".join(a.name for a in self.accounts if a.id in self.already) or _(
                "{count} account(s)"
            ).format(count=len(self.already))
            latest = max(self.already.values(), key=lambda j: j.updated_at)
            self.intro.setText(
                _(
                    "Already sent to {accounts} on {time}. To send it once more, tick “Post again as a new post”."
                ).format(accounts=names, time=sent_when(latest))
            )
        elif self.accounts:
            if blocked & {a.id for a in selected}:
                self.intro.setText(
                    _(
                        "Accounts marked ⛔ would refuse this post and will be skipped until it is fixed. ⚠️ are warnings."
                    )
                )
            else:
                self.intro.setText(
                    _(
                        "Siar sends to every ticked account at once. Nothing is lost if the connection drops: the outbox keeps it."
                    )
                )

    def _offer_fit(self, account: Account, fits: list[str]) -> None:
        """ "Potong/konversi" on the row of an account whose video is too long or in a codec
        or container its platform refuses (before anything is sent for it)."""
        button = self.rows[account.id]["action"]
        assert isinstance(button, QPushButton)
        if account.id in self.jobs:
            return  # the row shows its job's own action now
        if button.property("wired"):
            button.clicked.disconnect()
            button.setProperty("wired", False)
        button.hide()
        if not fits:
            return
        button.setText(
            _("Trim/convert for {platform}").format(platform=platforms.display_name(account.platform))
        )
        button.clicked.connect(lambda: self._fit(account, fits[0]))
        button.setProperty("wired", True)
        button.setEnabled(True)
        button.show()

    def _fit(self, account: Account, media_id: str) -> None:
        button, label = self.rows[account.id]["action"], self.rows[account.id]["message"]
        assert isinstance(button, QPushButton) and isinstance(label, QLabel)
        button.setEnabled(False)
        label.setText(
            html.escape(
                _("Making a copy that fits {platform}…").format(
                    platform=platforms.display_name(account.platform)
                )
            )
        )

        def done(changed: Post) -> None:
            # The editor shares this post: take the fitted copies over, then check again.
            self.post.fitted = changed.fitted
            self.refresh_checks()

        def failed(exc: BaseException) -> None:
            from composer.session.video_fit import FitRefused

            button.setEnabled(True)
            if isinstance(exc, FitRefused):
                message = describe_code(exc.code, dict(exc.params))
            else:
                log.error("trim/convert failed", exc_info=exc)
                message = _("Something went wrong. The details are in the log.")
            label.setText(f"<span style='color:#B3261E'>⛔ {html.escape(message)}</span>")

        self.runner.submit(
            self.session.fit_video,
            self.post,
            account.platform,
            media_id,
            on_done=done,
            on_error=failed,
            owner=self,
        )

    def sendable(self) -> list[Account]:
        """The ticked accounts that will get the post: none the checks block, and none it
        was already sent to unless "post again" is ticked."""
        return self.plan.sendable

    def _sent_text(self, job: Job) -> str:
        link = str(job.data.get("permalink", ""))
        text = html.escape(_("Already sent on {time}.").format(time=sent_when(job)))
        return f"{text} {post_link(link, sandbox=self._is_sandbox(job.account_id))}" if link else text

    def _is_sandbox(self, account_id: str) -> bool:
        return any(a.sandbox for a in self.accounts if a.id == account_id)

    def _again_toggled(self, on: bool) -> None:
        for account_id in self.already:
            box = self.rows.get(account_id, {}).get("box")
            if isinstance(box, QCheckBox):
                box.setChecked(on)
        self.refresh_checks()

    def send_at(self) -> float | None:
        """The scheduled time (Unix seconds), or None to send now."""
        if not self.schedule.isChecked():
            return None
        return float(self.when.dateTime().toSecsSinceEpoch())

    def _check_health(self) -> None:
        """Ask each chosen platform about its account before sending (off the GUI thread)."""
        chosen = [a for a in self.selected() if a.auth != "manual"]

        def done(checked: list[Account]) -> None:
            fresh = {a.id: a for a in checked}
            self.accounts = [fresh.get(a.id, a) for a in self.accounts]
            if not self.jobs:
                self.refresh_checks()

        self.runner.submit(self.session.check_accounts, chosen, on_done=done, owner=self)

    # --- sending -----------------------------------------------------------------------------
    def send(self, *, confirm: bool = True) -> None:
        plan = self.plan
        warned = plan.warnings
        if warned and confirm:
            answer = QMessageBox.question(
                self,
                _("Post to all"),
                _("There are {count} warning(s). Send anyway?").format(count=len(warned)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.send_button.setEnabled(False)
        for account in self.accounts:
            box = self.rows[account.id]["box"]
            box.setEnabled(False)
        session = self.session
        self.schedule.setEnabled(False)
        self.when.setEnabled(False)
        self.again.setEnabled(False)

        comments = {
            a.id: self.rows[a.id]["comment"].text()  # type: ignore[attr-defined]
            for a in plan.sendable
            if "comment" in self.rows[a.id]
        }

        def queued(jobs: list[Job]) -> None:
            for job in jobs:
                self.jobs[job.id] = job
                self._show_job(job)
            self.intro.setText(_("Sending. You can close this window: the outbox carries on."))
            self.runner.submit(session.send_due, on_done=lambda _r: self._after_run(), owner=self)

        self.runner.submit(
            session.post, plan, comments, on_done=queued, on_error=self._enqueue_failed, owner=self
        )

    def _enqueue_failed(self, exc: BaseException) -> None:
        code = getattr(exc, "code", "")
        message = (
            describe_code(code, getattr(exc, "params", {})) if code else _("The post could not be prepared.")
        )
        QMessageBox.warning(self, _("Post to all"), message)
        self.send_button.setEnabled(True)

    def _after_run(self) -> None:
        for job_id in list(self.jobs):
            job = self.session.job(job_id)
            if job is not None:
                self.jobs[job_id] = job
                self._show_job(job)
        self._summarise()

    def _summarise(self) -> None:
        jobs = list(self.jobs.values())
        done = sum(1 for j in jobs if j.state == "done")
        if done == len(jobs):
            self.intro.setText(_("Posted everywhere."))
            return
        parts = [_("Posted to {done} of {total} account(s).").format(done=done, total=len(jobs))]
        if any(j.state == "waiting" and j.error_kind == "unreachable" for j in jobs):
            parts.append(
                _(
                    "No connection. The post waits in the outbox; Siar sends it by itself when the connection returns."
                )
            )
        elif any(j.state == "waiting" for j in jobs):
            parts.append(_("The outbox retries the rest by itself."))
        if any(j.state in ("failed", "needs_check") for j in jobs):
            parts.append(_("Each account below says what is needed."))
        self.intro.setText(" ".join(parts))

    def _job_changed(self, job: Job) -> None:
        if job.id in self.jobs:
            self.jobs[job.id] = job
            self._show_job(job)
            if all(j.state not in ("queued", "running") for j in self.jobs.values()):
                self._summarise()

    def _show_job(self, job: Job) -> None:
        row = self.rows.get(job.account_id)
        if row is None:
            return
        bar, message, action = row["bar"], row["message"], row["action"]
        assert (
            isinstance(bar, QProgressBar) and isinstance(message, QLabel) and isinstance(action, QPushButton)
        )
        bar.show()
        progress = self.session.progress(job.id)
        if job.state == "done":
            bar.setValue(100)
            self.sig_posted.emit(job.post_id)
        elif job.state == "running":
            bar.setValue(int(100 * (progress or 0.05)))
        bar.setFormat(_(JobState(job.state).short_label))
        bar.setToolTip(_(JobState(job.state).label))
        colour = {"done": "#1E7B34", "failed": "#B3261E", "needs_check": "#8A5A00", "waiting": "#8A5A00"}.get(
            job.state, ""
        )
        text = job_message(job, sandbox=self._is_sandbox(job.account_id))
        message.setText(
            f"<span style='color:{colour}'>{text}</span>" if colour and job.state != "done" else text
        )
        self._set_action(action, job)

    def _set_action(self, button: QPushButton, job: Job) -> None:
        if button.property("wired"):
            button.clicked.disconnect()
            button.setProperty("wired", False)
        button.hide()
        action: tuple[str, Callable[[], object]] | None = None
        if job.state == "done" and job.steps.get("kit"):
            QGuiApplication.clipboard().setText(str(job.payload.get("text", "")))  # ready to paste
            folder = str(job.steps["kit"]["folder"])
            action = (_("Open the kit folder"), lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(folder)))
        elif job.state == "failed" and job.error_kind in ("auth", "keyring", "permission"):
            action = (_("Reconnect…"), self.sig_reconnect.emit)
        elif job.state == "waiting" or (job.state == "failed" and job.error_kind != "invalid"):
            # A refused post (wrong size, too long…) must change first: fix the draft, send again.
            action = (_("Try again now"), lambda: self._retry(job.id))
        elif job.state == "needs_check":
            action = (_("Check in the outbox…"), self.sig_open_outbox.emit)
        if action is not None:
            button.setText(action[0])
            button.clicked.connect(action[1])
            button.setProperty("wired", True)
            button.show()

    def _retry(self, job_id: str) -> None:
        self.session.act(job_id, "retry")
        self.runner.submit(self.session.send_due, on_done=lambda _r: self._after_run(), owner=self)
