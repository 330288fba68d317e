"""TikTok's button (issue 14): with IT's profile carrying the accepted client secret, the
officer presses "Sign in with TikTok", approves in the browser, and nothing is typed; the
secret sits in the keyring only (PLATFORMS.md §13)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
import requests
from pytestqt.qtbot import QtBot

from composer.sandbox import Sandbox
from composer.sandbox import tiktok as fake_tiktok
from composer.ui.accounts_dialog import AccountsDialog
from tests.memory_keyring import MemoryKeyring
from tests.ui.test_sign_in_buttons import connected, panel, press, use_browser, with_profile

__all__ = ["panel", "with_profile"]  # the fixtures, shared with the other buttons' tests


def test_tiktok_connects_with_one_button_and_its_secret_stays_in_the_keyring(
    qtbot: QtBot,
    with_profile: AccountsDialog,
    sandbox: Sandbox,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    opened = use_browser(monkeypatch, lambda url: requests.get(url, timeout=10))  # approve
    dialog = press(qtbot, with_profile, "tiktok")
    qtbot.waitUntil(lambda: connected(dialog), timeout=10000)
    assert opened[0].startswith(f"{sandbox.tiktok.base_url}/v2/auth/authorize/?client_key=")
    assert "Imigrasi Contoh (Sandbox)" in dialog.status.text()
    assert "TikTok inbox" in dialog.status.text()  # how its posts arrive, said at once
    [account] = with_profile.session.accounts()
    assert account.platform == "tiktok" and account.settings["connected_with"] == "profile"
    assert sandbox.tiktok.grants  # a real token exchange, with the client secret, took place
    dialog.accept()
    with_profile.session.close()
    stored = [f for f in Path(os.environ["SIAR_HOME"]).rglob("*") if f.is_file()]
    seen = "\n".join(f.read_bytes().decode("latin-1") for f in stored) + caplog.text
    assert "connection_profile" in seen and fake_tiktok.CLIENT_SECRET not in seen
    keyring_names = {
        name
        for (_service, name), value in memory_keyring.values.items()
        if value == fake_tiktok.CLIENT_SECRET
    }
    assert keyring_names == {
        f"profile-tiktok-{fake_tiktok.CLIENT_KEY}/client_secret",  # from the import
        f"{account.id}/client_secret",  # the account's own, for its refreshes
    }


def test_without_the_secret_in_the_keyring_there_is_no_tiktok_button(
    with_profile: AccountsDialog, memory_keyring: MemoryKeyring
) -> None:
    assert with_profile.sign_in_buttons["tiktok"].isVisibleTo(with_profile)
    memory_keyring.values.clear()  # e.g. the keyring was reset: the manual path remains
    with_profile.refresh()
    assert not with_profile.sign_in_buttons["tiktok"].isVisibleTo(with_profile)
    assert with_profile.sign_in_buttons["x"].isVisibleTo(with_profile)


def test_closing_the_tiktok_sign_in_while_the_browser_is_open_changes_nothing(
    qtbot: QtBot, with_profile: AccountsDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = use_browser(monkeypatch, lambda _url: None)  # the officer closes the browser tab
    dialog = press(qtbot, with_profile, "tiktok")
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    dialog.reject()
    # the sign-in stops at once (it would otherwise wait minutes for the browser)
    qtbot.waitUntil(lambda: not with_profile.session.executor.busy, timeout=5000)
    assert with_profile.session.accounts() == []
