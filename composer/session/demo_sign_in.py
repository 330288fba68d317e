"""``make run``: the demo's accounts connected through the same one-button flows an
officer uses (issue 14), headless. The demo's "browser" makes the click on the
sandbox's pages: it enters the Facebook code at /device, follows X's, Google's and
TikTok's consent redirects, and presses Approve on WordPress's authorize page.

Like the other sandbox accounts, what the flows return is kept in memory for this run
(never in the keyring, which holds only real secrets)."""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import requests

from composer import platforms
from composer.accounts.http import ApiError
from composer.accounts.model import Account, Health
from composer.accounts.profile import parse
from composer.session import profile_secrets
from composer.session.sign_in import BUTTON_PLATFORMS, PROFILE_KEY, button_request, named

if TYPE_CHECKING:
    from composer.sandbox import Sandbox
    from composer.session.connect import Connected
    from composer.session.session import Session

log = logging.getLogger(__name__)

DEMO_PAGE = "1090000001"


def demo_browser(sandbox: Sandbox) -> object:
    """Opens a sandbox page and clicks what the officer would click, on its own thread."""
    from composer.sandbox import graph_device, wordpress_authorize

    def click(url: str) -> None:
        parts = urlsplit(url)
        if url.startswith(sandbox.graph.base_url) and parts.path == "/device":
            time.sleep(0.2)  # the officer reads the code and types it
            graph_device.approve(sandbox.graph, parse_qs(parts.query)["user_code"][0])
        elif url.startswith(sandbox.wordpress.base_url):
            wordpress_authorize.browser_click(url)
        else:
            requests.get(url, timeout=10)  # X and Google consent, then back to Siar

    return lambda url: threading.Thread(target=click, args=(url,), name="demo-browser", daemon=True).start()


def sign_in_demo_accounts(session: Session, sandbox: Sandbox) -> list[Account]:
    """The demo accounts through the buttons' flows (TikTok too); ApiError if a flow fails."""
    profile = parse(sandbox.profile_json())
    session.workspace.settings.put(PROFILE_KEY, profile.to_json())  # the demo's buttons work too
    profile_secrets.keep(session.registry.secret_store, profile, this_run_only=True)  # TikTok's button
    sandbox.graph.device_interval = 1  # the sandbox's answer; a real one says 5
    browser = demo_browser(sandbox)
    results: list[Connected] = []
    for platform in BUTTON_PLATFORMS:
        request = button_request(
            profile,
            platform,
            open_browser=browser,  # type: ignore[arg-type]
            site=sandbox.wordpress.base_url if platforms.get(platform).connection.asks_site else "",
        )
        found = session.connect_account(request)
        if isinstance(found, list):
            results += found
            continue
        page = next(p for p in found.pages if p.id == DEMO_PAGE)
        results += session.connect_facebook_page(found, page, "", "")
    return _keep_for_this_run(session, named(results))


def _keep_for_this_run(session: Session, results: list[Connected]) -> list[Account]:
    registry = session.registry
    existing = {a.name: a for a in registry.list()}
    kept = []
    for result in results:
        name = platforms.get(result.account.platform).connection.demo_name  # as connect_sandbox names it
        old = existing.get(name)
        if old is not None and not old.sandbox:
            continue  # the officer reused the name for a real account: leave it alone
        settings = result.account.settings
        if "photo_host" in settings:  # TikTok's: the demo site is its verified photo host
            settings = {**settings, "photo_host": "wordpress"}
        account = dataclasses.replace(
            result.account,
            settings=settings,
            id=old.id if old else result.account.id,
            name=name,
            sandbox=True,
            secret_fields=tuple(result.secrets),
            health=Health("ok", time.time(), result.health.expires_at, ""),
        )
        for field, value in result.secrets.items():
            registry.secret_store.remember_for_session(account.id, field, value)
        registry.update(account)
        kept.append(account)
    return kept


def start(session: Session, sandbox: Sandbox) -> list[Account]:
    """The demo's accounts through the flows; the direct set-up if a flow fails."""
    from composer.demo import connect_sandbox

    try:
        return sign_in_demo_accounts(session, sandbox)
    except (ApiError, StopIteration, KeyError) as exc:
        log.warning("demo sign-in through the buttons failed (%s); connecting directly", type(exc).__name__)
        return connect_sandbox(session.registry, sandbox)
