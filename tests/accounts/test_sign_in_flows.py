"""The connection profile and the flows behind the one-button sign-ins (issue 14), against
the sandbox's wire formats: device login's answers, X's public PKCE client with rotating
refresh tokens, WordPress's Authorize Application page."""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path

import pytest
import requests

from composer.accounts import facebook_device
from composer.accounts import x as x_client
from composer.accounts.http import ApiError, new_session
from composer.accounts.profile import ProfileError, parse, read
from composer.sandbox import Sandbox, graph, graph_device, wordpress_authorize
from composer.sandbox import x as fake_x
from composer.session import Session
from composer.session.connect import connect
from composer.session.sign_in import button_request


def _profile(sandbox: Sandbox) -> str:
    return sandbox.profile_json()


# --- the profile -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            '{"siar_profile":1,"facebook":{"app_id":"1","client_token":"t","app_secret":"s"}}',
            "profile.secret",
        ),
        ('{"siar_profile":1,"x":{"client_id":"c","client_secret":"s"}}', "profile.secret"),
        ('{"siar_profile":1,"wordpress":{"app_name":"Siar","password":"hunter2"}}', "profile.secret"),
        ('{"siar_profile":1,"facebook":{"app_id":"1"}}', "profile.missing"),
        ('{"siar_profile":1,"facebook":{"app_id":"abc","client_token":"t"}}', "profile.bad_value"),
        (
            '{"siar_profile":1,"facebook":{"app_id":"1","client_token":"t","login":"web"}}',
            "profile.bad_value",
        ),
        (
            '{"siar_profile":1,"facebook":{"app_id":"1","client_token":"t","api_base":"http://g.example"}}',
            "profile.insecure_base",
        ),
        ('{"siar_profile":1,"wordpress":{"app_id":"not-a-uuid"}}', "profile.bad_value"),
        ('{"siar_profile":1,"myspace":{}}', "profile.unknown"),
        ('{"facebook":{"app_id":"1","client_token":"t"}}', "profile.not_profile"),
        ("{not json", "profile.not_json"),
        ('{"siar_profile":1}', "profile.empty"),
    ],
)
def test_a_bad_profile_is_refused_with_a_clear_message(text: str, code: str) -> None:
    with pytest.raises(ProfileError) as caught:
        parse(text)
    assert caught.value.code == code
    assert caught.value.describe() != code  # a sentence, not the code


def test_the_profile_carries_tiktoks_client_key_and_youtubes_desktop_client() -> None:
    profile = parse(
        '{"siar_profile":1,"name":"Ditjen","tiktok":{"client_key":"awx1"},'
        '"youtube":{"client_id":"1-a.apps.googleusercontent.com","client_secret":"GOCSPX-x"}}'
    )
    assert profile.get("tiktok") == {"client_key": "awx1"}
    assert parse(profile.to_json()) == profile


def test_importing_a_bad_profile_keeps_the_one_in_use(
    session: Session, sandbox: Sandbox, tmp_path: Path
) -> None:
    good = tmp_path / "siar-profile.json"
    good.write_text(_profile(sandbox))
    session.import_profile(good)
    bad = tmp_path / "bad.json"
    bad.write_text('{"siar_profile":1,"facebook":{"app_id":"1","client_token":"t","app_secret":"s"}}')
    with pytest.raises(ProfileError):
        session.import_profile(bad)
    profile = session.connection_profile()
    assert profile is not None and profile.get("facebook")["app_id"] == graph.APP_ID


def test_a_bundled_profile_is_used_until_one_is_imported(
    session: Session, sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from composer.session import sign_in

    assert session.connection_profile() is None
    bundled = tmp_path / "assets" / "profile" / "siar-profile.json"
    bundled.parent.mkdir(parents=True)
    bundled.write_text('{"siar_profile":1,"name":"Installer","x":{"client_id":"abc"}}')
    monkeypatch.setattr(sign_in, "bundled_profile_path", lambda: bundled)
    profile = session.connection_profile()
    assert profile is not None and profile.name == "Installer"
    imported = tmp_path / "office.json"
    imported.write_text(_profile(sandbox))
    session.import_profile(imported)
    assert session.connection_profile().name == "Sandbox"  # type: ignore[union-attr]


def test_the_build_bundles_a_checked_profile_where_siar_looks_for_it(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    from composer.accounts.profile import bundle_for_build
    from composer.session.sign_in import bundled_profile_path

    source = tmp_path / "siar-profile.json"
    source.write_text(_profile(sandbox))
    bundled = bundle_for_build(source, tmp_path / "build")
    # the spec adds the file under composer/assets/profile/, where the app looks
    assert bundled.parent.name == bundled_profile_path().parent.name == "profile"
    assert parse(bundled.read_text()) == parse(source.read_text())
    source.write_text('{"siar_profile":1,"facebook":{"app_id":"1","client_token":"t","app_secret":"s"}}')
    with pytest.raises(ProfileError):  # the build stops rather than ship a secret
        bundle_for_build(source, tmp_path / "build2")


def test_reading_a_huge_or_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError) as missing:
        read(tmp_path / "nope.json")
    assert missing.value.code == "profile.unreadable"
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * 70_000)
    with pytest.raises(ProfileError) as big:
        read(huge)
    assert big.value.code == "profile.too_big"


