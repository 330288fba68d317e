"""Every connection flow against the sandbox servers, as the officer would go through it."""

from __future__ import annotations

import socket
import time

import pytest
import requests

from composer.accounts import facebook, wordpress, x, youtube
from composer.accounts.http import ApiError, InsecureAddressError, check_api_base, new_session
from composer.accounts.model import EXPIRING, OK, PERMISSION, REVOKED, UNREACHABLE
from composer.accounts.registry import AccountRegistry
from composer.sandbox import Sandbox, graph
from composer.sandbox import google as fake_google
from composer.sandbox import wordpress as fake_wp
from composer.sandbox import x as fake_x
from tests.memory_keyring import MemoryKeyring


def browser(url: str) -> None:
    """The officer's browser: follow the consent redirect back to the loopback address."""
    requests.get(url, timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def connect_facebook(sandbox: Sandbox, registry: AccountRegistry) -> tuple[str, str]:
    session = new_session()
    base = sandbox.graph.base_url
    long_token, expires = facebook.exchange_token(
        session, base, graph.APP_ID, graph.APP_SECRET, graph.SHORT_USER_TOKEN
    )
    assert expires > time.time() + 50 * 86400
    pages = facebook.list_pages(session, base, long_token)
    assert next(p.name for p in pages).startswith("Kantor Imigrasi Contoh")
    page = pages[0]
    account, secrets, health = facebook.page_account(session, base, "Kanim — Facebook", page, graph.APP_ID)
    assert health.state == OK and health.expires_at == 0  # a Page token that never expires
    fb = registry.add(account, secrets, health)
    ig_choice = facebook.linked_instagram(session, base, page.id, page.token)
    assert ig_choice is not None and ig_choice.username == "kanim.contoh"
    ig_account, ig_secrets, ig_health = facebook.instagram_account(
        "Kanim — Instagram", base, page, ig_choice, health
    )
    ig = registry.add(ig_account, ig_secrets, ig_health)
    return fb.id, ig.id


def test_facebook_page_and_linked_instagram(
    sandbox: Sandbox, registry: AccountRegistry, memory_keyring: MemoryKeyring
) -> None:
    fb_id, ig_id = connect_facebook(sandbox, registry)
    fb, ig = registry.get(fb_id), registry.get(ig_id)
    assert fb is not None and ig is not None
    assert fb.display_name.startswith("Kantor Imigrasi Contoh") and fb.picture_url.endswith(".png")
    assert ig.handle == "@kanim.contoh" and ig.settings["image_host"] == facebook.IMAGE_HOST_PAGE
    # The token is in the keyring, and only a reference is in the workspace.
    assert ("Siar", f"{fb.id}/page_token") in memory_keyring.values
    assert registry.check(fb).health.state == OK
    assert registry.check(ig).health.state == OK
    # A revoked token (password changed) is reported as such, with the action to take.
    sandbox.graph.revoke(registry.secrets(fb)["page_token"])
    checked = registry.check(fb)
    assert checked.health.state == REVOKED and checked.health.detail == "api.auth_revoked"
    assert registry.get(fb.id).health.state == REVOKED  # type: ignore[union-attr]


def test_a_page_token_from_a_short_lived_user_token_is_flagged(
    sandbox: Sandbox, registry: AccountRegistry
) -> None:
    session = new_session()
    pages = facebook.list_pages(session, sandbox.graph.base_url, graph.SHORT_USER_TOKEN)
    _account, _secrets, health = facebook.page_account(
        session, sandbox.graph.base_url, "Kanim", pages[0], graph.APP_ID
    )
    assert health.state == EXPIRING and health.detail == "accounts.fb_short_lived"
    assert health.days_left() == 0


def test_wrong_app_secret_says_which_field(sandbox: Sandbox) -> None:
    with pytest.raises(ApiError) as caught:
        facebook.exchange_token(
            new_session(), sandbox.graph.base_url, graph.APP_ID, "wrong", graph.SHORT_USER_TOKEN
        )
    assert caught.value.code == "accounts.fb_app_wrong"
    assert "App Secret" in caught.value.describe()


def test_x_oauth1(sandbox: Sandbox, registry: AccountRegistry) -> None:
    secrets = {
        "api_secret": fake_x.CONSUMER_SECRET,
        "access_token": fake_x.ACCESS_TOKEN,
        "access_secret": fake_x.ACCESS_SECRET,
    }
    account, values, health = x.connect_oauth1(
        new_session(), sandbox.x.base_url, "Kanim — X", fake_x.CONSUMER_KEY, secrets
    )
    assert account.handle == "@kanimcontoh" and health.state == OK and health.expires_at == 0
    saved = registry.add(account, values, health)
    assert registry.check(saved).health.state == OK
    bad = {**secrets, "access_secret": "not-the-secret"}
    with pytest.raises(ApiError) as caught:
        x.connect_oauth1(new_session(), sandbox.x.base_url, "Other", fake_x.CONSUMER_KEY, bad)
    assert caught.value.kind == "auth"


def test_x_oauth2_pkce_and_rotating_refresh_tokens(
    sandbox: Sandbox, registry: AccountRegistry, memory_keyring: MemoryKeyring
) -> None:
    port = free_port()
    sandbox.x.redirect_port = port
    account, secrets, health = x.connect_oauth2(
        new_session(),
        sandbox.x.base_url,
        "Kanim — X",
        fake_x.CLIENT_ID,
        fake_x.CLIENT_SECRET,
        browser,
        port=port,
        timeout=10,
    )
    assert account.handle == "@kanimcontoh" and account.auth == "oauth2"
    saved = registry.add(account, secrets, health)
    first_refresh = secrets["refresh_token"]
    # Pretend the access token ran out: the next call refreshes, and the new pair is in the
    # keyring before the request that uses it is sent.
    registry.secret_store.set(saved.id, "access_expires_at", "0")
    assert registry.check(saved).health.state == OK
    rotated = registry.secrets(saved)["refresh_token"]
    assert rotated != first_refresh
    assert memory_keyring.values[("Siar", f"{saved.id}/refresh_token")] == rotated
    # The old refresh token is dead, and reusing it kills the family (as X does).
    with pytest.raises(ApiError):
        x.refresh(new_session(), saved, {**secrets, "refresh_token": first_refresh}, lambda _v: None)


def test_youtube_loopback_flow_and_testing_expiry(sandbox: Sandbox, registry: AccountRegistry) -> None:
    account, secrets, health = youtube.connect(
        new_session(),
        sandbox.google.base_url,
        "Kanim — YouTube",
        fake_google.CLIENT_ID,
        fake_google.CLIENT_SECRET,
        browser,
        timeout=10,
    )
    assert account.display_name.startswith("Kantor Imigrasi Contoh") and account.external_id.startswith("UC")
    assert health.state == OK and secrets["refresh_token"].startswith("1//")
    saved = registry.add(account, secrets, health)
    assert registry.check(saved).health.state == OK
    sandbox.google.revoke_all()
    revoked = registry.check(saved)
    assert revoked.health.state == REVOKED and revoked.health.detail == "api.auth_revoked"

    _testing, _secrets, testing_health = youtube.connect(
        new_session(),
        sandbox.google.base_url,
        "Uji",
        fake_google.CLIENT_ID,
        fake_google.CLIENT_SECRET,
        browser,
        testing=True,
        timeout=10,
    )
    assert testing_health.state == EXPIRING and testing_health.days_left() in (6, 7)
    assert "7 days" in __import__("composer.i18n", fromlist=["describe_code"]).describe_code(
        testing_health.detail, {}
    )


def test_youtube_wrong_client(sandbox: Sandbox) -> None:
    with pytest.raises(ApiError):
        youtube.connect(
            new_session(),
            sandbox.google.base_url,
            "Kanim",
            fake_google.CLIENT_ID,
            "wrong",
            browser,
            timeout=10,
        )


def test_wordpress_application_password(sandbox: Sandbox, registry: AccountRegistry) -> None:
    base = sandbox.wordpress.base_url
    account, secrets, health = wordpress.connect(
        new_session(), base, "Situs kantor", fake_wp.USERNAME, fake_wp.APP_PASSWORD
    )
    assert health.state == OK and account.display_name.startswith("Humas")
    saved = registry.add(account, secrets, health)
    assert registry.check(saved).health.state == OK
    with pytest.raises(ApiError) as caught:
        wordpress.connect(new_session(), base, "x", fake_wp.USERNAME, "wrong password 1234")
    assert caught.value.code == "accounts.wp_wrong_password"


def test_wordpress_without_publish_rights_is_flagged(sandbox: Sandbox, registry: AccountRegistry) -> None:
    original = sandbox.wordpress._me

    def contributor(request):  # type: ignore[no-untyped-def]
        response = original(request)
        response.body["capabilities"] = {"publish_posts": False, "upload_files": True}
        return response

    sandbox.wordpress.routes = [
        (m, p, contributor if h == original else h) for m, p, h in sandbox.wordpress.routes
    ]
    _account, _secrets, health = wordpress.connect(
        new_session(), sandbox.wordpress.base_url, "x", fake_wp.USERNAME, fake_wp.APP_PASSWORD
    )
    assert health.state == PERMISSION and health.detail == "accounts.wp_capabilities"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://imigrasi.go.id", True),
        ("http://127.0.0.1:8080", True),
        ("http://[::1]:9000/", True),
        ("http://localhost", True),
        ("http://imigrasi.go.id", False),
        ("ftp://imigrasi.go.id", False),
        ("imigrasi.go.id", False),
    ],
)
def test_plain_http_only_on_loopback(url: str, ok: bool) -> None:
    if ok:
        assert check_api_base(url) == url.rstrip("/")
    else:
        with pytest.raises(InsecureAddressError):
            check_api_base(url)


def test_offline_check_keeps_what_was_known(sandbox: Sandbox, registry: AccountRegistry) -> None:
    fb_id, _ig = connect_facebook(sandbox, registry)
    fb = registry.get(fb_id)
    assert fb is not None
    offline = fb.__class__(**{**fb.__dict__, "api_base": f"http://127.0.0.1:{free_port()}"})
    checked = registry.check(offline)
    assert checked.health.state == UNREACHABLE and checked.health.detail == "api.unreachable"
