"""Facebook's manual login flow for desktop apps (shared/PLATFORMS.md §14.3), for apps
where device login does not grant the Page permissions: the officer signs in in the
browser, Facebook lands on ``https://www.facebook.com/connect/login_success.html`` with
the token in the URL **fragment**, and the officer pastes that address into Siar (Siar
ships no embedded web view to read it). Only the App ID is used; no secret
[developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow].

- ``https://www.facebook.com/vNN/dialog/oauth?client_id&redirect_uri&response_type=token
  &scope&state``; success: ``#access_token=…&expires_in=…&state=…``; refusal:
  ``?error=access_denied&error_reason=user_denied…``.
- A token from this flow may be short-lived; a Page token derived from it then expires
  with it (§2.2) — the Accounts list shows the date and the check says so.
"""

from __future__ import annotations

import secrets
import time
from urllib.parse import parse_qs, urlencode, urlsplit

from composer.accounts.facebook import GRAPH_BASE
from composer.accounts.facebook_device import SCOPES
from composer.accounts.http import ApiError
from composer.accounts.redact import register

WWW = "https://www.facebook.com"


def _host(base: str) -> str:
    """The dialog's host: www.facebook.com for the real Graph API, else the test server."""
    return WWW if base.rstrip("/") == GRAPH_BASE else base.rstrip("/")


def redirect_uri(base: str) -> str:
    return f"{_host(base)}/connect/login_success.html"


def dialog_url(base: str, version: str, app_id: str) -> tuple[str, str]:
    """The address to open and the ``state`` the pasted answer must carry."""
    state = secrets.token_urlsafe(16)
    query = {
        "client_id": app_id,
        "redirect_uri": redirect_uri(base),
        "response_type": "token",
        "scope": ",".join(SCOPES),
        "state": state,
    }
    return f"{_host(base)}/{version}/dialog/oauth?{urlencode(query)}", state


def token_from(pasted: str, base: str, state: str) -> tuple[str, float]:
    """The user token (and its expiry) in the address the officer pasted."""
    parts = urlsplit(pasted.strip())
    fields = {k: v[-1] for k, v in parse_qs(parts.fragment or "").items()}
    query = {k: v[-1] for k, v in parse_qs(parts.query or "").items()}
    if not pasted.strip().startswith(redirect_uri(base)):
        raise ApiError("invalid", "accounts.fb_paste_address")
    if query.get("error") or fields.get("error"):
        raise ApiError("auth", "accounts.signin_denied")
    if not secrets.compare_digest(fields.get("state", "").encode(), state.encode()):
        raise ApiError("invalid", "accounts.fb_paste_address")  # not the sign-in Siar started
    token = fields.get("access_token", "")
    if not token:
        raise ApiError("invalid", "accounts.fb_paste_address")
    register(token)
    expires_in = float(fields.get("expires_in") or 0)
    return token, time.time() + expires_in if expires_in else 0.0
