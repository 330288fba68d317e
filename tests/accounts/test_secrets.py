"""Secrets live in the keyring and nowhere else — not in the workspace, logs or messages."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from keyring.errors import KeyringLocked, PasswordSetError

from composer import logs, paths, platforms
from composer.accounts import facebook, wordpress, x, youtube
from composer.accounts.http import ApiError, new_session
from composer.accounts.redact import redact
from composer.accounts.registry import AccountRegistry
from composer.accounts.secrets import BACKEND_FAILED, NO_BACKEND, SecretStore
from composer.i18n import describe_code
from composer.sandbox import Sandbox, graph
from composer.sandbox import google as fake_google
from composer.sandbox import wordpress as fake_wp
from composer.sandbox import x as fake_x
from composer.store.workspace import Workspace
from tests.accounts.test_flows import browser, connect_facebook, free_port
from tests.memory_keyring import MemoryKeyring


def every_flow(sandbox: Sandbox, registry: AccountRegistry) -> list[str]:
    """Connect one account of each kind, check them all; return every secret involved."""
    session = new_session()
    connect_facebook(sandbox, registry)
    x1 = {
        "api_secret": fake_x.CONSUMER_SECRET,
        "access_token": fake_x.ACCESS_TOKEN,
        "access_secret": fake_x.ACCESS_SECRET,
    }
    registry.add(*x.connect_oauth1(session, sandbox.x.base_url, "X 1", fake_x.CONSUMER_KEY, x1))
    port = free_port()
    sandbox.x.redirect_port = port
    x2 = registry.add(
        *x.connect_oauth2(
            session,
            sandbox.x.base_url,
            "X 2",
            fake_x.CLIENT_ID,
            fake_x.CLIENT_SECRET,
            browser,
            port=port,
            timeout=10,
        )
    )
    registry.secret_store.set(x2.id, "access_expires_at", "0")  # force a rotation too
    registry.add(
        *youtube.connect(
            session,
            sandbox.google.base_url,
            "YT",
            fake_google.CLIENT_ID,
            fake_google.CLIENT_SECRET,
            browser,
            timeout=10,
        )
    )
    registry.add(
        *wordpress.connect(session, sandbox.wordpress.base_url, "WP", fake_wp.USERNAME, fake_wp.APP_PASSWORD)
    )
    with pytest.raises(ApiError) as wrong:  # an error path too: its message must be clean
        facebook.exchange_token(
            session, sandbox.graph.base_url, graph.APP_ID, "wrong-secret-value", graph.SHORT_USER_TOKEN
        )
    logging.getLogger("test").error("connection failed: %s", wrong.value)
    for account in registry.check_all():
        logging.getLogger("test").info(
            "checked %s: %s %s", account.name, account.health.state, account.health.detail
        )
    found: list[str] = []
    for account in registry.list():
        found += registry.secrets(account).values()
    found += [
        graph.APP_SECRET,
        graph.SHORT_USER_TOKEN,
        fake_x.CLIENT_SECRET,
        fake_google.CLIENT_SECRET,
        fake_wp.APP_PASSWORD,
    ]
    found += list(sandbox.google.refresh) + list(sandbox.x.refresh_tokens) + list(sandbox.x.dead_refresh)
    return [s for s in set(found) if len(s) >= 8 and not s.replace(".", "").isdigit()]


@pytest.fixture
def app_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import sys

    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    logs.setup(logging.DEBUG)  # the most talkative the app can be, urllib3 included
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.mark.usefixtures("app_logging")
def test_no_secret_reaches_the_workspace_or_the_logs(sandbox: Sandbox, memory_keyring: MemoryKeyring) -> None:
    workspace = Workspace()
    try:
        registry = AccountRegistry(workspace.accounts, SecretStore(), connectors=platforms.connectors())
        secrets = every_flow(sandbox, registry)
        assert len(secrets) >= 10
        assert len(registry.list()) == 6
    finally:
        workspace.close()
        for handler in logging.getLogger().handlers:
            handler.flush()
    home = paths.data_dir().parent
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.name == "siar.log" for p in files) and any(p.name == "siar.db" for p in files)
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, f"a secret is in {path.relative_to(home)}"
    # And the keyring holds them: the workspace only refers to them.
    assert len(memory_keyring.values) >= 8


def test_error_messages_never_carry_tokens() -> None:
    from composer.accounts import redact as redact_module

    redact_module.register("EAAsecretTOKEN123")
    text = "GET https://graph.facebook.com/v26.0/me?access_token=EAAsecretTOKEN123&client_secret=abc failed"
    cleaned = redact(text)
    assert "EAAsecretTOKEN123" not in cleaned and "abc" not in cleaned
    assert redact("Authorization: Bearer ya29.abcdef") == "Authorization: Bearer •••"
    error = ApiError("auth", "api.auth_invalid", 400, "token EAAsecretTOKEN123 is bad")
    assert "EAAsecretTOKEN123" not in str(error) and "EAAsecretTOKEN123" not in error.describe()


def test_without_a_keyring_secrets_last_this_run_only(tmp_path: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    store = SecretStore()
    assert store.problem == NO_BACKEND and not store.persistent
    store.set("acc", "page_token", "EAAmemoryONLY999")
    assert store.get("acc", "page_token") == "EAAmemoryONLY999"
    message = describe_code(store.problem, {})
    assert "keyring" in message and "until it closes" in message and "Nothing is written to a file" in message
    assert SecretStore().get("acc", "page_token") is None  # a new run has nothing
    home = paths.data_dir().parent
    assert not any(b"EAAmemoryONLY999" in p.read_bytes() for p in home.rglob("*") if p.is_file())


class BrokenKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("Failed to unlock the collection!")

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("locked")


def test_a_keyring_error_is_said_plainly_and_the_secret_kept_in_memory() -> None:
    keyring.set_keyring(BrokenKeyring())
    store = SecretStore()
    assert store.problem == ""
    store.set("acc", "app_password", "abcd efgh ijkl")
    assert store.problem == BACKEND_FAILED and not store.persistent
    assert store.get("acc", "app_password") == "abcd efgh ijkl"
    assert "locked" in describe_code(store.problem, {})


def test_a_lost_secret_asks_to_reconnect(
    sandbox: Sandbox, registry: AccountRegistry, memory_keyring: MemoryKeyring
) -> None:
    session = new_session()
    account = registry.add(
        *wordpress.connect(session, sandbox.wordpress.base_url, "WP", fake_wp.USERNAME, fake_wp.APP_PASSWORD)
    )
    memory_keyring.values.clear()
    checked = registry.check(account)
    assert checked.health.state == "no_secret"
    assert "Reconnect" in describe_code(checked.health.detail, {"name": account.name})


def test_removing_an_account_removes_its_secrets(
    sandbox: Sandbox, registry: AccountRegistry, memory_keyring: MemoryKeyring
) -> None:
    account = registry.add(
        *wordpress.connect(
            new_session(), sandbox.wordpress.base_url, "WP", fake_wp.USERNAME, fake_wp.APP_PASSWORD
        )
    )
    assert memory_keyring.values
    registry.remove(account)
    assert memory_keyring.values == {} and registry.list() == []
