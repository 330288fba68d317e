"""Token lifetimes the platform does not renew (issue 14 item 4): Google "Testing" apps
end a sign-in after 7 days (PLATFORMS.md §14.6), a long-lived Facebook user token after
60 days (§2.2). The health panel shows the date, the status bar warns a week ahead with
the date, and its "Reconnect" goes straight into that account's sign-in: one click."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from pytestqt.qtbot import QtBot

from composer.accounts.model import Health
from composer.sandbox import Sandbox
from composer.session.sign_in import button_request, named
from composer.ui import sign_in_dialog
from composer.ui.accounts_dialog import AccountsDialog
from composer.ui.main_window import MainWindow
from tests.memory_keyring import MemoryKeyring


def _profile(window: MainWindow, sandbox: Sandbox, tmp_path: Path, youtube_testing: bool) -> None:
    data = json.loads(sandbox.profile_json())
    data["youtube"]["testing"] = youtube_testing  # IT says the Google app is still in Testing
    path = tmp_path / "siar-profile.json"
    path.write_text(json.dumps(data))
    window.session.import_profile(path)


def _connect(window: MainWindow, sandbox: Sandbox, platform: str, browser: Callable[[str], object]) -> None:
    """Set-up: one account through its button's flow (the dialogs are tested elsewhere)."""
    session = window.session
    profile = session.connection_profile()
    assert profile is not None
    found = session.connect_account(button_request(profile, platform, open_browser=browser))
    if not isinstance(found, list):
        found = session.connect_facebook_page(found, found.pages[0], "", None)
    assert session.save_connected(named(found)) == []


def _follow(url: str) -> None:
    requests.get(url, timeout=10)


def _facebook(sandbox: Sandbox) -> Callable[[str], None]:
    def approve(url: str) -> None:
        code = parse_qs(urlsplit(url).query)["user_code"][0]
        requests.post(
            f"{sandbox.graph.base_url}/device", data={"user_code": code, "decision": "approve"}, timeout=5
        )

    return approve


def _reconnect_from_status_bar(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> sign_in_dialog.SignInDialog:
    monkeypatch.setattr(AccountsDialog, "exec", lambda self: self.show())  # not modal in a test
    label = window.account_health.label
    link = next(
        part.split("'")[0] for part in label.text().split("href='")[1:] if part.startswith("reconnect:")
    )
    label.linkActivated.emit(link)  # the officer clicks "Reconnect"
    accounts = window.account_health.accounts_dialog
    assert accounts is not None
    qtbot.addWidget(accounts)
    qtbot.waitUntil(lambda: accounts.sign_in_dialog is not None, timeout=5000)
    dialog = accounts.sign_in_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def test_a_google_testing_app_warns_from_the_start_with_the_date_and_reconnects_in_one_click(
    qtbot: QtBot,
    window: MainWindow,
    sandbox: Sandbox,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _profile(window, sandbox, tmp_path, youtube_testing=True)
    before = time.time()
    _connect(window, sandbox, "youtube", _follow)
    [account] = window.session.accounts()
    ends = account.health.expires_at
    assert account.health.state == "expiring" and before + 7 * 86400 <= ends <= time.time() + 7 * 86400
    date = time.strftime("%d-%m-%Y", time.localtime(ends))
    window.account_health.show_health()
    text = window.account_health.label.text()
    assert "Expires in 6 days" in text and f"({date})" in text and "Reconnect" in text
    monkeypatch.setattr(sign_in_dialog, "open_browser", lambda url: _follow(url))
    window.session.metrics.set_reconnect(account.id, "yt-analytics.readonly")  # statistics refused
    dialog = _reconnect_from_status_bar(qtbot, window, monkeypatch)
    assert dialog.platform == "youtube"
    qtbot.waitUntil(lambda: "Successfully connected" in dialog.status.text(), timeout=10000)
    assert window.session.metrics.needs_reconnect(account.id) == ""  # the statistics asked again
    [renewed] = window.session.accounts()
    assert renewed.id == account.id and renewed.health.expires_at >= ends  # seven days from now again
    assert (
        "Your Google app is in “Testing”" in dialog.status.text()
        or renewed.health.detail == "accounts.yt_testing"
    )


def test_a_facebook_token_near_its_60_days_shows_its_date_and_reconnects_in_one_click(
    qtbot: QtBot,
    window: MainWindow,
    sandbox: Sandbox,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _profile(window, sandbox, tmp_path, youtube_testing=False)
    sandbox.graph.device_interval = 0
    _connect(window, sandbox, "facebook", _facebook(sandbox))
    [account] = window.session.accounts()
    registry = window.session.registry
    # 60 days out: working, and the panel already tells the date
    registry.update(account.with_health(Health.from_expiry(time.time() + 60 * 86400)))
    window.account_health.show_health()
    assert window.account_health.label.text() == ""  # nothing to warn about yet
    # a week before the end: the warning, with the date and "Reconnect"
    ends = time.time() + 5 * 86400
    registry.update(account.with_health(Health.from_expiry(ends)))
    window.account_health.show_health()
    date = time.strftime("%d-%m-%Y", time.localtime(ends))
    assert f"Expires in 4 days ({date})" in window.account_health.label.text()
    monkeypatch.setattr(sign_in_dialog, "open_browser", _facebook(sandbox))
    dialog = _reconnect_from_status_bar(qtbot, window, monkeypatch)
    assert dialog.platform == "facebook"
    qtbot.waitUntil(dialog.pages_box.isVisible, timeout=10000)
    dialog.pages_button.click()
    qtbot.waitUntil(lambda: "Successfully connected" in dialog.status.text(), timeout=10000)
    [renewed] = [a for a in window.session.accounts() if a.platform == "facebook"]  # (and its Instagram)
    assert renewed.id == account.id and renewed.health.state == "ok"
    accounts = window.account_health.accounts_dialog
    assert accounts is not None
    row = accounts.tree.topLevelItem(0)
    assert row is not None and row.text(3) == "Working"
