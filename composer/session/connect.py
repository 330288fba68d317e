"""Connecting an account, for the Accounts window and ``siar accounts add`` alike: the
platform's sign-in, then the account, its secrets and its health, ready to save.

Facebook takes two steps (the officer chooses one of the Pages they manage), so its
first step returns the Pages and :func:`facebook_page_accounts` finishes it."""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

import requests

from composer.accounts import facebook, tiktok, wordpress, x, youtube
from composer.accounts.facebook_device import DeviceCode
from composer.accounts.http import check_api_base
from composer.accounts.model import Account, Health
from composer.i18n import _

WORDPRESS_APP_UUID = "5b0e8e4e-7d39-4f55-9d1e-3c0c5a2f7b61"
"""Siar's ``app_id`` on the WordPress authorize page when the profile names none (a UUID, §14.4)."""


@dataclass(frozen=True)
class ConnectRequest:
    platform: str
    name: str
    api_base: str = ""
    ident: str = ""
    """Facebook: App ID; X: API Key (OAuth 1.0a) or Client ID (OAuth 2.0); YouTube: Client ID;
    TikTok: Client Key."""
    username: str = ""
    secrets: tuple[str, ...] = ()
    """In each platform's order: Facebook App Secret, short-lived token; X API Key Secret,
    Access Token, Access Token Secret (or the Client Secret for OAuth 2.0); YouTube Client
    Secret; WordPress Application Password; TikTok Client Secret and, instead of the browser
    sign-in, a refresh token."""
    kit: bool = False
    """No API access: a posting-kit account for ``platform``."""
    oauth2: bool = False
    testing: bool = False
    port: int = 0
    mode: str = tiktok.INBOX
    """TikTok: inbox (finished in the TikTok app) or direct to the profile (PLATFORMS.md §13)."""
    privacy: str = ""
    """TikTok direct: who may see the posts."""
    audited: bool = False
    """TikTok direct: the app has passed TikTok's audit (public posts allowed)."""
    photo_host: str = ""
    """TikTok: "wordpress" lets photo posts go (TikTok fetches them from a verified domain)."""
    sandbox: bool | None = None
    """None: an address on this computer means the sandbox."""
    open_browser: Callable[[str], object] = field(default=lambda url: webbrowser.open(url))
    """Looked up when called, not when this module loads, so a test's stand-in browser is used."""
    pictures: bool = False
    """Also fetch each account's picture (the window shows it)."""
    device: bool = False
    """Facebook Login for Devices (§14.2): *ident* is the App ID, ``secrets[0]`` the client
    token (an app identifier made to be embedded, not a secret)."""
    graph_version: str = ""
    on_code: Callable[[DeviceCode], object] | None = None
    """Device login: called (on the worker thread) with the code to show."""
    cancelled: Callable[[], bool] = lambda: False
    authorize: bool = False
    """WordPress: the Authorize Application flow (§14.4) instead of a typed password."""
    app_name: str = "Siar"
    app_uuid: str = ""
    app_link: bool = False
    """WordPress authorize: the answer comes back through ``siar://`` (accounts/app_links.py)."""

    def secret(self, index: int) -> str:
        return self.secrets[index] if index < len(self.secrets) else ""


@dataclass
class Connected:
    account: Account
    secrets: dict[str, str]
    health: Health
    picture: bytes = b""


@dataclass(frozen=True)
class FacebookPages:
    """The first Facebook step: the Pages the token manages."""

    base: str
    app_id: str
    pages: list[facebook.PageChoice] = field(default_factory=list)
    sandbox: bool = False
    pictures: bool = False


def kit_account(platform: str, name: str) -> Connected:
    account = Account(platform, name, "", "manual", display_name=name, handle=_("posting kit"))
    return Connected(account, {}, Health.from_expiry(0))


def resolve_base(request: ConnectRequest) -> str:
    """The platform's address; InsecureAddressError for plain http to another computer."""
    from composer import platforms

    # The real platform's address from its registry entry ("" for the office's own site).
    return check_api_base(request.api_base or platforms.get(request.platform).connector().api_base)


def connect(request: ConnectRequest, session: requests.Session) -> list[Connected] | FacebookPages:
    """Sign in with the platform (network; off the GUI thread). Raises ApiError with what
    the platform said, InsecureAddressError for an unsafe address."""
    if request.kit:
        return [kit_account(request.platform, request.name)]
    base = resolve_base(request)
    sandbox = base.startswith("http://127.0.0.1") if request.sandbox is None else request.sandbox
    name, ident = request.name, request.ident
    if request.platform == "facebook" and request.device:
        return _facebook_device(request, base, sandbox, session)
    if request.platform == "facebook":
        long_token, _expires = facebook.exchange_token(
            session, base, ident, request.secret(0), request.secret(1)
        )
        pages = facebook.list_pages(session, base, long_token)
        return FacebookPages(base, ident, pages, sandbox, request.pictures)
    if request.platform == "x" and request.oauth2:
        result = x.connect_oauth2(
            session,
            base,
            name,
            ident,
            request.secret(0),
            request.open_browser,
            port=request.port or x.REDIRECT_PORT,
            sandbox=sandbox,
            cancelled=request.cancelled,
        )
    elif request.platform == "x":
        values = {
            "api_secret": request.secret(0),
            "access_token": request.secret(1),
            "access_secret": request.secret(2),
        }
        result = x.connect_oauth1(session, base, name, ident, values, sandbox=sandbox)
    elif request.platform == "youtube":
        result = youtube.connect(
            session,
            base,
            name,
            ident,
            request.secret(0),
            request.open_browser,
            testing=request.testing,
            sandbox=sandbox,
            cancelled=request.cancelled,
        )
    elif request.platform == "wordpress" and request.authorize:
        from composer.accounts import wordpress_authorize

        result = wordpress_authorize.connect(
            session,
            base,
            name,
            request.app_name,
            request.app_uuid or WORDPRESS_APP_UUID,
            request.open_browser,
            cancelled=request.cancelled,
            sandbox=sandbox,
            app_link=request.app_link,
        )
    elif request.platform == "tiktok":
        result = tiktok.connect_either(
            session,
            base,
            name,
            ident,
            request.secret(0),
            request.secret(1),
            request.open_browser,
            mode=request.mode,
            privacy=request.privacy,
            audited=request.audited,
            photo_host=request.photo_host,
            port=request.port,
            sandbox=sandbox,
            cancelled=request.cancelled,
        )
    elif request.platform == "wordpress":
        result = wordpress.connect(session, base, name, request.username, request.secret(0), sandbox=sandbox)
    else:
        raise ValueError(f"no connection for platform {request.platform!r}")
    picture = picture_of(session, result[0].picture_url) if request.pictures else b""
    return [Connected(*result, picture=picture)]


def _facebook_device(
    request: ConnectRequest, base: str, sandbox: bool, session: requests.Session
) -> FacebookPages:
    from composer.accounts import facebook_device

    version = request.graph_version or facebook.GRAPH_VERSION
    app_id, client_token = request.ident, request.secret(0)
    device = facebook_device.start(session, base, version, app_id, client_token)
    if request.on_code is not None:
        request.on_code(device)
    # §14.2: ``…/device?user_code=…`` opens the page with the code filled in.
    request.open_browser(f"{device.verification_uri}?{urlencode({'user_code': device.user_code})}")
    user_token, _expires = facebook_device.wait(
        session, base, version, app_id, client_token, device, cancelled=request.cancelled
    )
    pages = facebook.list_pages(session, base, user_token)
    return FacebookPages(base, app_id, pages, sandbox, request.pictures)


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
