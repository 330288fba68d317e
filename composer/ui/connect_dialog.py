"""A guided connection for one account: where to click on the platform's side, the
fields, a check against the platform, then the account's name and picture."""

from __future__ import annotations

import dataclasses
import logging
import webbrowser
from dataclasses import dataclass
from typing import Any

import requests
from PySide6.QtCore import Qt, Signal
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
from composer.accounts import facebook, wordpress, x, youtube
from composer.accounts.http import ApiError, InsecureAddressError, check_api_base, new_session
from composer.accounts.model import Account, Health
from composer.accounts.picture import fetch_picture
from composer.i18n import N_, _, describe_code
from composer.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

PLATFORMS = {
    "facebook": N_("Facebook Page (and its Instagram)"),
    "x": N_("X"),
    "youtube": N_("YouTube"),
    "wordpress": N_("Office website (WordPress)"),
    "kit": N_("Any platform without API access (posting kit)"),
}

STEPS = {
    "facebook": N_(
        "<ol><li>Open <b>developers.facebook.com › My Apps</b>, choose your app (type Business) and copy the "
        "<b>App ID</b> and <b>App Secret</b> from <i>App settings › Basic</i>.</li>"
        "<li>Open <b>Graph API Explorer</b>, choose the app, add the permissions <i>pages_show_list, "
        "pages_read_engagement, pages_manage_posts, instagram_basic, instagram_content_publish</i>, press "
        "<b>Generate Access Token</b> and copy the token.</li>"
        "<li>Paste the three values below and press <b>Check</b>. Siar exchanges the token for one that "
        "does not expire and lists your Pages.</li></ol>"
    ),
    "x": N_(
        "<ol><li>Open <b>developer.x.com › Projects &amp; Apps</b> and choose your app.</li>"
        "<li><b>Sign in with keys</b> (simplest): under <i>Keys and tokens</i> copy the <b>API Key</b> and "
        "<b>API Key Secret</b>, then generate the <b>Access Token and Secret</b> (Read and write).</li>"
        "<li><b>Or sign in with the browser</b>: under <i>User authentication settings</i> turn on OAuth 2.0, "
        "add the callback <code>http://127.0.0.1:8765/callback</code>, and copy the <b>Client ID</b> "
        "(and Client Secret).</li></ol>"
    ),
    "youtube": N_(
        "<ol><li>In <b>console.cloud.google.com</b> create a project and enable the <b>YouTube Data API v3</b>.</li>"
        "<li>Under <i>APIs &amp; Services › Credentials</i> create an <b>OAuth client ID</b> of type "
        "<b>Desktop app</b> and copy its Client ID and Client Secret.</li>"
        "<li>Press <b>Sign in with the browser</b>, choose the office's Google account and allow Siar.</li>"
        "<li>While the consent screen is in <b>Testing</b>, Google ends the permission after 7 days: "
        "publish the app to avoid reconnecting every week.</li></ol>"
    ),
    "kit": N_(
        "<p>For an account Siar cannot post to directly (no developer app, or a platform without an API). "
        "When you press <b>Post to all</b>, Siar prepares a folder and a zip with the images in the right size and the "
        "caption, and copies the caption. Post it by hand, then paste the live address in the history.</p>"
    ),
    "wordpress": N_(
        "<ol><li>Sign in to the website's dashboard and open <b>Users › Profile</b>.</li>"
        "<li>Under <b>Application Passwords</b> type “Siar”, press <b>Add New Application Password</b> "
        "and copy the password shown (it is shown once).</li>"
        "<li>Type the site address (https://…), your user name and the password below.</li></ol>"
    ),
}


@dataclass
class Connected:
    account: Account
    secrets: dict[str, str]
    health: Health
    picture: bytes = b""


def _picture(session: requests.Session, url: str) -> bytes:
    """The profile picture, best effort (the connection works without it)."""
    return fetch_picture(session, url)


