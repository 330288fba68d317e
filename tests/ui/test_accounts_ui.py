"""The Accounts panel and a guided connection, against the sandbox."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from composer.sandbox import Sandbox, graph
from composer.sandbox import wordpress as fake_wp
from composer.session import Session
from composer.ui.accounts_dialog import AccountsDialog
from composer.ui.connect_dialog import ConnectDialog
from composer.ui.tasks import TaskRunner
from tests.memory_keyring import MemoryKeyring


@pytest.fixture
def panel(qtbot: QtBot, session: Session, memory_keyring: MemoryKeyring) -> AccountsDialog:
    dialog = AccountsDialog(session, TaskRunner(session))
    qtbot.addWidget(dialog)
    return dialog


def test_connecting_wordpress_shows_the_user_and_stores_the_account(
    qtbot: QtBot, panel: AccountsDialog, sandbox: Sandbox
) -> None:
    dialog = ConnectDialog(panel.session, panel.runner, panel, platform="wordpress")
    qtbot.addWidget(dialog)
    dialog.name.setText("Situs kantor")
    dialog.api_base.setText(sandbox.wordpress.base_url)
    dialog.username.setText(fake_wp.USERNAME)
    dialog.secret1.setText(fake_wp.APP_PASSWORD)
    assert dialog.secret1.echoMode() == QLineEdit.EchoMode.Password  # not shown after entry
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=5000)
    assert "Humas Kanim" in dialog.result_label.text()
    assert not dialog.picture.pixmap().isNull()  # the account's picture
    dialog.sig_connected.connect(panel._store)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert panel.tree.topLevelItemCount() == 1
    row = panel.tree.topLevelItem(0)
    assert row is not None and row.text(0).startswith("Situs kantor") and row.text(3) == "Working"
    assert row.text(1) == "Website"  # the name the previews and the Post to all dialog use


def test_a_wrong_password_is_said_plainly(qtbot: QtBot, panel: AccountsDialog, sandbox: Sandbox) -> None:
    dialog = ConnectDialog(panel.session, panel.runner, panel, platform="wordpress")
    qtbot.addWidget(dialog)
    dialog.name.setText("Situs")
    dialog.api_base.setText(sandbox.wordpress.base_url)
    dialog.username.setText(fake_wp.USERNAME)
    dialog.secret1.setText("salah salah salah")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "⛔" in dialog.result_label.text(), timeout=5000)
    assert "Application Password is wrong" in dialog.result_label.text()
    assert not dialog.save_button.isEnabled()
    dialog.api_base.setText("http://situs.example")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "not secure" in dialog.result_label.text()


def test_facebook_lists_pages_and_offers_the_linked_instagram(
    qtbot: QtBot, panel: AccountsDialog, sandbox: Sandbox
) -> None:
    dialog = ConnectDialog(panel.session, panel.runner, panel, platform="facebook")
    qtbot.addWidget(dialog)
    dialog.name.setText("Kanim — Facebook")
    dialog.api_base.setText(sandbox.graph.base_url)
    dialog.id_field.setText(graph.APP_ID)
    dialog.secret1.setText(graph.APP_SECRET)
    dialog.secret2.setText(graph.SHORT_USER_TOKEN)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=5000)
    assert dialog.page_choice.count() == 2
    assert not dialog.ig_box.isHidden() and "@kanim.contoh" in dialog.ig_box.text()
    chosen = dialog.chosen()
    assert [c.account.platform for c in chosen] == ["facebook", "instagram"]
    panel._store(chosen)
    assert panel.tree.topLevelItemCount() == 2
    # The page token is revoked on Facebook's side: "Check now" shows it, with what to do.
    fb = next(a for a in panel.session.accounts() if a.platform == "facebook")
    sandbox.graph.revoke(panel.session.registry.secrets(fb)["page_token"])
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(panel.tree.topLevelItem(i).text(3) == "Revoked" for i in range(2)), timeout=5000
    )  # type: ignore[union-attr]
    assert "Reconnect" in panel.tree.topLevelItem(0).text(5)  # type: ignore[union-attr]


def test_no_keyring_banner(qtbot: QtBot, session: Session) -> None:
    dialog = AccountsDialog(session, TaskRunner(session))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.banner.isVisible() and "no password store" in dialog.banner.text()


def test_connecting_tiktok_says_plainly_that_posts_go_to_the_inbox(
    qtbot: QtBot, panel: AccountsDialog, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    import requests

    from composer.i18n import set_language
    from composer.sandbox import tiktok as fake_tiktok

    # The officer's browser: TikTok's consent page sends it back to Siar on 127.0.0.1.
    monkeypatch.setattr("webbrowser.open", lambda url: requests.get(url, timeout=10))
    set_language("id")
    try:
        dialog = ConnectDialog(panel.session, panel.runner, panel, platform="tiktok")
        qtbot.addWidget(dialog)
        assert dialog.check_button.text() == "Masuk lewat peramban"
        assert not dialog.tiktok_privacy.isVisibleTo(dialog)  # inbox: the creator chooses in the app
        dialog.name.setText("Kanim — TikTok")
        dialog.api_base.setText(sandbox.tiktok.base_url)
        dialog.id_field.setText(fake_tiktok.CLIENT_KEY)
        dialog.secret1.setText(fake_tiktok.CLIENT_SECRET)
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10000)
        inbox = "Diunggah ke kotak masuk TikTok — selesaikan di aplikasi TikTok"
        assert inbox in dialog.result_label.text()
        dialog.sig_connected.connect(panel._store)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        row = panel.tree.topLevelItem(0)
        assert row is not None and row.text(1) == "TikTok" and inbox in row.text(2)
    finally:
        set_language("en")


@pytest.mark.parametrize("how", ["stop", "close"])
def test_a_tiktok_sign_in_can_be_stopped_and_says_so(
    qtbot: QtBot, panel: AccountsDialog, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    from composer.sandbox import tiktok as fake_tiktok

    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", opened.append)  # the officer never signs in
    dialog = ConnectDialog(panel.session, panel.runner, panel, platform="tiktok")
    qtbot.addWidget(dialog)
    dialog.name.setText("Kanim — TikTok")
    dialog.api_base.setText(sandbox.tiktok.base_url)
    dialog.id_field.setText(fake_tiktok.CLIENT_KEY)
    dialog.secret1.setText(fake_tiktok.CLIENT_SECRET)
    dialog.show()
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    assert dialog.stop_button.isVisible()
    if how == "stop":
        qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
        # stopped at once (otherwise it waits five minutes for the browser), and said so
        qtbot.waitUntil(lambda: "⛔" in dialog.result_label.text(), timeout=5000)
        assert "Sign-in was cancelled" in dialog.result_label.text()
        assert not dialog.stop_button.isVisible() and not dialog.save_button.isEnabled()
    else:
        dialog.reject()
    qtbot.waitUntil(lambda: not panel.session.executor.busy, timeout=5000)
    assert panel.session.accounts() == []
