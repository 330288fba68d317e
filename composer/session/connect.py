"""Connecting an account, for the Accounts window and ``siar accounts add`` alike: the
platform's sign-in (its connector's ``connect``, from ``composer.platforms``), then the
account, its secrets and its health, ready to save.

Facebook takes two steps (the officer chooses one of the Pages they manage), so its
first step returns the Pages and :func:`facebook_page_accounts` finishes it."""

from __future__ import annotations

import requests

from composer.accounts import facebook
from composer.accounts.connect_request import Connected, ConnectRequest, FacebookPages
from composer.accounts.http import check_api_base
from composer.accounts.model import Account, Health
from composer.accounts.wordpress_authorize import APP_UUID as WORDPRESS_APP_UUID
from composer.i18n import _

__all__ = ["WORDPRESS_APP_UUID", "ConnectRequest", "Connected", "FacebookPages", "connect"]


def kit_account(platform: str, name: str) -> Connected:
    account = Account(platform, name, "", "manual", display_name=name, handle=_("posting kit"))
    return Connected(account, {}, Health.from_expiry(0))


def resolve_base(request: ConnectRequest) -> str:
    """The platform's address; InsecureAddressError for plain http to another computer."""
    from composer import platforms

    # The real platform's address from its registry entry ("" for the office's own site).
    return check_api_base(request.api_base or platforms.get(request.platform).connector().api_base)


def connect(request: ConnectRequest, session: requests.Session) -> list[Connected] | FacebookPages:
    """Sign in with the platform (network; off the GUI thread) through its connector's
    ``connect``. Raises ApiError with what the platform said, InsecureAddressError for an
    unsafe address."""
    from composer import platforms

    if request.kit:
        return [kit_account(request.platform, request.name)]
    base = resolve_base(request)
    sandbox = base.startswith("http://127.0.0.1") if request.sandbox is None else request.sandbox
    flow = platforms.get(request.platform).connector().connect
    if flow is None:
        raise ValueError(f"no connection for platform {request.platform!r}")
    found = flow(request, session, base, sandbox)
    if isinstance(found, FacebookPages):
        return found
    picture = picture_of(session, found[0].picture_url) if request.pictures else b""
    return [Connected(*found, picture=picture)]


def facebook_from_pasted(
    request: ConnectRequest, pasted: str, state: str, session: requests.Session
) -> FacebookPages:
    """§14.3: the Pages of the token in the address the officer pasted from the browser."""
    from composer.accounts import facebook_browser

    base = resolve_base(request)
    sandbox = base.startswith("http://127.0.0.1") if request.sandbox is None else request.sandbox
    user_token, _expires = facebook_browser.token_from(pasted, base, state)
    pages = facebook.list_pages(session, base, user_token)
    return FacebookPages(base, request.ident, pages, sandbox, request.pictures)


def facebook_page_accounts(
    found: FacebookPages,
    page: facebook.PageChoice,
    name: str,
    instagram_name: str | None,
    session: requests.Session,
    image_host: str = facebook.IMAGE_HOST_PAGE,
) -> list[Connected]:
    """The Page's account and, when *instagram_name* is given and the Page has one, its
    linked Instagram professional account."""
    fb = facebook.page_account(session, found.base, name, page, found.app_id, sandbox=found.sandbox)
    results = [Connected(*fb, picture=picture_of(session, fb[0].picture_url) if found.pictures else b"")]
    if instagram_name is None:
        return results
    ig = facebook.linked_instagram(session, found.base, page.id, page.token)
    if ig is not None:
        ig_result = facebook.instagram_account(
            instagram_name, found.base, page, ig, fb[2], image_host=image_host, sandbox=found.sandbox
        )
        picture = picture_of(session, ig.picture_url) if found.pictures else b""
        results.append(Connected(*ig_result, picture=picture))
    return results


def picture_of(session: requests.Session, url: str) -> bytes:
    """The profile picture, best effort (the connection works without it)."""
    from composer.accounts.picture import fetch_picture

    return fetch_picture(session, url)
