"""One button's sign-in (issue 14): the platform's own page in the browser, then the
account's name and picture and "Connected". Facebook shows a code to enter at
facebook.com/device and then asks which Page(s); WordPress asks only for the address.
A cancel or a refusal says so and saves nothing."""

from __future__ import annotations

import logging
import threading
import webbrowser
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from composer import platforms
from composer.accounts.http import ApiError, InsecureAddressError, check_api_base
from composer.i18n import _, describe_code
from composer.session import Connected, ConnectRequest, FacebookPages, Session
from composer.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

open_browser: Callable[[str], object] = webbrowser.open
"""How the platform's page is opened (tests and the demo put their "browser" here)."""

BUTTON_LABELS = {entry.id: entry.connection.button for entry in platforms.sign_in_buttons()}


class SignInDialog(QDialog):
    sig_saved = Signal(list)
    """(list of Connected) once the accounts are saved."""
    sig_code = Signal(object)
    """(DeviceCode) from the worker thread: the code to show."""

    def __init__(
        self, session: Session, runner: TaskRunner, platform: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session, self.runner, self.platform = session, runner, platform
        self.connection = platforms.get(platform).connection
        self.setWindowTitle(_(BUTTON_LABELS[platform]))
        self.resize(520, 420)
        self._cancel = threading.Event()
        self._found: FacebookPages | None = None
        self.results: list[Connected] = []
        self._manual = False
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        # WordPress: the one thing the officer types.
        self.site = QLineEdit()
        self.site.setPlaceholderText("https://kanim-contoh.imigrasi.go.id")
        self.site_button = QPushButton(_("Connect"))
        site_row = QHBoxLayout()
        site_row.addWidget(self.site, 1)
        site_row.addWidget(self.site_button)
        self.site_box = QWidget()
        self.site_box.setLayout(site_row)
        layout.addWidget(self.site_box)
        self.site_button.clicked.connect(self._start_wordpress)
        self.site.returnPressed.connect(self._start_wordpress)
        # WordPress before 7.0 refuses to send the password back to Siar's loopback: the
        # browser then lands on the site's own profile page, and the officer copies its
        # address (user name and password in it) into one field.
        self.wp_manual_button = QPushButton(_("The site shows an error instead of returning to Siar"))
        self.wp_manual_button.setFlat(True)
        self.wp_manual_button.setStyleSheet("text-align:left;color:#0B5CAD;text-decoration:underline")
        self.wp_manual_button.clicked.connect(self._wordpress_manual)
        self.wp_address = QLineEdit()
        self.wp_address.setPlaceholderText("https://…/wp-admin/profile.php?…")
        self.wp_address.setEchoMode(QLineEdit.EchoMode.Password)  # it carries the password
        self.wp_address.returnPressed.connect(self._wordpress_pasted)
        self.wp_check = QPushButton(_("Connect"))
        self.wp_check.clicked.connect(self._wordpress_pasted)
        self.wp_manual_box = QWidget()
        manual_layout = QHBoxLayout(self.wp_manual_box)
        manual_layout.addWidget(self.wp_address, 1)
        manual_layout.addWidget(self.wp_check)
        self.wp_manual_box.hide()
        self.wp_manual_button.hide()
        layout.addWidget(self.wp_manual_button)
        layout.addWidget(self.wp_manual_box)
        self._site = ""
        self._wp_state = ""
        # Facebook: the device code, large, with "Copy code".
        self.code = QLabel()
        font = QFont(self.code.font())
        font.setPointSize(28)
        font.setBold(True)
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(_("Copy code"))
        self.open_button = QPushButton(_("Open the page again"))
        code_row = QHBoxLayout()
        code_row.addStretch(1)
        code_row.addWidget(self.copy_button)
        code_row.addWidget(self.open_button)
        code_row.addStretch(1)
        self.code_box = QWidget()
        code_layout = QVBoxLayout(self.code_box)
        code_layout.addWidget(self.code)
        code_layout.addLayout(code_row)
        self.code_box.hide()
        layout.addWidget(self.code_box)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.code.text()))
        self._page_url = ""
        self.open_button.clicked.connect(lambda: open_browser(self._page_url))
        self.sig_code.connect(self._show_code)
        # Facebook's browser flow (§14.3): the address of the "Success" page, pasted.
        self.fb_paste = QLineEdit()
        self.fb_paste.setPlaceholderText("https://www.facebook.com/connect/login_success.html#…")
        self.fb_paste.setEchoMode(QLineEdit.EchoMode.Password)  # it carries a token
        self.fb_paste_button = QPushButton(_("Continue"))
        self.fb_paste_button.clicked.connect(self._facebook_pasted)
        self.fb_paste_box = QWidget()
        paste_layout = QHBoxLayout(self.fb_paste_box)
        paste_layout.addWidget(self.fb_paste, 1)
        paste_layout.addWidget(self.fb_paste_button)
        self.fb_paste_box.hide()
        layout.addWidget(self.fb_paste_box)
        self._request: ConnectRequest | None = None
        self._state = ""
        # Facebook: which Page(s), and their Instagram.
        self.pages = QListWidget()
        self.instagram = QCheckBox(_("Also connect the Instagram account linked to each Page"))
        self.instagram.setChecked(True)
        self.pages_button = QPushButton(_("Continue"))
        self.pages_box = QWidget()
        pages_layout = QVBoxLayout(self.pages_box)
        pages_layout.addWidget(QLabel(_("Which Page(s) should Siar post to?")))
        pages_layout.addWidget(self.pages)
        pages_layout.addWidget(self.instagram)
        pages_layout.addWidget(self.pages_button)
        self.pages_box.hide()
        layout.addWidget(self.pages_box)
        self.pages_button.clicked.connect(self._pages_chosen)
        # The outcome: who, and "Connected".
        who = QHBoxLayout()
        self.picture = QLabel()
        self.picture.setFixedSize(56, 56)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        who.addWidget(self.picture)
        who.addWidget(self.status, 1)
        layout.addLayout(who)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.finished.connect(lambda _code: self._cancel.set())  # a running sign-in stops
        if self.connection.asks_site:
            self.intro.setText(_("Type the website's address. Siar opens its page where you approve Siar."))
            self.site.setFocus()
        else:
            self.site_box.hide()
            self.start()

    # --- the sign-in -----------------------------------------------------------------------------
    def start(self, site: str = "") -> None:
        profile = self.session.connection_profile()
        if profile is None or not profile.offers(self.platform):
            self._fail(describe_code("profile.none", {}))
            return
        from composer.session.sign_in import button_request

        request = button_request(
            profile,
            self.platform,
            open_browser=lambda url: open_browser(url),
            on_code=self.sig_code.emit,
            cancelled=self._cancel.is_set,
            site=site,
        )
        if self.connection.device_login and not request.device:
            self._start_facebook_browser(request)  # the profile turned device login off (§14.3)
            return
        self.intro.setText(
            _("Facebook is giving Siar a code…")
            if request.device
            else _(
                "Approve Siar on the website. When the browser asks whether to open Siar, allow it. "
                "Siar waits here."
            )
            if request.app_link  # the answer comes back through siar://
            else _("Finish the steps in your browser. Siar waits here.")
        )
        self.runner.submit(
            self.session.connect_account, request, on_done=self._signed_in, on_error=self._error, owner=self
        )

    def _start_facebook_browser(self, request: ConnectRequest) -> None:
        from composer.session.sign_in import facebook_browser_start

        self._request = request
        url, self._state = facebook_browser_start(request)
        self.intro.setText(
            _(
                "Your browser opens Facebook. Sign in and allow Siar. When the page says “Success”, copy the "
                "whole address from the address bar and paste it here."
            )
        )
        self.fb_paste_box.show()
        self.fb_paste.setFocus()
        open_browser(url)

    def _facebook_pasted(self) -> None:
        if self._request is None or not self.fb_paste.text().strip():
            return
        self.fb_paste_button.setEnabled(False)
        self.status.setText(_("Checking with the platform…"))
        self.runner.submit(
            self.session.connect_facebook_pasted,
            self._request,
            self.fb_paste.text().strip(),
            self._state,
            on_done=self._signed_in,
            on_error=self._error,
            owner=self,
        )

    def _start_wordpress(self) -> None:
        site = self.site.text().strip()
        if site and "://" not in site:
            site = "https://" + site
        try:
            check_api_base(site)
        except InsecureAddressError:
            self._fail(describe_code("accounts.insecure_base", {}))
            return
        self.site_button.setEnabled(False)
        self._site = site
        self.start(site)
        self.wp_manual_button.show()

    def _wordpress_manual(self) -> None:
        """Stop waiting for the return; approve again with the site's own profile page as
        the way back, and take its address from the officer."""
        from composer.session.sign_in import wordpress_address_page

        self._cancel.set()
        self._manual = True
        self.wp_manual_button.hide()
        self.intro.setText(
            _(
                "Approve Siar on the website again. The website then opens your profile page: copy the whole "
                "address from the browser's address bar and paste it here."
            )
        )
        self.runner.submit(
            wordpress_address_page,
            self.session.connection_profile(),
            self._site,
            self.session.http(),
            on_done=self._open_page,
            on_error=self._error,
            owner=self,
        )
        self.wp_manual_box.show()
        self.wp_address.setFocus()

    def _open_page(self, page: object) -> None:
        assert isinstance(page, tuple)
        url, state = page
        self._wp_state = str(state)
        open_browser(str(url))

    def _wordpress_pasted(self) -> None:
        from composer.session.sign_in import wordpress_from_address

        pasted = self.wp_address.text().strip()
        if not pasted:
            return
        try:
            request = wordpress_from_address(self._site, pasted, self._wp_state)
        except ApiError as exc:
            self._fail(exc.describe())
            return
        self.wp_check.setEnabled(False)
        self.status.setText(_("Checking with the platform…"))
        self.runner.submit(
            self.session.connect_account, request, on_done=self._signed_in, on_error=self._error, owner=self
        )

    def _show_code(self, device: object) -> None:
        from composer.accounts.facebook_device import DeviceCode

        assert isinstance(device, DeviceCode)
        self._page_url = device.verification_uri
        self.code.setText(device.user_code)
        self.code_box.show()
        self.intro.setText(
            _(
                "Your browser opens {address}. Sign in to Facebook there, type this code and allow Siar. "
                "Siar waits here."
            ).format(address=device.verification_uri)
        )

    def _signed_in(self, result: list[Connected] | FacebookPages) -> None:
        if isinstance(result, FacebookPages):
            self.code_box.hide()
            self.fb_paste_box.hide()
            if not result.pages:
                self._fail(describe_code("accounts.fb_no_pages", {}))
                return
            self._found = result
            self.pages.clear()
            for index, page in enumerate(result.pages):
                item = QListWidgetItem(page.name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if index == 0 else Qt.CheckState.Unchecked)
                self.pages.addItem(item)
            self.intro.setText(_("Signed in to Facebook."))
            self.pages_box.show()
            return
        self._save(result)

    def _pages_chosen(self) -> None:
        found = self._found
        if found is None:
            return
        chosen = [
            p for i, p in enumerate(found.pages) if self.pages.item(i).checkState() == Qt.CheckState.Checked
        ]
        if not chosen:
            self._fail(_("Choose at least one Page."))
            return
        self.pages_button.setEnabled(False)
        instagram = "" if self.instagram.isChecked() else None
        session = self.session

        def accounts() -> list[Connected]:
            results: list[Connected] = []
            for page in chosen:
                results += session.connect_facebook_page(found, page, "", instagram)
            return results

        self.status.setText(_("Checking with the platform…"))
        self.runner.submit(accounts, on_done=self._save, on_error=self._error, owner=self)

    def _save(self, results: list[Connected]) -> None:
        from composer.session.sign_in import named

        self.results = named(results)
        refused = self.session.save_connected(self.results)
        self.pages_box.hide()
        self.code_box.hide()
        self.wp_manual_box.hide()
        self.wp_manual_button.hide()
        main = self.results[0]
        pixmap = QPixmap()
        if main.picture and pixmap.loadFromData(main.picture):
            self.picture.setPixmap(
                pixmap.scaled(
                    56, 56, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
        lines = [
            f"<b>{r.account.display_name}</b> {r.account.handle} · {platforms.display_name(r.account.platform)}"
            for r in self.results
        ]
        lines += [note for r in self.results if (note := platforms.posting_note(r.account))]
        lines.append(f"<b style='color:#1E7B34'>✓ {_('Successfully connected')}</b>")
        for exc in refused:
            lines.append(describe_code("accounts.duplicate_name", {"name": str(exc)}))
        self.intro.setText("")
        self.status.setText("<br>".join(lines))
        self.buttons.clear()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.accept)
        self.sig_saved.emit(self.results)

    def _error(self, exc: BaseException) -> None:
        if self._manual and isinstance(exc, ApiError) and exc.code == "accounts.signin_cancelled":
            return  # the wait we stopped for the copy-the-password way
        self.wp_check.setEnabled(True)
        self.fb_paste_button.setEnabled(True)
        self.site_button.setEnabled(True)
        self.pages_button.setEnabled(True)
        self.code_box.hide()
        if isinstance(exc, ApiError):
            self._fail(exc.describe())
        else:
            log.error("sign-in failed", exc_info=exc)
            self._fail(_("Something went wrong while checking. The details are in the log."))

    def _fail(self, message: str) -> None:
        self.picture.clear()
        self.status.setText(f"<span style='color:#B3261E'>⛔ {message}</span>")
