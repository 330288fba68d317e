"""Connecting a TikTok account: Login Kit for desktop against the fake, the manual token
path, the mode the account records, and ``siar accounts add tiktok``."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from composer import cli, platforms
from composer.accounts import tiktok
from composer.accounts.http import ApiError, new_session
from composer.accounts.model import Account
from composer.i18n import set_language
from composer.sandbox import Sandbox
from composer.sandbox import tiktok as fake
from tests.memory_keyring import MemoryKeyring

seen: list[str] = []


def browser(url: str) -> None:
    """The officer's browser: TikTok's consent page sends it back to the loopback address."""
    seen.append(url)
    requests.get(url, timeout=10)


def test_desktop_sign_in_records_the_mode_and_keeps_no_secret_outside_the_returned_secrets(
    sandbox: Sandbox,
) -> None:
    seen.clear()
    account, secrets, health = tiktok.connect(
        new_session(), sandbox.tiktok.base_url, "TT", fake.CLIENT_KEY, fake.CLIENT_SECRET, browser, timeout=10
    )
    query = parse_qs(urlsplit(seen[0]).query)
    assert query["scope"] == ["user.info.basic,video.list,video.upload"]  # inbox asks for no publish scope
    assert urlsplit(query["redirect_uri"][0]).path == "/callback/"
    assert len(query["code_challenge"][0]) == 43  # base64url of a SHA-256, the default encoding
    assert account.settings["mode"] == "inbox" and account.display_name == "Imigrasi Contoh (Sandbox)"
    assert set(secrets) == set(tiktok.SECRET_FIELDS) and health.state == "ok"
    assert fake.CLIENT_SECRET not in repr(account.to_dict())
    set_language("id")
    try:
        assert (
            tiktok.describe_mode(account) == "Diunggah ke kotak masuk TikTok — selesaikan di aplikasi TikTok"
        )
        assert platforms.posting_note(account) == tiktok.describe_mode(account)
    finally:
        set_language("en")


def test_direct_mode_asks_for_a_privacy_the_creator_offers(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tiktok, "CHALLENGE_ENCODING", "hex")  # §13 ❓: one setting to change
    with pytest.raises(ApiError) as refused:
        tiktok.connect(
            new_session(), sandbox.tiktok.base_url, "TT", fake.CLIENT_KEY, fake.CLIENT_SECRET, browser,
            mode="direct", privacy="FOLLOWER_OF_CREATOR", timeout=10, encoding="hex",
        )  # fmt: skip
    assert refused.value.code == "accounts.tiktok_privacy_choice"
    account, _secrets, _health = tiktok.connect(
        new_session(), sandbox.tiktok.base_url, "TT", fake.CLIENT_KEY, fake.CLIENT_SECRET, browser,
        mode="direct", privacy="SELF_ONLY", timeout=10, encoding="hex",
    )  # fmt: skip
    assert account.settings["mode"] == "direct" and account.handle == "@kanimcontoh"
    assert account.settings["privacy_options"] == sandbox.tiktok.creator["privacy_level_options"]
    assert tiktok.describe_mode(account) == "Posted directly to the TikTok profile"


def test_a_denied_sign_in_says_so(sandbox: Sandbox) -> None:
    sandbox.tiktok.deny_next = True
    with pytest.raises(ApiError) as denied:
        tiktok.connect(
            new_session(),
            sandbox.tiktok.base_url,
            "TT",
            fake.CLIENT_KEY,
            fake.CLIENT_SECRET,
            browser,
            timeout=10,
        )
    assert denied.value.code == "accounts.consent_denied"


def test_a_wrong_client_secret_is_named(sandbox: Sandbox) -> None:
    with pytest.raises(ApiError) as wrong:
        tiktok.connect(
            new_session(), sandbox.tiktok.base_url, "TT", fake.CLIENT_KEY, "nope", browser, timeout=10
        )
    assert wrong.value.code == "accounts.tiktok_client_wrong"


def test_the_manual_token_path_and_a_check_that_refreshes(sandbox: Sandbox) -> None:
    grant = sandbox.tiktok.issue()
    account, secrets, _health = tiktok.connect_token(
        new_session(), sandbox.tiktok.base_url, "TT", fake.CLIENT_KEY, fake.CLIENT_SECRET, grant.refresh
    )
    assert secrets["refresh_token"] != grant.refresh  # TikTok answered a new one: that is kept
    saved: list[dict[str, str]] = []
    secrets["access_expires_at"] = "0"  # the 24 h are over
    health = tiktok.check(new_session(), account, secrets, saved.append)
    assert health.state == "ok" and saved and saved[-1]["refresh_token"] in sandbox.tiktok.refresh_tokens


def _cli(monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    monkeypatch.setattr("webbrowser.open", browser)
    out = io.StringIO()
    return cli.main(["--lang", "en", "accounts", *args], out=out), out.getvalue()


def test_siar_accounts_add_tiktok(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    code, text = _cli(
        monkeypatch,
        "add", "tiktok", "--name", "TT", "--api-base", sandbox.tiktok.base_url, "--client-key", fake.CLIENT_KEY,
        "--secret-stdin",
        stdin=fake.CLIENT_SECRET + "\n",
    )  # fmt: skip
    assert code == 0 and "Connected “TT”" in text and "Uploaded to the TikTok inbox" in text
    grant = sandbox.tiktok.issue()
    code, text = _cli(
        monkeypatch,
        "add", "tiktok", "--name", "TT2", "--api-base", sandbox.tiktok.base_url, "--client-key", fake.CLIENT_KEY,
        "--token", "--mode", "direct", "--privacy", "SELF_ONLY", "--secret-stdin",
        stdin=f"{fake.CLIENT_SECRET}\n{grant.refresh}\n",
    )  # fmt: skip
    assert code == 0 and "Posted directly to the TikTok profile" in text
    stored = " ".join(memory_keyring.values.values())
    assert fake.CLIENT_SECRET in stored  # secrets in the keyring only
    from composer.store.workspace import Workspace

    workspace = Workspace()
    try:
        rows = [Account.from_dict(r) for r in workspace.accounts.all()]
    finally:
        workspace.close()
    assert {a.name: a.settings["mode"] for a in rows} == {"TT": "inbox", "TT2": "direct"}
    assert all(fake.CLIENT_SECRET not in repr(a.to_dict()) for a in rows)
