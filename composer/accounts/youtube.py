"""YouTube channels: Google's installed-app OAuth flow with PKCE and a loopback redirect,
and Google's error envelope.

Sources (shared/PLATFORMS.md §4.1, §4.6):
- consent at https://accounts.google.com/o/oauth2/v2/auth, tokens at
  https://oauth2.googleapis.com/token, redirect to http://127.0.0.1:<any free port>
  [developers.google.com/identity/protocols/oauth2/native-app].
- refresh tokens do not rotate; a revoked or expired one answers
  ``400 {"error":"invalid_grant"}``. While the consent screen is in "Testing" they
  expire after 7 days.
- scopes: youtube.upload (videos.insert, thumbnails.set), youtube.readonly (listing) and
  yt-analytics.readonly (watch time, §12.1). Google's consent screen lets the officer
  untick a scope; the token answer's ``scope`` says what was granted.
- ``channels.list?part=snippet&mine=true`` names the channel.
- errors: ``{"error":{"code","message","errors":[{"domain","reason"}]}}``; quotaExceeded
  (403), rateLimitExceeded (429, the 2026 upload bucket), authError (401).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import requests

from composer.accounts.http import ApiError, json_of, request
from composer.accounts.model import Account, Health
from composer.accounts.oauth import authorize
from composer.accounts.redact import register

if TYPE_CHECKING:
    from composer.accounts.connect_request import ConnectRequest
    from composer.accounts.profile import ConnectionProfile

API_BASE = "https://www.googleapis.com"
AUTH_URL = "https://accounts.google.com/o/oauth2/v2/auth"
TOKEN_URL = "https://oauth2.googleapis.com/token"
ANALYTICS_SCOPE = "https://www.googleapis.com/auth/yt-analytics.readonly"
# youtube.force-ssl: comments (the first comment, the inbox) need it; upload is not enough
# [developers.google.com/youtube/v3/docs/commentThreads/insert, Authorization].
# yt-analytics.readonly: watch time for the monthly report (insights/youtube.py).
SCOPES = (
    "https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly"
    " https://www.googleapis.com/auth/youtube.force-ssl " + ANALYTICS_SCOPE
)
TESTING_DAYS = 7
SECRET_FIELDS = ("client_secret", "refresh_token")


def endpoints(base: str) -> tuple[str, str]:
    """(consent URL, token URL): Google's own hosts, or the test server's paths."""
    base = base.rstrip("/")
    if base == API_BASE:
        return AUTH_URL, TOKEN_URL
    return f"{base}/o/oauth2/v2/auth", f"{base}/token"


def interpret(response: requests.Response) -> ApiError:
    body = json_of(response)
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, str):  # the token endpoint's shape
        return ApiError(
            "auth",
            "api.auth_revoked" if error == "invalid_grant" else "api.auth_invalid",
            response.status_code,
            str(body.get("error_description", error)),
        )
    error = error or {}
    reasons = [str(e.get("reason", "")) for e in error.get("errors", []) if isinstance(e, dict)]
    message = str(error.get("message") or response.reason)
    status = response.status_code
    if status == 401 or "authError" in reasons:
        # An access token that ran out (§4.6: refresh and go on); callers refresh once
        # before they get here. Only the token endpoint's invalid_grant (above) means
        # reconnect, so this is Google's trouble: try again later.
        return ApiError("server", "api.server", status, message, retry_after=60)
    daily = "per day" in message.lower()  # the 2026 bucket's 429 names its daily limit (§4.6)
    if "quotaExceeded" in reasons or (daily and "rateLimitExceeded" in reasons):
        wait = until_quota_reset()
        return ApiError(
            "quota", "api.yt_quota", status, message, retry_after=wait, params={"reset": time.time() + wait}
        )
    if "uploadLimitExceeded" in reasons:
        wait = until_quota_reset()
        return ApiError(
            "quota",
            "api.yt_upload_limit",
            status,
            message,
            retry_after=wait,
            params={"reset": time.time() + wait},
        )
    if status == 429 or "rateLimitExceeded" in reasons or "uploadRateLimitExceeded" in reasons:
        # Too many requests in a short time, not the day's quota: back off and retry.
        return ApiError("rate_limit", "api.yt_rate_limited", status, message)
    if status == 403:
        return ApiError("permission", "api.permission", status, message)
    if status >= 500:
        return ApiError("server", "api.server", status, message, retry_after=30)
    if status == 404:
        return ApiError("invalid", "api.not_found", status, message)
    return ApiError("invalid", "api.rejected", status, message, params={"reason": ",".join(reasons)})


def until_quota_reset(now: float | None = None) -> float:
    """Seconds until YouTube's daily quota resets: midnight Pacific time (§4.5)."""
    now = time.time() if now is None else now
    try:
        from datetime import datetime, timedelta
        from zoneinfo import ZoneInfo

        pacific = datetime.fromtimestamp(now, ZoneInfo("America/Los_Angeles"))
        midnight = (pacific + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        return max(60.0, midnight.timestamp() - now)
    except (ImportError, KeyError, ValueError, OSError):
        # No time-zone data (Windows without tzdata): the later of PST/PDT, 08:00 UTC.
        return max(60.0, (8 * 3600 - now) % 86400 or 86400)


def access_token(session: requests.Session, account: Account, secrets: dict[str, str]) -> str:
    """A fresh access token (about an hour); Google's refresh tokens do not rotate."""
    return access_grant(session, account, secrets)[0]


def access_grant(
    session: requests.Session, account: Account, secrets: dict[str, str]
) -> tuple[str, frozenset[str]]:
    """A fresh access token and the scopes the account granted (the answer's ``scope``)."""
    _auth, token_url = endpoints(account.api_base)
    form = {
        "grant_type": "refresh_token",
        "refresh_token": secrets["refresh_token"],
        "client_id": account.settings["client_id"],
        "client_secret": secrets.get("client_secret", ""),
    }
    answer = request(session, "POST", token_url, data=form)
    if answer.status_code != 200:
        raise interpret(answer)
    body = json_of(answer) or {}
    token = str(body["access_token"])
    register(token)
    return token, frozenset(str(body.get("scope", "")).split())


def channel(session: requests.Session, base: str, token: str) -> dict[str, Any]:
    answer = request(
        session,
        "GET",
        f"{base.rstrip('/')}/youtube/v3/channels",
        params={"part": "snippet,contentDetails", "mine": "true"},
        headers={"Authorization": f"Bearer {token}"},
    )
    if answer.status_code != 200:
        raise interpret(answer)
    items = (json_of(answer) or {}).get("items") or []
    if not items:
        raise ApiError("permission", "accounts.yt_no_channel", answer.status_code)
    return dict(items[0])


def _health(account: Account) -> Health:
    if account.settings.get("testing"):
        return Health.from_expiry(
            float(account.settings.get("connected_at", 0)) + TESTING_DAYS * 86400,
            detail="accounts.yt_testing",
        )
    return Health.from_expiry(0)


def connect(
    session: requests.Session,
    base: str,
    name: str,
    client_id: str,
    client_secret: str,
    open_browser: Callable[[str], object],
    *,
    testing: bool = False,
    timeout: float = 300.0,
    sandbox: bool = False,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[Account, dict[str, str], Health]:
    register(client_secret)
    auth_url, token_url = endpoints(base)
    # Google accepts any loopback port; offline + consent make sure a refresh token comes.
    grant = authorize(
        auth_url,
        client_id,
        SCOPES,
        open_browser,
        timeout=timeout,
        extra={"access_type": "offline", "prompt": "consent"},
        cancelled=cancelled,
    )
    form = {**grant.token_form(), "client_id": client_id, "client_secret": client_secret}
    answer = request(session, "POST", token_url, data=form)
    if answer.status_code != 200:
        raise interpret(answer)
    body = json_of(answer) or {}
    register(str(body.get("access_token", "")), str(body.get("refresh_token", "")))
    if not body.get("refresh_token"):
        raise ApiError("auth", "accounts.yt_no_refresh")
    info = channel(session, base, str(body["access_token"]))
    snippet = info.get("snippet") or {}
    account = Account(
        "youtube",
        name,
        base,
        "google",
        display_name=str(snippet.get("title", "")),
        handle=str(info.get("id", "")),
        external_id=str(info.get("id", "")),
        picture_url=str(((snippet.get("thumbnails") or {}).get("default") or {}).get("url", "")),
        settings={
            "client_id": client_id,
            "testing": testing,
            "connected_at": time.time(),
            "uploads_playlist": str(
                ((info.get("contentDetails") or {}).get("relatedPlaylists") or {}).get("uploads", "")
            ),
        },
        secret_fields=SECRET_FIELDS,
        sandbox=sandbox,
    )
    return (
        account,
        {"client_secret": client_secret, "refresh_token": str(body["refresh_token"])},
        _health(account),
    )


def check(session: requests.Session, account: Account, secrets: dict[str, str]) -> Health:
    channel(session, account.api_base, access_token(session, account, secrets))
    return _health(account)


def connect_request(
    request: ConnectRequest, session: requests.Session, base: str, sandbox: bool
) -> tuple[Account, dict[str, str], Health]:
    """``Connector.connect``: Google's sign-in in the browser."""
    return connect(
        session,
        base,
        request.name,
        request.ident,
        request.secret(0),
        request.open_browser,
        testing=request.testing,
        sandbox=sandbox,
        cancelled=request.cancelled,
    )


def button_fields(values: dict[str, Any], _profile: ConnectionProfile) -> dict[str, Any]:
    """The sign-in button: the profile's Desktop-app client (§14.6)."""
    return {
        "ident": str(values["client_id"]),
        "secrets": (str(values["client_secret"]),),
        "testing": values.get("testing") is True,  # a Testing app's sign-in ends after 7 days
    }
