"""What connecting an account asks and returns, for the Accounts window, the sign-in
buttons and ``siar accounts add`` alike (``session/connect.py`` runs it).

Each platform's connector (``Connector.connect``, declared in ``composer.platforms``)
turns a ``ConnectRequest`` into the account, its secrets and its health; Facebook's
first step returns the Pages to choose from instead (``FacebookPages``).
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field

import requests

from composer.accounts.facebook import PageChoice
from composer.accounts.facebook_device import DeviceCode
from composer.accounts.model import Account, Health

Signed = tuple[Account, dict[str, str], Health]
"""A platform's sign-in: the account, its secrets, its health."""


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
    mode: str = "inbox"  # tiktok.INBOX (not imported: tiktok's sign-in imports this module)
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
    pages: list[PageChoice] = field(default_factory=list)
    sandbox: bool = False
    pictures: bool = False


ConnectFlow = Callable[[ConnectRequest, requests.Session, str, bool], Signed | FacebookPages]
"""A platform's sign-in: (request, HTTP session, the platform's address, sandbox) →
the account, or the Pages to choose from. Network; off the GUI thread."""
