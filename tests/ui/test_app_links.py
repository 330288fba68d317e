"""``siar://`` links (issue 14): the browser starts ``siar siar://…``; that second process
hands the link to the running Siar over the local socket, and the WordPress sign-in
waiting in the Accounts window completes, on a WordPress before 7.0 that refuses the
loopback (PLATFORMS.md §14.4). A bad or unexpected link gets one plain message."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from composer.accounts import app_links
from composer.sandbox import Sandbox
from composer.sandbox.wordpress import USERNAME
from composer.ui.accounts_dialog import AccountsDialog
from composer.ui.app_link_client import forward
from composer.ui.app_link_server import AppLinkServer, listen
from tests.ui.test_sign_in_buttons import accounts, connected, panel, press, use_browser, with_profile

__all__ = ["panel", "with_profile"]  # the fixtures, shared with the other buttons' tests
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def links(panel: AccountsDialog, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppLinkServer]:
    """What the app starts after its window: the local server (the installer registered
    the handler, which this test machine has not)."""
    monkeypatch.setattr(app_links, "handler_registered", lambda: True)
    server = listen(lambda: panel, panel)
    assert app_links.available()
    yield server
    server.close()


def open_link(link: str, *python_options: str) -> subprocess.CompletedProcess[str]:
    """What the browser does with a siar:// address: start ``siar <link>``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, *python_options, "-m", "composer", link],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def approve(url: str, decision: str = "approve") -> str:
    """Press Approve on the authorize page; the address the site sends the browser to."""
    with requests.Session() as http:
        page = http.get(url, timeout=5)
        fields = {k: unescape(v) for k, v in re.findall(r'name="(\w+)" value="([^"]*)"', page.text)}
        answer = http.post(
            url.split("?")[0], data={**fields, "action": decision}, timeout=5, allow_redirects=False
        )
        return answer.headers.get("Location", f"error {answer.status_code}")


def test_the_link_reaches_the_waiting_wordpress_sign_in_through_the_local_socket(
    qtbot: QtBot,
    with_profile: AccountsDialog,
    links: AppLinkServer,
    sandbox: Sandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sandbox.wordpress.loopback_redirects = False  # WordPress 6.x: only siar:// can come back
    handed: list[subprocess.CompletedProcess[str]] = []

    def browser(url: str) -> None:
        location = approve(url)
        assert location.startswith("siar://wordpress/authorized?state=")
        handed.append(open_link(location, "-X", "importtime"))

    use_browser(monkeypatch, browser)
    dialog = press(qtbot, with_profile, "wordpress")
    qtbot.keyClicks(dialog.site, sandbox.wordpress.base_url)
    qtbot.mouseClick(dialog.site_button, Qt.MouseButton.LeftButton)
    assert "asks whether to open Siar" in dialog.intro.text()
    qtbot.waitUntil(lambda: connected(dialog), timeout=60000)
    qtbot.waitUntil(lambda: bool(handed), timeout=60000)  # the second process has exited
    assert handed[0].returncode == 0 and "Traceback" not in handed[0].stderr
    assert accounts(with_profile) == [("wordpress", "Humas Kanim (Sandbox) — Website")]
    # The hand-over is answered before the window's modules would load (-X importtime lists
    # every module the second process imported).
    imported = {line.rsplit("|", 1)[-1].strip() for line in handed[0].stderr.splitlines() if "|" in line}
    assert "composer.ui.app_link_client" in imported
    assert not imported & {"composer.ui.main_window", "composer.session", "composer.store.workspace"}


def test_a_refusal_in_the_browser_comes_back_the_same_way_and_changes_nothing(
    qtbot: QtBot,
    with_profile: AccountsDialog,
    links: AppLinkServer,
    sandbox: Sandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_browser(monkeypatch, lambda url: links.handle(approve(url, "reject")))
    dialog = press(qtbot, with_profile, "wordpress")
    qtbot.keyClicks(dialog.site, sandbox.wordpress.base_url)
    qtbot.mouseClick(dialog.site_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "⛔" in dialog.status.text(), timeout=10000)
    assert "Permission was not given" in dialog.status.text() and accounts(with_profile) == []


def test_a_bad_or_unexpected_link_gets_one_plain_message(
    qtbot: QtBot,
    with_profile: AccountsDialog,
    links: AppLinkServer,
    sandbox: Sandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    waiter = app_links.expect(sandbox.wordpress.base_url)  # a sign-in is waiting
    good = {"state": waiter.state, "site_url": sandbox.wordpress.base_url, "user_login": USERNAME}
    bad = {
        "siar://evil.example/wordpress/authorized?state=x": "not one of its sign-in links",
        "siar://wordpress/elsewhere?" + urlencode({**good, "password": "p"}): "not one of its sign-in links",
        "siar://wordpress/authorized?" + urlencode({**good, "password": "p", "next": "x"}): "not one of",
        "siar://wordpress/authorized?" + urlencode(good): "not one of",  # no password
        "siar://wordpress/authorized?" + urlencode({**good, "password": "p", "state": "old"}): "no sign-in",
        "siar://wordpress/authorized?"
        + urlencode({**good, "password": "p", "site_url": "https://other.example"}): "another website",
        "siar://" + "x" * 5000: "not one of",
    }
    for link, message in bad.items():
        shown.clear()
        result = open_link(link)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        qtbot.waitUntil(lambda: bool(shown), timeout=10000)
        assert len(shown) == 1 and message in shown[0] and "Nothing was changed" in shown[0], link
        assert "p" not in re.findall(r"\bp\b", shown[0])  # the link is never echoed
    shown.clear()
    links.handle("https://evil.example/?state=" + waiter.state)  # only siar:// is a Siar link
    assert len(shown) == 1 and "not one of its sign-in links" in shown[0]
    assert not waiter.done.is_set()  # still waiting for the real answer
    app_links.deliver(
        waiter.url
        + "&"
        + urlencode({"site_url": sandbox.wordpress.base_url, "user_login": USERNAME, "password": "p"})
    )
    assert waiter.wait(1)["password"] == "p"


def test_without_a_running_siar_the_link_is_not_taken() -> None:
    assert not forward("siar://wordpress/authorized?state=x", name="siar-links-nobody-here")