class ConnectDialog(QDialog):
    sig_connected = Signal(list)
    """(list of Connected) after the officer confirms."""

    def __init__(
        self,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        platform: str = "facebook",
        name: str = "",
        api_base: str = "",
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle(_("Connect an account"))
        self.resize(640, 620)
        self.results: list[Connected] = []
        self._pages: list[facebook.PageChoice] = []
        self._long_token = ""
        layout = QVBoxLayout(self)
        self.platform = QComboBox()
        for key, label in PLATFORMS.items():
            self.platform.addItem(_(label), key)
        self.platform.setCurrentIndex(max(0, self.platform.findData(platform)))
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

    def _platform_changed(self) -> None:
        key = self.key()
        self.steps.setText(_(STEPS[key]))
        oauth2 = key == "x" and self.x_browser.isChecked()
        fields = {
            "kit": ("", "", "", "", ""),
            "facebook": (_("App ID"), "", _("App Secret"), _("Short-lived user token"), ""),
            "x": (_("Client ID"), "", _("Client Secret (if any)"), "", "")
            if oauth2
            else (_("API Key"), "", _("API Key Secret"), _("Access Token"), _("Access Token Secret")),
            "youtube": (_("Client ID"), "", _("Client Secret"), "", ""),
            "wordpress": ("", _("User name"), _("Application Password"), "", ""),
        }[key]
        self._show(self.name, _("Name in Siar"))
        self._show(
            self.api_base,
            ""
            if key == "kit"
            else _("Website address")
            if key == "wordpress"
            else _("Server address (leave empty for the real platform)"),
        )
        self.kit_platform.setVisible(key == "kit")
        self.kit_label.setVisible(key == "kit")
        for widget, label in zip(
            (self.id_field, self.username, self.secret1, self.secret2, self.secret3), fields, strict=True
        ):
            self._show(widget, label)
        self.secret2.setEchoMode(QLineEdit.EchoMode.Password)
        self.x_browser.setVisible(key == "x")
        self.testing.setVisible(key == "youtube")
        self.check_button.setText(_("Sign in with the browser") if key == "youtube" or oauth2 else _("Check"))
        self.fb_after.hide()
        self.save_button.setEnabled(False)
        self.results = []

    # --- checking ----------------------------------------------------------------------------
    def check(self) -> None:
        key, name = self.key(), self.name.text().strip()
        if not name:
            self._fail(_("Give the account a name first."))
            return
        if key == "kit":
            account = Account(
                str(self.kit_platform.currentData()),
                name,
                "",
                "manual",
                display_name=name,
                handle=_("posting kit"),
            )
            self._show_results([Connected(account, {}, Health.from_expiry(0))])
            return
        base_text = self.api_base.text().strip()
        try:
            base = check_api_base(base_text or platforms.get(key).connector().api_base)
        except InsecureAddressError:
            self._fail(describe_code("accounts.insecure_base", {}))
            return
        values = (
            self.id_field.text().strip(),
            self.username.text().strip(),
            self.secret1.text().strip(),
            self.secret2.text().strip(),
            self.secret3.text().strip(),
        )
        sandbox = base.startswith("http://127.0.0.1")
        self.check_button.setEnabled(False)
        self.result_label.setText(
            _("Checking with the platform…")
            if key not in ("youtube",)
            else _("Finish the steps in your browser…")
        )
        work = self._work(key, base, name, values, sandbox)
        self.runner.submit(work, on_done=self._checked, on_error=self._error, owner=self)

    def _work(self, key: str, base: str, name: str, values: tuple[str, ...], sandbox: bool) -> Any:
        ident, user, s1, s2, s3 = values
        oauth2, testing = self.x_browser.isChecked(), self.testing.isChecked()

        def run() -> Any:
            session = new_session()
            if key == "facebook":
                long_token, _expires = facebook.exchange_token(session, base, ident, s1, s2)
                pages = facebook.list_pages(session, base, long_token)
                return ("pages", base, ident, pages, sandbox)
            if key == "x" and oauth2:
                result = x.connect_oauth2(session, base, name, ident, s1, webbrowser.open, sandbox=sandbox)
            elif key == "x":
                result = x.connect_oauth1(
                    session,
                    base,
                    name,
                    ident,
                    {"api_secret": s1, "access_token": s2, "access_secret": s3},
                    sandbox=sandbox,
                )
            elif key == "youtube":
                result = youtube.connect(
                    session, base, name, ident, s1, webbrowser.open, testing=testing, sandbox=sandbox
                )
            else:
                result = wordpress.connect(session, base, name, user, s1, sandbox=sandbox)
            return [Connected(*result, picture=_picture(session, result[0].picture_url))]

        return run

    def _checked(self, result: Any) -> None:
        self.check_button.setEnabled(True)
        if isinstance(result, tuple) and result[0] == "pages":
            _tag, base, app_id, pages, sandbox = result
            if not pages:
                self._fail(describe_code("accounts.fb_no_pages", {}))
                return
            self._pages = pages
            self._fb = (base, app_id, sandbox)
            self.page_choice.blockSignals(True)
            self.page_choice.clear()
            for page in pages:
                self.page_choice.addItem(page.name, page.id)
            self.page_choice.blockSignals(False)
            self.fb_after.show()
            self._page_chosen()
            return
        self._show_results(result)

    def _page_chosen(self) -> None:
        if not self._pages:
            return
        page = self._pages[max(0, self.page_choice.currentIndex())]
        base, app_id, sandbox = self._fb
        name, ig_name = self.name.text().strip(), self.ig_name.text().strip()

        def run() -> list[Connected]:
            session = new_session()
            fb = facebook.page_account(session, base, name, page, app_id, sandbox=sandbox)
            found = [Connected(*fb, picture=_picture(session, fb[0].picture_url))]
            ig = facebook.linked_instagram(session, base, page.id, page.token)
            if ig is not None:
                ig_result = facebook.instagram_account(
                    ig_name or f"{name} — Instagram", base, page, ig, fb[2], sandbox=sandbox
                )
                found.append(Connected(*ig_result, picture=_picture(session, ig.picture_url)))
            return found

        self.result_label.setText(_("Checking with the platform…"))
        self.runner.submit(run, on_done=self._show_results, on_error=self._error, owner=self)

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
        ig = next((r for r in results if r.account.platform == "instagram"), None)
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
        for result in self.results:
            if result.account.platform == "instagram":
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
