"""Account health: tokens are checked soon after start and every few hours while Siar is
open; trouble shows in the status bar with the end date, a link that opens Accounts and
a one-click "Reconnect" straight into that account's sign-in."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel

from composer.i18n import _

if TYPE_CHECKING:
    from composer.ui.accounts_dialog import AccountsDialog
    from composer.ui.main_window import MainWindow

HEALTH_CHECK_MS = 6 * 3600 * 1000  # tokens are re-checked this often while Siar is open
FIRST_HEALTH_CHECK_MS = 4000  # after start-up, when the window is already usable


class AccountHealth:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.linkActivated.connect(self._link)
        self.accounts_dialog: AccountsDialog | None = None
        window.statusBar().addPermanentWidget(self.label)
        self.timer = window.tasks.add_timer(QTimer(window, interval=HEALTH_CHECK_MS))
        self.timer.timeout.connect(self.check_accounts)
        self.timer.start()
        self.first_check = window.tasks.add_timer(
            QTimer(window, singleShot=True, interval=FIRST_HEALTH_CHECK_MS)
        )
        self.first_check.timeout.connect(self.check_accounts)
        self.first_check.start()

    def _link(self, link: str) -> None:
        kind, _sep, account_id = link.partition(":")
        self.show_accounts(reconnect=account_id if kind == "reconnect" else "")

    def show_accounts(self, reconnect: str = "") -> None:
        """Accounts; with *reconnect*, that account's sign-in opens at once (its button's
        flow when it was connected with one, else its form)."""
        from composer.ui.accounts_dialog import AccountsDialog

        dialog = AccountsDialog(self.window.session, self.window.tasks, self.window)
        dialog.sig_changed.connect(self.show_health)
        self.accounts_dialog = dialog
        if reconnect and dialog.select(reconnect):
            QTimer.singleShot(0, dialog.reconnect)
        dialog.exec()

    def import_profile(self) -> None:
        """File › Accounts › Import profile: the office's connection profile, then Accounts
        with its buttons."""
        from composer.ui.accounts_dialog import AccountsDialog

        dialog = AccountsDialog(self.window.session, self.window.tasks, self.window)
        dialog.sig_changed.connect(self.show_health)
        dialog.import_profile()
        dialog.exec()

    def check_accounts(self) -> None:
        """Ask every platform about its account, off the GUI thread; tell about trouble."""
        window = self.window
        if window.tasks.busy and not window.isVisible():
            return
        window.tasks.submit(
            window.session.check_accounts, on_done=lambda _a: self.show_health(), key="health", owner=window
        )

    def show_health(self) -> None:
        from composer.ui.accounts_dialog import state_text

        accounts = self.window.session.accounts()
        trouble = [a for a in accounts if a.health.state not in ("ok", "unchecked", "unreachable")]
        if not trouble:
            self.label.setText("")
            return
        first = trouble[0]
        text = _("{name}: {state}").format(name=first.name, state=state_text(first))
        if first.health.expires_at:  # the date itself, not only "in 4 days"
            text += " (" + time.strftime("%d-%m-%Y", time.localtime(first.health.expires_at)) + ")"
        if len(trouble) > 1:
            text += " " + _("(+{count} more)").format(count=len(trouble) - 1)
        self.label.setText(
            f"<a href='accounts' style='color:#B3261E'>⚠️ {text}</a> · "
            f"<a href='reconnect:{first.id}'>{_('Reconnect')}</a>"
        )
        self.label.setToolTip(_("Open Accounts to reconnect"))
