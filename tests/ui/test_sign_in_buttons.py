"""The Accounts window's one-button sign-ins against the sandbox (issue 14): the officer
imports IT's profile, presses a platform's button and, in the browser, approves; the only
thing typed is the WordPress site address. A refusal or a cancel changes nothing, and no
App Secret, confidential client secret or login password reaches the computer."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import keyring
import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from composer.accounts.model import Health
from composer.sandbox import Sandbox, graph, wordpress_authorize
from composer.sandbox import x as fake_x
from composer.session import Session
from composer.ui import sign_in_dialog
from composer.ui.accounts_dialog import AccountsDialog
from composer.ui.sign_in_dialog import SignInDialog
from composer.ui.tasks import TaskRunner
from tests.memory_keyring import MemoryKeyring

Browser = Callable[[str], object]


@pytest.fixture
def panel(
    qtbot: QtBot, session: Session, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> Iterator[AccountsDialog]:
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    runner = TaskRunner(session)
    dialog = AccountsDialog(session, runner)
    qtbot.addWidget(dialog)
    yield dialog
    runner.close()


def import_profile(panel: AccountsDialog, monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Press "Import profile…" and pick *path*; the warnings shown, if any."""
    warnings: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))
    panel.import_button.click()
    return warnings


@pytest.fixture
def with_profile(
    panel: AccountsDialog, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> AccountsDialog:
    path = tmp_path / "siar-profile.json"
    path.write_text(sandbox.profile_json())
    assert import_profile(panel, monkeypatch, path) == []
    return panel


def use_browser(monkeypatch: pytest.MonkeyPatch, browser: Browser) -> list[str]:
    opened: list[str] = []

    def open_(url: str) -> None:
        opened.append(url)
        threading.Thread(target=browser, args=(url,), daemon=True).start()

    monkeypatch.setattr(sign_in_dialog, "open_browser", open_)
    return opened


def press(qtbot: QtBot, panel: AccountsDialog, platform: str) -> SignInDialog:
    button = panel.sign_in_buttons[platform]
    assert button.isVisibleTo(panel)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = panel.sign_in_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def connected(dialog: SignInDialog) -> bool:
    return "Successfully connected" in dialog.status.text()


def accounts(panel: AccountsDialog) -> list[tuple[str, str]]:
    return sorted((a.platform, a.name) for a in panel.session.accounts())


# --- without and with a profile ------------------------------------------------------------------


def test_without_a_profile_only_advanced_settings_show(panel: AccountsDialog) -> None:
    panel.show()
    assert not any(b.isVisible() for b in panel.sign_in_buttons.values())
    assert panel.no_profile.isVisible() and "Import" in panel.no_profile.text()
    assert panel.add_button.text() == "Advanced settings…"  # the manual path, as complete as before


def test_a_profile_with_an_app_secret_is_refused_and_nothing_changes(
    panel: AccountsDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "siar-profile.json"
    path.write_text(
        '{"siar_profile":1,"facebook":{"app_id":"100","client_token":"abc","app_secret":"s3cr3t"}}'
    )
    warnings = import_profile(panel, monkeypatch, path)
    assert len(warnings) == 1 and "facebook.app_secret" in warnings[0] and "secret" in warnings[0]
    assert panel.session.connection_profile() is None
    assert not any(b.isVisibleTo(panel) for b in panel.sign_in_buttons.values())


def test_the_file_menu_imports_a_profile(
    qtbot: QtBot, window: object, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from composer.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    path = tmp_path / "siar-profile.json"
    path.write_text(sandbox.profile_json())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(AccountsDialog, "exec", lambda self: 0)
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    accounts_menu = next(a.menu() for a in file_menu.actions() if a.text() == "A&ccounts")
    next(a for a in accounts_menu.actions() if a.text() == "&Import profile…").trigger()
    profile = window.session.connection_profile()
    assert profile is not None and profile.has("facebook")


# --- Facebook: the code, the Page(s), the Instagram -------------------------------------------------


def test_facebook_shows_the_code_then_connects_the_chosen_pages_and_instagram(
    qtbot: QtBot, with_profile: AccountsDialog, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox.graph.device_interval = 1

    def browser(url: str) -> None:  # the officer types the code at facebook.com/device and allows
        code = parse_qs(urlsplit(url).query)["user_code"][0]
        time.sleep(1.5)  # Siar polls at least once while it is still pending
        requests.post(
            f"{sandbox.graph.base_url}/device", data={"user_code": code, "decision": "approve"}, timeout=5
        )

    opened = use_browser(monkeypatch, browser)
    dialog = press(qtbot, with_profile, "facebook")
    qtbot.waitUntil(lambda: dialog.code.text() != "" and dialog.code_box.isVisible(), timeout=5000)
    code = dialog.code.text()
    assert dialog.code.font().pointSize() >= 24  # large
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == code
    assert opened and opened[0].startswith(f"{sandbox.graph.base_url}/device?user_code={code}")
    qtbot.waitUntil(dialog.pages_box.isVisible, timeout=10000)
    assert dialog.pages.count() == 2
    dialog.pages.item(1).setCheckState(Qt.CheckState.Checked)  # both Pages
    qtbot.mouseClick(dialog.pages_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: connected(dialog), timeout=10000)
    assert "Kantor Imigrasi Contoh (Sandbox)" in dialog.status.text()
    assert not dialog.picture.pixmap().isNull()
    assert [p for p, _n in accounts(with_profile)] == ["facebook", "facebook", "instagram"]
    assert with_profile.tree.topLevelItemCount() == 3
    row = with_profile.tree.topLevelItem(0)
    assert row is not None and row.text(3) == "Working"


def test_facebook_declined_says_so_and_saves_nothing(
    qtbot: QtBot, with_profile: AccountsDialog, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox.graph.device_interval = 0

    def browser(url: str) -> None:
        code = parse_qs(urlsplit(url).query)["user_code"][0]
        requests.post(
            f"{sandbox.graph.base_url}/device", data={"user_code": code, "decision": "deny"}, timeout=5
        )

    use_browser(monkeypatch, browser)
    dialog = press(qtbot, with_profile, "facebook")
    qtbot.waitUntil(lambda: "⛔" in dialog.status.text(), timeout=10000)
    assert "declined" in dialog.status.text() and "Nothing was changed" in dialog.status.text()
    assert accounts(with_profile) == []


def test_closing_the_window_while_waiting_cancels_and_saves_nothing(
    qtbot: QtBot, with_profile: AccountsDialog, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_browser(monkeypatch, lambda _url: None)  # the officer never enters the code
    dialog = press(qtbot, with_profile, "facebook")
    qtbot.waitUntil(dialog.code_box.isVisible, timeout=5000)
    dialog.reject()
    # the sign-in stops at once (it would otherwise wait minutes for the browser)
    qtbot.waitUntil(lambda: not with_profile.session.executor.busy, timeout=5000)
    assert accounts(with_profile) == []


# --- X, YouTube, WordPress ------------------------------------------------------------------------------


def _follow(url: str) -> None:
    requests.get(url, timeout=10)  # the sandbox consents and redirects back to Siar's loopback


@pytest.mark.parametrize(("platform", "who"), [("x", "@kanimcontoh"), ("youtube", "Kantor Imigrasi Contoh")])
def test_x_and_youtube_connect_through_the_browser(
    qtbot: QtBot,
    with_profile: AccountsDialog,
    sandbox: Sandbox,
    monkeypatch: pytest.MonkeyPatch,
    platform: str,
    who: str,
) -> None:
    use_browser(monkeypatch, _follow)
    dialog = press(qtbot, with_profile, platform)
    qtbot.waitUntil(lambda: connected(dialog), timeout=10000)
    assert who in dialog.status.text()
    assert [p for p, _n in accounts(with_profile)] == [platform]


def test_wordpress_asks_only_for_the_address(
    qtbot: QtBot, with_profile: AccountsDialog, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_browser(monkeypatch, wordpress_authorize.browser_click)
    dialog = press(qtbot, with_profile, "wordpress")
    assert dialog.site.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.site, sandbox.wordpress.base_url)
    qtbot.mouseClick(dialog.site_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: connected(dialog), timeout=10000)
    assert "Humas Kanim" in dialog.status.text()
    assert accounts(with_profile) == [("wordpress", "Humas Kanim (Sandbox) — Website")]


def test_wordpress_rejected_in_the_browser_changes_nothing(
    qtbot: QtBot, with_profile: AccountsDialog, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_browser(monkeypatch, lambda url: wordpress_authorize.browser_click(url, "reject"))
    dialog = press(qtbot, with_profile, "wordpress")
    qtbot.keyClicks(dialog.site, sandbox.wordpress.base_url)
    qtbot.mouseClick(dialog.site_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "⛔" in dialog.status.text(), timeout=10000)
    assert "Permission was not given" in dialog.status.text()
    assert accounts(with_profile) == [] and sandbox.wordpress.app_passwords == []


# --- no secret on the computer ----------------------------------------------------------------------


def test_no_app_secret_client_secret_or_password_after_the_buttons(
    qtbot: QtBot,
    with_profile: AccountsDialog,
    sandbox: Sandbox,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import logging
    import os

    caplog.set_level(logging.DEBUG)
    sandbox.graph.device_interval = 0

    def facebook(url: str) -> None:
        code = parse_qs(urlsplit(url).query)["user_code"][0]
        requests.post(
            f"{sandbox.graph.base_url}/device", data={"user_code": code, "decision": "approve"}, timeout=5
        )

    for platform, browser in (
        ("facebook", facebook),
        ("x", _follow),
        ("youtube", _follow),
        ("wordpress", wordpress_authorize.browser_click),
    ):
        use_browser(monkeypatch, browser)
        dialog = press(qtbot, with_profile, platform)
        if platform == "wordpress":
            qtbot.keyClicks(dialog.site, sandbox.wordpress.base_url)
            dialog.site_button.click()
        if platform == "facebook":
            qtbot.waitUntil(dialog.pages_box.isVisible, timeout=10000)
            dialog.pages_button.click()
        qtbot.waitUntil(lambda d=dialog: connected(d), timeout=10000)
        dialog.accept()
    assert len(with_profile.session.accounts()) == 5
    forbidden = [
        graph.APP_SECRET,  # the Meta App Secret
        fake_x.CLIENT_SECRET,  # a confidential X client's secret
        fake_x.CONSUMER_SECRET,
        wordpress_authorize.LOGIN_PASSWORD,  # the site user's own login password
    ]
    with_profile.session.close()  # the database written out, so the files hold everything
    seen = [f.read_bytes().decode("latin-1") for f in Path(os.environ["SIAR_HOME"]).rglob("*") if f.is_file()]
    assert any("connection_profile" in text for text in seen)  # the workspace was read
    seen += [caplog.text, *memory_keyring.values.values(), *(u for _s, u in memory_keyring.values)]
    assert len(memory_keyring.values) >= 5 and keyring.get_keyring() is memory_keyring
    haystack = "\n".join(seen)
    for secret in forbidden:
        assert secret not in haystack


def test_a_token_near_its_end_shows_the_date_and_reconnects_with_one_click(
    qtbot: QtBot, with_profile: AccountsDialog, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_browser(monkeypatch, _follow)
    dialog = press(qtbot, with_profile, "youtube")
    qtbot.waitUntil(lambda: connected(dialog), timeout=10000)
    dialog.accept()
    session = with_profile.session
    [account] = session.accounts()
    # Google "Testing" apps: the permission ends after 7 days (§14.6); 5 days are left.
    ends = time.time() + 5 * 86400
    session.registry.update(account.with_health(Health.from_expiry(ends)))
    with_profile.refresh()
    row = with_profile.tree.topLevelItem(0)
    assert row is not None and row.text(3) in ("Expires in 4 days", "Expires in 5 days")
    assert f"Valid until {time.strftime('%d-%m-%Y', time.localtime(ends))}" in row.text(5)
    row.setSelected(True)
    qtbot.mouseClick(with_profile.reconnect_button, Qt.MouseButton.LeftButton)
    again = with_profile.sign_in_dialog
    assert again is not None and again is not dialog and again.platform == "youtube"
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: connected(again), timeout=10000)
    [renewed] = session.accounts()
    assert renewed.id == account.id and renewed.health.state == "ok"


def test_an_older_wordpress_takes_one_pasted_address(
    qtbot: QtBot, with_profile: AccountsDialog, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before WordPress 7.0 the loopback return is refused (§14.4); the site's own profile
    page is the way back, and its address bar (user name and password in it) is the one
    thing the officer pastes."""
    sandbox.wordpress.loopback_redirects = False
    landed: list[str] = []

    def browser(url: str) -> None:
        if "siar_state" not in url:
            requests.get(url, timeout=5)  # the site answers invalid_redirect_scheme: nothing comes back
            return
        landed.append(wordpress_authorize.browser_click(url))  # Approve; the profile page opens

    use_browser(monkeypatch, browser)
    dialog = press(qtbot, with_profile, "wordpress")
    qtbot.keyClicks(dialog.site, sandbox.wordpress.base_url)
    qtbot.mouseClick(dialog.site_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.wp_manual_button.isVisible, timeout=5000)
    qtbot.mouseClick(dialog.wp_manual_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(landed), timeout=10000)
    assert "⛔" not in dialog.status.text()  # stopping the wait is not an error
    assert landed[0].startswith(f"{sandbox.wordpress.base_url}/wp-admin/profile.php?")
    assert not hasattr(dialog, "wp_user")  # no user name to type: one field
    # only the password, or the address of another sign-in: one plain message, nothing saved
    password = parse_qs(urlsplit(landed[0]).query)["password"][0]
    forged = landed[0].replace("siar_state=", "siar_state=x")
    for wrong in (password, forged):
        dialog.wp_address.clear()
        qtbot.keyClicks(dialog.wp_address, wrong)
        qtbot.mouseClick(dialog.wp_check, Qt.MouseButton.LeftButton)
        assert "Copy the whole address" in dialog.status.text() and accounts(with_profile) == []
    dialog.wp_address.clear()
    qtbot.keyClicks(dialog.wp_address, landed[0])
    qtbot.mouseClick(dialog.wp_check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: connected(dialog), timeout=10000)
    assert accounts(with_profile) == [("wordpress", "Humas Kanim (Sandbox) — Website")]


def test_closing_while_the_browser_is_open_stops_the_wait_for_x(
    qtbot: QtBot, with_profile: AccountsDialog, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = use_browser(monkeypatch, lambda _url: None)  # the officer closes the browser tab
    dialog = press(qtbot, with_profile, "x")
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    dialog.reject()
    # the sign-in stops at once (it would otherwise wait minutes for the browser)
    qtbot.waitUntil(lambda: not with_profile.session.executor.busy, timeout=5000)
    assert accounts(with_profile) == []


@pytest.mark.parametrize("decision", ["continue", "cancel"])
def test_facebook_browser_flow_when_the_profile_chooses_it(
    qtbot: QtBot,
    panel: AccountsDialog,
    sandbox: Sandbox,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    decision: str,
) -> None:
    import json

    from composer.sandbox import graph_login

    data = json.loads(sandbox.profile_json())
    data["facebook"] = {"app_id": graph.APP_ID, "login": "browser", "api_base": sandbox.graph.base_url}
    path = tmp_path / "siar-profile.json"
    path.write_text(json.dumps(data))
    assert import_profile(panel, monkeypatch, path) == []
    landed: list[str] = []
    use_browser(monkeypatch, lambda url: landed.append(graph_login.browser_click(url, decision)))
    dialog = press(qtbot, panel, "facebook")
    assert not dialog.code_box.isVisibleTo(dialog) and dialog.fb_paste_box.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: bool(landed), timeout=5000)
    assert landed[0].startswith(f"{sandbox.graph.base_url}/connect/login_success.html")
    qtbot.keyClicks(dialog.fb_paste, landed[0])  # the officer pastes the address bar
    qtbot.mouseClick(dialog.fb_paste_button, Qt.MouseButton.LeftButton)
    if decision == "cancel":
        qtbot.waitUntil(lambda: "⛔" in dialog.status.text(), timeout=5000)
        assert "declined" in dialog.status.text() and accounts(panel) == []
        return
    qtbot.waitUntil(dialog.pages_box.isVisible, timeout=5000)
    qtbot.mouseClick(dialog.pages_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: connected(dialog), timeout=10000)
    assert [p for p, _n in accounts(panel)] == ["facebook", "instagram"]
    # a token from the browser flow is short-lived: its end date shows, with what to do
    row = panel.tree.topLevelItem(0)
    assert row is not None and "Valid until" in row.text(5)


def test_a_pasted_address_from_another_sign_in_is_refused(
    qtbot: QtBot, panel: AccountsDialog, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import json

    data = json.loads(sandbox.profile_json())
    data["facebook"] = {"app_id": graph.APP_ID, "login": "browser", "api_base": sandbox.graph.base_url}
    path = tmp_path / "siar-profile.json"
    path.write_text(json.dumps(data))
    import_profile(panel, monkeypatch, path)
    use_browser(monkeypatch, lambda _url: None)
    dialog = press(qtbot, panel, "facebook")
    token = sandbox.graph.issue_user_token(long_lived=True)
    qtbot.keyClicks(
        dialog.fb_paste,
        f"{sandbox.graph.base_url}/connect/login_success.html#access_token={token}&expires_in=3600&state=forged",
    )
    qtbot.mouseClick(dialog.fb_paste_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "⛔" in dialog.status.text(), timeout=5000)
    assert "not the address Facebook showed" in dialog.status.text() and accounts(panel) == []
