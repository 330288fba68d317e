"""The Accounts panel: every connected account, its state and what to do about it."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from composer import platforms
from composer.accounts.model import EXPIRING, OK, Account
from composer.accounts.profile import ProfileError
from composer.i18n import N_, _, describe_code
from composer.session import Connected, Session
from composer.ui.connect_dialog import ConnectDialog
from composer.ui.screen_fit import fit_to_screen
from composer.ui.sign_in_dialog import BUTTON_LABELS, SignInDialog
from composer.ui.tasks import TaskRunner

STATE_LABELS = {
    "ok": N_("Working"),
    "expiring": N_("Expires in {days} days"),
    "expired": N_("Expired"),
    "revoked": N_("Revoked"),
    "permission": N_("Missing permission"),
    "unchecked": N_("Not checked yet"),
    "unreachable": N_("Could not check (offline?)"),
    "no_secret": N_("Secret missing"),
}


def state_text(account: Account) -> str:
    days = account.health.days_left()
    return _(STATE_LABELS.get(account.health.state, account.health.state)).format(
        days=days if days is not None else "?"
    )


def state_colour(account: Account) -> str:
    if account.health.state == OK:
        return "#1E7B34"
    if account.health.state in (EXPIRING, "unchecked", "unreachable"):
        return "#8A5A00"
    return "#B3261E"


class AccountsDialog(QDialog):
    sig_changed = Signal()

    def __init__(self, session: Session, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self.setWindowTitle(_("Accounts"))
        fit_to_screen(self, QSize(980, 480))  # a laptop's work area may be smaller
        layout = QVBoxLayout(self)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#FFF4CE;color:#5C4400;padding:8px;border-radius:4px")
        layout.addWidget(self.banner)
        # The office's one-button sign-ins (issue 14), when IT gave a connection profile.
        self.sign_in_row = QHBoxLayout()
        self.sign_in_buttons: dict[str, QPushButton] = {}
        for platform, label in BUTTON_LABELS.items():
            button = QPushButton(_(label))
            button.clicked.connect(lambda _checked=False, p=platform: self.sign_in(p))
            self.sign_in_buttons[platform] = button
            self.sign_in_row.addWidget(button)
        self.sign_in_row.addStretch(1)
        self.no_profile = QLabel(describe_code("profile.none", {}))
        self.no_profile.setWordWrap(True)
        self.sign_in_row.addWidget(self.no_profile, 1)
        self.import_button = QPushButton(_("Import profile…"))
        self.import_button.clicked.connect(self.import_profile)
        self.sign_in_row.addWidget(self.import_button)
        layout.addLayout(self.sign_in_row)
        self.sign_in_dialog: SignInDialog | None = None
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [_("Account"), _("Platform"), _("On the platform"), _("State"), _("Checked"), _("What to do")]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        # The table fits the dialog: short columns take what they need, the three long ones
        # share the rest (cut with "…", whole in the tooltip) instead of scrolling sideways.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        for column in range(6):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column in (0, 2, 5)
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(_("Advanced settings…"))
        self.add_button.setToolTip(_("Connect with your own app's keys and tokens, or add a posting kit"))
        self.check_button = QPushButton(_("Check now"))
        self.reconnect_button = QPushButton(_("Reconnect…"))
        self.remove_button = QPushButton(_("Remove"))
        self.add_button.clicked.connect(self.add)
        self.check_button.clicked.connect(self.check_all)
        self.reconnect_button.clicked.connect(self.reconnect)
        self.remove_button.clicked.connect(self.remove)
        for button in (self.add_button, self.check_button, self.reconnect_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.refresh()

    def _show_profile(self) -> None:
        profile = self.session.connection_profile()
        for platform, button in self.sign_in_buttons.items():
            button.setVisible(profile is not None and profile.offers(platform))
        self.no_profile.setVisible(profile is None)

    def sign_in(self, platform: str) -> None:
        """A platform's button: its sign-in dialog (non-blocking, so the list stays current)."""
        dialog = SignInDialog(self.session, self.runner, platform, self)
        dialog.sig_saved.connect(self._signed_in)
        self.sign_in_dialog = dialog
        dialog.open()

    def _signed_in(self, _results: object) -> None:
        self.refresh()
        self.sig_changed.emit()

    def import_profile(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import profile"), "", _("Connection profile (*.json)")
        )
        if path:
            self.import_profile_from(Path(path))

    def import_profile_from(self, path: Path) -> None:
        try:
            profile = self.session.import_profile(path)
        except ProfileError as exc:
            QMessageBox.warning(self, _("Import profile"), exc.describe())
            return
        self._show_profile()
        QMessageBox.information(
            self,
            _("Import profile"),
            _("Connection profile “{name}” imported. Connect each account with its button.").format(
                name=profile.name or path.name
            ),
        )

    def refresh(self) -> None:
        self._show_profile()
        problem = self.session.secret_problem
        self.banner.setVisible(bool(problem))
        self.banner.setText(describe_code(problem, {}) if problem else "")
        selected = self.selected()
        self.tree.clear()
        for account in self.session.accounts():
            checked = (
                time.strftime("%d-%m-%Y %H:%M", time.localtime(account.health.checked_at))
                if account.health.checked_at
                else "—"
            )
            todo = (
                describe_code(account.health.detail, {"name": account.name}) if account.health.detail else ""
            )
            if account.health.expires_at:
                until = _("Valid until {date}").format(
                    date=time.strftime("%d-%m-%Y", time.localtime(account.health.expires_at))
                )
                todo = f"{until}. {todo}" if todo else until
            name = account.name + (" · " + _("Sandbox") if account.sandbox else "")
            item = QTreeWidgetItem(
                [
                    name,
                    platforms.display_name(account.platform),
                    " · ".join(
                        filter(
                            None,
                            (f"{account.display_name} {account.handle}", platforms.posting_note(account)),
                        )
                    ),
                    state_text(account),
                    checked,
                    todo,
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, account.id)
            item.setForeground(3, QBrush(QColor(state_colour(account))))
            for column in range(6):
                item.setToolTip(column, item.text(column))
            self.tree.addTopLevelItem(item)
            if selected is not None and selected.id == account.id:
                item.setSelected(True)
        self._selection_changed()

    def select(self, account_id: str) -> bool:
        """Select the row of *account_id*; False when there is none."""
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == account_id:
                self.tree.clearSelection()
                item.setSelected(True)
                return True
        return False

    def selected(self) -> Account | None:
        items = self.tree.selectedItems()
        return self.session.account(str(items[0].data(0, Qt.ItemDataRole.UserRole))) if items else None

    def _selection_changed(self) -> None:
        has = self.selected() is not None
        self.reconnect_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def add(self) -> None:
        dialog = ConnectDialog(self.session, self.runner, self)
        dialog.sig_connected.connect(self._store)
        dialog.exec()

    def reconnect(self) -> None:
        account = self.selected()
        if account is None:
            return
        platform = platforms.get(account.platform).connection.via or account.platform
        profile = self.session.connection_profile()
        if (
            profile is not None
            and profile.offers(platform)
            and account.settings.get("connected_with") == "profile"
        ):
            self.sign_in(platform)  # one click: the same button that connected it
            return
        dialog = ConnectDialog(
            self.session,
            self.runner,
            self,
            platform=platform,
            name=account.name if platform == account.platform else "",
            api_base="" if not account.sandbox else account.api_base,
        )
        dialog.sig_connected.connect(lambda results: self._store(results, replace=account))
        dialog.exec()

    def _store(self, results: list[Connected], replace: Account | None = None) -> None:
        for exc in self.session.save_connected(results, replace):
            QMessageBox.warning(
                self, _("Accounts"), describe_code("accounts.duplicate_name", {"name": str(exc)})
            )
        self.refresh()
        self.sig_changed.emit()

    def remove(self) -> None:
        account = self.selected()
        if account is None:
            return
        answer = QMessageBox.question(
            self,
            _("Remove account"),
            _("Remove “{name}”? Its token is deleted from this computer's keyring.").format(
                name=account.name
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.session.remove_account(account)
            self.refresh()
            self.sig_changed.emit()

    def check_all(self) -> None:
        self.check_button.setEnabled(False)
        self.check_button.setText(_("Checking…"))

        def done(_accounts: object) -> None:
            self.check_button.setEnabled(True)
            self.check_button.setText(_("Check now"))
            self.refresh()
            self.sig_changed.emit()

        self.runner.submit(
            self.session.check_accounts, on_done=done, on_error=lambda _e: done(None), owner=self
        )