# --- Facebook Login for Devices (§14.2) ----------------------------------------------------------


def _start(sandbox: Sandbox) -> tuple[requests.Session, facebook_device.DeviceCode]:
    http = new_session()
    device = facebook_device.start(
        http, sandbox.graph.base_url, graph.VERSION, graph.APP_ID, graph_device.CLIENT_TOKEN
    )
    return http, device


def test_device_login_refuses_an_app_secret_as_the_app_token(sandbox: Sandbox) -> None:
    with pytest.raises(ApiError) as caught:
        facebook_device.start(
            new_session(), sandbox.graph.base_url, graph.VERSION, graph.APP_ID, graph.APP_SECRET
        )
    assert caught.value.kind == "auth"


@pytest.mark.parametrize("interval", [0, 3])
def test_device_login_polls_at_the_interval_the_server_returned(sandbox: Sandbox, interval: int) -> None:
    sandbox.graph.device_interval = interval
    _http, device = _start(sandbox)
    assert device.interval == interval  # 0 too: the default is for an answer without one


def test_device_login_waits_while_pending_and_slows_down_when_told(sandbox: Sandbox) -> None:
    sandbox.graph.device_interval = 1
    http, device = _start(sandbox)
    assert device.interval == 1 and len(device.user_code) == 8
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        if sum(slept) >= facebook_device.SLOW_DOWN_STEP and not any(
            g.decision for g in sandbox.graph.device_grants.values()
        ):
            graph_device.approve(sandbox.graph, device.user_code)
            time.sleep(1.05)  # the server's interval, in real time, before the next poll

    # Polling at once, faster than the server's interval: "slow down", then "pending".
    eager = dataclasses.replace(device, interval=0)
    token, expires_at = facebook_device.wait(
        http,
        sandbox.graph.base_url,
        graph.VERSION,
        graph.APP_ID,
        graph_device.CLIENT_TOKEN,
        eager,
        sleep=sleep,
    )
    assert sum(slept) >= facebook_device.SLOW_DOWN_STEP  # it waited longer after "too fast"
    assert sandbox.graph.tokens[token].kind == "user"
    assert expires_at > time.time() + 50 * 86400  # long-lived: the Page tokens do not expire


@pytest.mark.parametrize(
    ("decision", "code"), [("deny", "accounts.signin_denied"), ("expire", "accounts.device_expired")]
)
def test_device_login_stops_when_declined_or_expired(sandbox: Sandbox, decision: str, code: str) -> None:
    sandbox.graph.device_interval = 0
    if decision == "expire":
        sandbox.graph.device_expires_in = 0
    http, device = _start(sandbox)
    if decision == "deny":
        graph_device.approve(sandbox.graph, device.user_code, "deny")
    device = dataclasses.replace(device, expires_in=60)  # the server, not the client, says "expired"
    with pytest.raises(ApiError) as caught:
        facebook_device.wait(
            http, sandbox.graph.base_url, graph.VERSION, graph.APP_ID, graph_device.CLIENT_TOKEN, device,
            sleep=lambda _s: None,
        )  # fmt: skip
    assert caught.value.code == code


def test_device_login_can_be_cancelled(sandbox: Sandbox) -> None:
    http, device = _start(sandbox)
    with pytest.raises(ApiError) as caught:
        facebook_device.wait(
            http, sandbox.graph.base_url, graph.VERSION, graph.APP_ID, graph_device.CLIENT_TOKEN, device,
            cancelled=lambda: True,
        )  # fmt: skip
    assert caught.value.code == "accounts.signin_cancelled"


# --- X: public client, PKCE, rotating refresh (§14.5) ---------------------------------------------


