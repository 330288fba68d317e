"""A guided connection for one account: where to click on the platform's side, the
fields, a check against the platform, then the account's name and picture."""

from __future__ import annotations

import dataclasses
import logging
import threading

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from composer import platforms
from composer.accounts import facebook, tiktok
from composer.accounts.http import ApiError, InsecureAddressError
from composer.i18n import N_, _, describe_code
from composer.platforms.connection import Connection, Form
from composer.publish.tiktok import PHOTO_HOST_WORDPRESS
from composer.session import Connected, ConnectRequest, FacebookPages, Session
from composer.session.connect import kit_account, resolve_base
from composer.ui.screen_fit import fit_to_screen
from composer.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

KIT = "kit"
KIT_MENU = N_("Any platform without API access (posting kit)")
KIT_STEPS = N_(
    "<p>For an account Siar cannot post to directly (no developer app, or a platform without an API). "
    "When you press <b>Post to all</b>, Siar prepares a folder and a zip with the images in the right size and the "
    "caption, and copies the caption. Post it by hand, then paste the live address in the history.</p>"
)


class ConnectDialog(QDialog):
    sig_connected = Signal(list)
    """(list of Connected) after the officer confirms."""

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        platform: str = "",
        name: str = "",
        api_base: str = "",
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self.setWindowTitle(_("Connect an account"))
        fit_to_screen(self, QSize(640, 620))  # a laptop's work area may be smaller
        self.results: list[Connected] = []
        self._found: FacebookPages | None = None
        layout = QVBoxLayout(self)
        self.platform = QComboBox()
        for entry in platforms.BY_ID.values():
            if entry.connection.menu:  # not Instagram: it comes with its Facebook Page
                self.platform.addItem(_(entry.connection.menu), entry.id)
        self.platform.addItem(_(KIT_MENU), KIT)
        self.platform.setCurrentIndex(max(0, self.platform.findData(platform)))  # "": the first
        self.platform.setEnabled(not name)  # reconnecting keeps the platform
        layout.addWidget(self.platform)
        self.steps = QLabel()
        self.steps.setWordWrap(True)
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.steps)
        form = QFormLayout()
        self.name = QLineEdit(name)
        self.name.setPlaceholderText(_("e.g. Kanim Contoh — Facebook"))
        self.name.setReadOnly(bool(name))
        self.api_base = QLineEdit(api_base)
        self.id_field = QLineEdit()
        self.secret1 = QLineEdit()
        self.secret2 = QLineEdit()
        self.secret3 = QLineEdit()
        for field in (self.secret1, self.secret2, self.secret3):
            field.setEchoMode(QLineEdit.EchoMode.Password)  # nothing secret on screen after entry
        self.username = QLineEdit()
        self.x_browser = QCheckBox(_("Sign in with the browser (OAuth 2.0) instead of keys"))
        self.testing = QCheckBox(_("My Google app is still in “Testing” (permission ends after 7 days)"))
        self.kit_platform = QComboBox()
        for entry in platforms.PLATFORMS:
            self.kit_platform.addItem(entry.name, entry.id)
        self.labels: dict[QWidget, QLabel] = {}
        for widget in (
            self.name,
            self.api_base,
            self.id_field,
            self.username,
            self.secret1,
            self.secret2,
            self.secret3,
        ):
            field_label = QLabel()
            self.labels[widget] = field_label
            form.addRow(field_label, widget)
        form.addRow(self.x_browser)
        form.addRow(self.testing)
        # TikTok: how posts reach the account, said plainly (PLATFORMS.md §13).
        self.tiktok_mode = QComboBox()
        self.tiktok_mode.addItem(_("Upload to inbox — finish each post in the TikTok app"), tiktok.INBOX)
        self.tiktok_mode.addItem(
            _("Direct post to the profile (the app is audited by TikTok)"), tiktok.DIRECT
        )
        self.tiktok_privacy = QComboBox()
        for level, label in (
            ("PUBLIC_TO_EVERYONE", N_("Everyone")),
            ("MUTUAL_FOLLOW_FRIENDS", N_("Friends")),
            ("FOLLOWER_OF_CREATOR", N_("Followers")),
            ("SELF_ONLY", N_("Only me")),
        ):
            self.tiktok_privacy.addItem(_(label), level)
        self.tiktok_audited = QCheckBox(_("TikTok has audited this app (public posts allowed)"))
        self.tiktok_photos = QCheckBox(_("Photo posts: TikTok fetches the photos from the office website"))
        self.tiktok_mode_label = QLabel(_("How posts reach TikTok"))
        self.tiktok_privacy_label = QLabel(_("Who can see the posts"))
        form.addRow(self.tiktok_mode_label, self.tiktok_mode)
        form.addRow(self.tiktok_privacy_label, self.tiktok_privacy)
        form.addRow(self.tiktok_audited)
        form.addRow(self.tiktok_photos)
        self.tiktok_mode.currentIndexChanged.connect(self._tiktok_mode_changed)
        self.kit_label = QLabel(_("Platform"))
        form.addRow(self.kit_label, self.kit_platform)
        layout.addLayout(form)
        # After the check: the Page to post as, and the linked Instagram.
        self.page_choice = QComboBox()
        self.ig_box = QCheckBox()
        self.ig_name = QLineEdit()
        self.ig_host = QComboBox()
        self.ig_host.addItem(_("An unpublished photo on the Facebook Page"), facebook.IMAGE_HOST_PAGE)
        self.ig_host.addItem(_("The office website's media library"), facebook.IMAGE_HOST_WORDPRESS)
        self.fb_after = QWidget()
        fb_form = QFormLayout(self.fb_after)
        fb_form.addRow(_("Page"), self.page_choice)
        fb_form.addRow(self.ig_box)
        fb_form.addRow(_("Instagram account name"), self.ig_name)
        fb_form.addRow(_("Instagram takes images from"), self.ig_host)
        self.fb_after.hide()
        layout.addWidget(self.fb_after)
        who = QHBoxLayout()
        self.picture = QLabel()
        self.picture.setFixedSize(56, 56)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.RichText)
        who.addWidget(self.picture)
        who.addWidget(self.result_label, 1)
        layout.addLayout(who)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox()
        self.check_button = self.buttons.addButton(_("Check"), QDialogButtonBox.ButtonRole.ActionRole)
        # A browser sign-in waits minutes for the browser to come back: this stops it now,
        # and so does closing the dialog.
        self._cancel = threading.Event()
        self.stop_button = self.buttons.addButton(
            _("Stop signing in"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.stop_button.hide()
        self.stop_button.clicked.connect(self._cancel.set)
        self.finished.connect(lambda _code: self._cancel.set())
        self.save_button = self.buttons.addButton(_("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setEnabled(False)
        self.check_button.clicked.connect(self.check)
        self.save_button.clicked.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.platform.currentIndexChanged.connect(self._platform_changed)
        self.x_browser.toggled.connect(self._platform_changed)
        self.page_choice.currentIndexChanged.connect(self._page_chosen)
        self._platform_changed()

    def key(self) -> str:
        return str(self.platform.currentData())

    def _show(self, widget: QWidget, label: str) -> None:
        widget.setVisible(bool(label))
        if widget in self.labels:
            self.labels[widget].setVisible(bool(label))
            self.labels[widget].setText(label)

    def _connection(self) -> Connection:
        """The chosen platform's (a blank form for the posting kit)."""
        key = self.key()
        return (
            Connection(steps=KIT_STEPS, form=Form(address=""))
            if key == KIT
            else platforms.get(key).connection
        )

    def _form(self) -> Form:
        connection = self._connection()
        if connection.oauth2_form is not None and self.x_browser.isChecked():
            return connection.oauth2_form
        return connection.form

    def _platform_changed(self) -> None:
        key, connection, form = self.key(), self._connection(), self._form()
        self.steps.setText(_(connection.steps))
        self._show(self.name, _("Name in Siar"))
        self._show(self.api_base, _(form.address) if form.address else "")
        self.kit_platform.setVisible(key == KIT)
        self.kit_label.setVisible(key == KIT)
        for widget, label in zip(
            (self.id_field, self.username, self.secret1, self.secret2, self.secret3),
            (form.ident, form.username, *form.secrets),
            strict=True,
        ):
            self._show(widget, _(label) if label else "")
        self.secret2.setEchoMode(QLineEdit.EchoMode.Password)
        self.x_browser.setVisible(connection.oauth2_form is not None)
        self.testing.setVisible(connection.testing_option)
        for tiktok_widget in (self.tiktok_mode, self.tiktok_mode_label, self.tiktok_photos):
            tiktok_widget.setVisible(connection.posting_modes)
        self._tiktok_mode_changed()
        self.check_button.setText(_("Sign in with the browser") if form.browser else _("Check"))
        self.fb_after.hide()
        self.save_button.setEnabled(False)
        self.results = []

    def _tiktok_mode_changed(self) -> None:
        direct = self._connection().posting_modes and self.tiktok_mode.currentData() == tiktok.DIRECT
        for tiktok_widget in (self.tiktok_privacy, self.tiktok_privacy_label, self.tiktok_audited):
            tiktok_widget.setVisible(direct)

    # --- checking ----------------------------------------------------------------------------
    def check(self) -> None:
        key, name = self.key(), self.name.text().strip()
        if not name:
            self._fail(_("Give the account a name first."))
            return
        if key == KIT:
            self._show_results([kit_account(str(self.kit_platform.currentData()), name)])
            return
        request = ConnectRequest(
            key,
            name,
            api_base=self.api_base.text().strip(),
            ident=self.id_field.text().strip(),
            username=self.username.text().strip(),
            secrets=(self.secret1.text().strip(), self.secret2.text().strip(), self.secret3.text().strip()),
            oauth2=self.x_browser.isChecked(),
            testing=self.testing.isChecked(),
            mode=str(self.tiktok_mode.currentData()),
            privacy=str(self.tiktok_privacy.currentData()),
            audited=self.tiktok_audited.isChecked(),
            photo_host=PHOTO_HOST_WORDPRESS if self.tiktok_photos.isChecked() else "",
            pictures=True,
            cancelled=self._cancel.is_set,
        )
        try:
            resolve_base(request)
        except InsecureAddressError:
            self._fail(describe_code("accounts.insecure_base", {}))
            return
        self.check_button.setEnabled(False)
        self._cancel.clear()
        browser = self._form().browser  # YouTube, TikTok, X with OAuth 2.0
        self.stop_button.setVisible(browser)
        self.result_label.setText(
            _("Finish the steps in your browser…") if browser else _("Checking with the platform…")
        )
        self.runner.submit(
            self.session.connect_account, request, on_done=self._checked, on_error=self._error, owner=self
        )

    def _checked(self, result: list[Connected] | FacebookPages) -> None:
        self.check_button.setEnabled(True)
        self.stop_button.hide()
        if isinstance(result, FacebookPages):
            if not result.pages:
                self._fail(describe_code("accounts.fb_no_pages", {}))
                return
            self._found = result
            self.page_choice.blockSignals(True)
            self.page_choice.clear()
            for page in result.pages:
                self.page_choice.addItem(page.name, page.id)
            self.page_choice.blockSignals(False)
            self.fb_after.show()
            self._page_chosen()
            return
        self._show_results(result)

    def _page_chosen(self) -> None:
        found = self._found
        if found is None or not found.pages:
            return
        page = found.pages[max(0, self.page_choice.currentIndex())]
        name, ig_name = self.name.text().strip(), self.ig_name.text().strip()
        self.result_label.setText(_("Checking with the platform…"))
        self.runner.submit(
            self.session.connect_facebook_page,
            found,
            page,
            name,
            ig_name or f"{name} — Instagram",
            on_done=self._show_results,
            on_error=self._error,
            owner=self,
        )

    def _show_results(self, results: list[Connected]) -> None:
        self.results = results
        main = results[0]
        pixmap = QPixmap()
        if main.picture and pixmap.loadFromData(main.picture):
            self.picture.setPixmap(
                pixmap.scaled(
                    56, 56, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
        lines = [f"<b>✓ {main.account.display_name}</b> {main.account.handle}"]
        if main.health.detail:
            lines.append(f"⚠️ {describe_code(main.health.detail, {'name': main.account.name})}")
        if note := platforms.posting_note(main.account):
            lines.append(note)
        # A Page's linked Instagram comes after the Page (session.connect_facebook_page).
        ig = results[1] if len(results) > 1 else None
        self.ig_box.setVisible(ig is not None)
        if ig is not None:
            self.ig_box.setText(
                _("Also add the linked Instagram account {handle}").format(handle=ig.account.handle)
            )
            self.ig_box.setChecked(True)
            if not self.ig_name.text():
                self.ig_name.setText(f"{main.account.name} — Instagram")
        self.result_label.setText("<br>".join(lines))
        self.save_button.setEnabled(True)
        self.check_button.setEnabled(True)

    def _error(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self.stop_button.hide()
        if isinstance(exc, ApiError):
            self._fail(exc.describe())
        elif isinstance(exc, KeyError | ValueError):
            self._fail(_("The platform's answer was not what Siar expected. Check the server address."))
        else:
            log.error("connection check failed", exc_info=exc)
            self._fail(_("Something went wrong while checking. The details are in the log."))

    def _fail(self, message: str) -> None:
        self.picture.clear()
        self.result_label.setText(f"<span style='color:#B3261E'>⛔ {message}</span>")
        self.save_button.setEnabled(False)

    def chosen(self) -> list[Connected]:
        chosen = []
        for index, result in enumerate(self.results):
            if index > 0:  # the Page's linked Instagram
                if not self.ig_box.isChecked():
                    continue
                settings = {**result.account.settings, "image_host": self.ig_host.currentData()}
                name = self.ig_name.text().strip() or result.account.name
                account = dataclasses.replace(result.account, settings=settings, name=name)
                result = dataclasses.replace(result, account=account)
            chosen.append(result)
        return chosen

    def _save(self) -> None:
        self.sig_connected.emit(self.chosen())
        self.accept()
