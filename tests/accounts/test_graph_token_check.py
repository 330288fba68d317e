"""Issue 10 item 1: Facebook and Instagram tokens are checked the documented way.

``debug_token`` takes an app token or an app developer's user token as its caller, never
the Page token (PLATFORMS.md §2.2); without the App Secret the check is a cheap read
with the Page token. Only the platform saying the token is invalid marks it revoked.
"""

from __future__ import annotations

from composer.accounts import facebook
from composer.accounts.http import new_session
from composer.accounts.model import OK, REVOKED, UNREACHABLE
from composer.accounts.registry import AccountRegistry
from composer.sandbox import Fault, Sandbox, graph
from tests.accounts.test_flows import connect_facebook


def test_connecting_a_page_never_asks_debug_token_with_the_page_token(
    sandbox: Sandbox, registry: AccountRegistry
) -> None:
    fb_id, ig_id = connect_facebook(sandbox, registry)  # fails on 190/467 when it does
    fb, ig = registry.get(fb_id), registry.get(ig_id)
    assert fb is not None and ig is not None
    assert fb.health.state == OK and fb.health.expires_at == 0


def test_a_working_account_stays_working_when_checked(sandbox: Sandbox, registry: AccountRegistry) -> None:
    fb_id, ig_id = connect_facebook(sandbox, registry)
    for account_id in (fb_id, ig_id):
        account = registry.get(account_id)
        assert account is not None
        checked = registry.check(account)
        assert checked.health.state == OK, checked.health
    # The check is a read with the Page token: /me, then the Page or Instagram account.
    assert sandbox.graph.requests_to(r"/me$", "GET") >= 2


def test_only_the_platform_saying_invalid_marks_revoked(sandbox: Sandbox, registry: AccountRegistry) -> None:
    fb_id, _ig_id = connect_facebook(sandbox, registry)
    fb = registry.get(fb_id)
    assert fb is not None
    # A hiccup (500, code 2) or an unrelated refusal (code 100) says nothing about the token.
    sandbox.graph.inject(
        Fault(r"/me$", "status", status=500, body={"error": {"message": "Service unavailable", "code": 2}})
    )
    assert registry.check(fb).health.state == UNREACHABLE
    sandbox.graph.inject(
        Fault(r"/me$", "status", status=400, body={"error": {"message": "(#100) Bad field", "code": 100}})
    )
    assert registry.check(fb).health.state != REVOKED
    sandbox.graph.revoke(registry.secrets(fb)["page_token"])  # code 190 / 460
    assert registry.check(fb).health.state == REVOKED


def test_with_the_app_secret_debug_token_is_asked_by_the_app_token(sandbox: Sandbox) -> None:
    session = new_session()
    base = sandbox.graph.base_url
    long_token, _expires = facebook.exchange_token(
        session, base, graph.APP_ID, graph.APP_SECRET, graph.SHORT_USER_TOKEN
    )
    page = facebook.list_pages(session, base, long_token)[0]
    expires, scopes = facebook.token_info(
        session, base, page.token, caller=f"{graph.APP_ID}|{graph.APP_SECRET}"
    )
    assert expires == 0 and "pages_manage_posts" in scopes