def _browse(url: str) -> None:
    threading.Thread(target=lambda: requests.get(url, timeout=10), daemon=True).start()


def test_x_public_client_connects_without_a_secret_and_rotates_refresh_tokens(sandbox: Sandbox) -> None:
    profile = parse(_profile(sandbox))
    http = new_session()
    [result] = connect(button_request(profile, "x", open_browser=_browse), http)  # type: ignore[misc]
    assert result.account.settings["client_id"] == fake_x.NATIVE_CLIENT_ID
    assert not result.secrets["client_secret"]  # a public client has none
    saved: list[dict[str, str]] = []
    first = x_client.refresh(http, result.account, dict(result.secrets), saved.append)
    assert first["refresh_token"] != result.secrets["refresh_token"] and saved[-1] == first
    with pytest.raises(ApiError):  # the old refresh token died with the rotation
        x_client.refresh(http, result.account, dict(result.secrets), saved.append)


def test_x_refuses_a_public_client_that_sends_basic_auth(sandbox: Sandbox) -> None:
    answer = requests.post(
        f"{sandbox.x.base_url}/2/oauth2/token",
        data={"grant_type": "refresh_token", "refresh_token": "r", "client_id": fake_x.NATIVE_CLIENT_ID},
        auth=(fake_x.NATIVE_CLIENT_ID, "made-up"),
        timeout=5,
    )
    assert answer.status_code == 401 and answer.json()["error"] == "unauthorized_client"


# --- WordPress Authorize Application (§14.4) -------------------------------------------------------


def _wp(sandbox: Sandbox, decision: str) -> list[object]:
    profile = parse(_profile(sandbox))

    def browser(url: str) -> None:
        threading.Thread(target=lambda: wordpress_authorize.browser_click(url, decision), daemon=True).start()

    request = button_request(profile, "wordpress", open_browser=browser, site=sandbox.wordpress.base_url)
    return connect(request, new_session())  # type: ignore[return-value]


def test_wordpress_approve_brings_a_new_application_password_back(sandbox: Sandbox) -> None:
    [result] = _wp(sandbox, "approve")
    assert result.account.settings["username"] == "humas"  # type: ignore[attr-defined]
    assert result.secrets["app_password"] == sandbox.wordpress.users["humas"]  # type: ignore[attr-defined]
    assert sandbox.wordpress.app_passwords == [("Siar", "5b0e8e4e-7d39-4f55-9d1e-3c0c5a2f7b61")]


def test_wordpress_reject_is_a_plain_refusal(sandbox: Sandbox) -> None:
    with pytest.raises(ApiError) as caught:
        _wp(sandbox, "reject")
    assert caught.value.code == "accounts.consent_denied"
    assert not sandbox.wordpress.app_passwords


def test_wordpress_before_7_refuses_a_loopback_success_url(sandbox: Sandbox) -> None:
    sandbox.wordpress.loopback_redirects = False
    url = (
        f"{sandbox.wordpress.base_url}{wordpress_authorize.PATH}?app_name=Siar"
        "&app_id=5b0e8e4e-7d39-4f55-9d1e-3c0c5a2f7b61&success_url=http%3A%2F%2F127.0.0.1%3A9%2Fx"
    )
    page = requests.get(url, timeout=5)
    assert page.status_code == 400 and "invalid_redirect_scheme" in page.text
    bad_id = requests.get(url.replace("5b0e8e4e-7d39-4f55-9d1e-3c0c5a2f7b61", "siar"), timeout=5)
    assert "invalid_app_id" in bad_id.text


def test_wordpress_without_application_passwords_says_so(sandbox: Sandbox) -> None:
    sandbox.wordpress.app_passwords_enabled = False
    with pytest.raises(ApiError) as caught:
        _wp(sandbox, "approve")
    assert caught.value.code == "accounts.wp_no_authorize"


def test_a_profile_can_keep_facebook_on_the_manual_path() -> None:
    device = parse('{"siar_profile":1,"facebook":{"app_id":"1","client_token":"t"}}')
    manual = parse('{"siar_profile":1,"facebook":{"app_id":"1","client_token":"t","login":"manual"}}')
    assert device.offers("facebook") and not manual.offers("facebook") and not manual.offers("x")
    browser = parse(
        '{"siar_profile":1,"facebook":{"app_id":"1","login":"browser"}}'
    )  # no client token needed
    assert browser.offers("facebook") and browser.facebook_flow == "browser"
