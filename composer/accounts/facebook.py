"""Facebook Page and Instagram (Facebook Login) accounts: the Graph API's wire facts,
the token exchange that yields a non-expiring Page token, and Graph error mapping.

Sources (shared/PLATFORMS.md §2.1–2.5, §3.1):
- host graph.facebook.com, version v26.0 (29 Jul 2026), kept per account in settings
  [developers.facebook.com/docs/graph-api/changelog/versions].
- long-lived user token: ``GET /oauth/access_token?grant_type=fb_exchange_token``
  [developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived].
- ``GET /me/accounts?fields=id,name,access_token,tasks`` gives Page tokens with no expiry
  when the user token was long-lived; one from a short-lived token expires with it
  [3RD, PLATFORMS.md §2.2]. ``GET /debug_token`` tells: ``expires_at: 0`` means never;
  it must be asked with an app access token (``APP_ID|APP_SECRET``) or a user token of
  a developer of the app — never with the Page token itself
  [developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow#checktoken].
  The officer's machine keeps no App Secret, so a later check is a cheap authenticated
  read with the Page token (``GET /me?fields=id,name``) and the expiry learnt at connect.
- the linked Instagram professional account: ``GET /{page-id}?fields=instagram_business_account``.
- errors: ``{"error":{"message","type","code","error_subcode","fbtrace_id"}}``; 190 token
  invalid (subcodes 458/459/460/463/464/467), 10 and 200–299 permissions, 4/17/32/341/613/
  80001 rate limits, 1/2 transient, 506 duplicate, 368 blocked
  [developers.facebook.com/docs/graph-api/guides/error-handling].
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

import requests

from composer.accounts.http import ApiError, json_of, request
from composer.accounts.model import PERMISSION, Account, Health
from composer.accounts.redact import register

GRAPH_BASE = "https://graph.facebook.com"
GRAPH_VERSION = "v26.0"
PAGE_TASK = "CREATE_CONTENT"  # the Page task publishing needs
SECRET_FIELDS = ("page_token",)
# Where Instagram fetches images from (PLATFORMS.md §3.6): an unpublished photo on the
# linked Page (its CDN URL), or the office WordPress media library.
IMAGE_HOST_PAGE = "facebook_page"
IMAGE_HOST_WORDPRESS = "wordpress"


def url(account_base: str, path: str, version: str = GRAPH_VERSION) -> str:
    return f"{account_base.rstrip('/')}/{version}/{path.lstrip('/')}"


def interpret(response: requests.Response) -> ApiError:
    """A Graph error answer as an ``ApiError`` with the action the officer must take."""
    body = json_of(response)
    error = body.get("error", {}) if isinstance(body, dict) else {}
    code = int(error.get("code") or 0)
    sub = int(error.get("error_subcode") or 0)
    message = str(error.get("error_user_msg") or error.get("message") or response.reason)
    params = {"code": code, "subcode": sub}
    status = response.status_code
    if code in (190, 102):
        state = (
            "api.auth_revoked"
            if sub in (458, 460)
            else "api.auth_expired"
            if sub == 463
            else "api.auth_invalid"
        )
        return ApiError("auth", state, status, message, params=params)
    if code == 10 or 200 <= code <= 299:
        return ApiError("permission", "api.permission", status, message, params=params)
    if code in (4, 17, 32, 341, 613, 80001, 80002) or sub == 1390008:
        return ApiError(
            "rate_limit", "api.rate_limited", status, message, retry_after=_regain(response), params=params
        )
    if code == 9 and sub == 2207042:
        return ApiError("quota", "api.ig_daily_limit", status, message, params=params)
    # 506 / 1366051: already posted; 2207006: Instagram's "already published" for a
    # container — each only a reason to look for the post (issue 10 item 6).
    if code == 506 or sub in (1366051, 2207006):
        return ApiError("duplicate", "api.duplicate", status, message, params=params)
    if code == 368 or sub in (1404078, 4854002):
        return ApiError("permission", "api.page_blocked", status, message, params=params)
    if code in (1, 2) or status >= 500:
        return ApiError("server", "api.server", status, message, retry_after=30, params=params)
    if code == 9007 and sub == 2207027:
        return ApiError("server", "api.ig_not_ready", status, message, retry_after=5, params=params)
    ig = _INSTAGRAM_INVALID.get(sub)
    if ig is not None:
        return ApiError("invalid", ig, status, message, params=params)
    return ApiError("invalid", "api.rejected", status, message, params=params)


_INSTAGRAM_INVALID = {
    2207052: "api.ig_fetch_failed",
    2207003: "api.ig_fetch_failed",
    2207009: "api.ig_aspect",
    2207005: "api.ig_format",
    2207004: "api.ig_too_large",
    2207010: "api.caption_too_long",
    2207040: "api.too_many_tags",
    2207028: "api.ig_carousel",
    1366046: "api.fb_photo_too_large",
}


def _regain(response: requests.Response) -> float:
    """Seconds until the Page's quota returns (``estimated_time_to_regain_access`` is in minutes)."""
    try:
        usage = json.loads(response.headers.get("X-Business-Use-Case-Usage", "{}"))
        minutes = max(
            int(entry.get("estimated_time_to_regain_access", 0))
            for entries in usage.values()
            for entry in entries
        )
        return max(60.0, minutes * 60.0)
    except (ValueError, TypeError, AttributeError):
        return 300.0


def get(session: requests.Session, base: str, path: str, token: str, **params: Any) -> Any:
    answer = request(
        session, "GET", url(base, path), params=params, headers={"Authorization": f"Bearer {token}"}
    )
    if answer.status_code != 200:
        raise interpret(answer)
    return json_of(answer)


# --- the guided connection -------------------------------------------------------------------


@dataclass(frozen=True)
class PageChoice:
    id: str
    name: str
    token: str
    can_post: bool
    expires_at: float = 0.0  # 0: never (or unknown)
    scopes: tuple[str, ...] = ()


@dataclass(frozen=True)
class InstagramChoice:
    id: str
    username: str
    name: str
    picture_url: str


def exchange_token(
    session: requests.Session, base: str, app_id: str, app_secret: str, short_token: str
) -> tuple[str, float]:
    """A long-lived user token (about 60 days) and when it expires."""
    register(app_secret, short_token)
    answer = request(
        session,
        "GET",
        url(base, "oauth/access_token"),
        params={
            "grant_type": "fb_exchange_token",
            "client_id": app_id,
            "client_secret": app_secret,
            "fb_exchange_token": short_token,
        },
    )
    if answer.status_code != 200:
        error = interpret(answer)
        body = json_of(answer) or {}
        if int((body.get("error") or {}).get("code") or 0) in (1, 101):
            raise ApiError("auth", "accounts.fb_app_wrong", error.status, error.detail)
        raise error
    data = json_of(answer) or {}
    register(str(data["access_token"]))
    return str(data["access_token"]), time.time() + float(data.get("expires_in") or 0)


def list_pages(session: requests.Session, base: str, user_token: str) -> list[PageChoice]:
    """The Pages the user manages, each with its Page token, and when that token expires
    as ``debug_token`` tells when asked by the user token (the officer is the app's
    developer, a documented caller: §2.2)."""
    register(user_token)
    data = get(session, base, "me/accounts", user_token, fields="id,name,access_token,tasks", limit=100)
    register(*(str(p.get("access_token", "")) for p in data.get("data", [])))
    pages = []
    for p in data.get("data", []):
        token = str(p["access_token"])
        try:
            expires_at, scopes = token_info(session, base, token, caller=user_token)
        except ApiError as error:
            if error.kind != "auth":
                raise
            expires_at, scopes = 0.0, ()  # not a developer of the app: the Page read decides
        pages.append(
            PageChoice(
                str(p["id"]),
                str(p.get("name", "")),
                token,
                PAGE_TASK in (p.get("tasks") or [PAGE_TASK]),
                expires_at,
                scopes,
            )
        )
    return pages


def token_info(
    session: requests.Session, base: str, token: str, *, caller: str
) -> tuple[float, tuple[str, ...]]:
    """When *token* expires (0: never) and its permissions, from ``debug_token`` asked by
    *caller*: the app token ``APP_ID|APP_SECRET`` or an app developer's user token."""
    data = get(session, base, "debug_token", caller, input_token=token).get("data", {})
    if not data.get("is_valid", False):
        raise ApiError("auth", "api.auth_invalid", 400, str((data.get("error") or {}).get("message", "")))
    return float(data.get("expires_at") or 0), tuple(str(s) for s in data.get("scopes") or ())


def linked_instagram(
    session: requests.Session, base: str, page_id: str, page_token: str
) -> InstagramChoice | None:
    page = get(session, base, page_id, page_token, fields="instagram_business_account")
    ig_id = str((page.get("instagram_business_account") or {}).get("id", ""))
    if not ig_id:
        return None
    ig = get(session, base, ig_id, page_token, fields="id,username,name,profile_picture_url")
    return InstagramChoice(
        ig_id, str(ig.get("username", "")), str(ig.get("name", "")), str(ig.get("profile_picture_url", ""))
    )


def page_account(
    session: requests.Session, base: str, name: str, page: PageChoice, app_id: str, *, sandbox: bool = False
) -> tuple[Account, dict[str, str], Health]:
    # The Page token checked by using it (a cheap authenticated read); its expiry was
    # learnt when the Pages were listed.
    expires_at = page.expires_at
    info = get(session, base, page.id, page.token, fields="id,name,picture")
    picture = str(((info.get("picture") or {}).get("data") or {}).get("url", ""))
    account = Account(
        "facebook",
        name,
        base,
        "page_token",
        display_name=str(info.get("name", page.name)),
        handle=page.id,
        external_id=page.id,
        picture_url=picture,
        settings={"app_id": app_id, "graph_version": GRAPH_VERSION},
        secret_fields=SECRET_FIELDS,
        sandbox=sandbox,
    )
    detail = "accounts.fb_short_lived" if expires_at else ""
    return account, {"page_token": page.token}, Health.from_expiry(expires_at, detail=detail)


def instagram_account(
    name: str,
    base: str,
    page: PageChoice,
    ig: InstagramChoice,
    page_health: Health,
    *,
    image_host: str = IMAGE_HOST_PAGE,
    sandbox: bool = False,
) -> tuple[Account, dict[str, str], Health]:
    account = Account(
        "instagram",
        name,
        base,
        "page_token",
        display_name=ig.name or ig.username,
        handle=f"@{ig.username}",
        external_id=ig.id,
        picture_url=ig.picture_url,
        settings={"page_id": page.id, "graph_version": GRAPH_VERSION, "image_host": image_host},
        secret_fields=SECRET_FIELDS,
        sandbox=sandbox,
    )
    return account, {"page_token": page.token}, page_health


# Permissions publishing needs (PLATFORMS.md §2.2, §3.1).
REQUIRED_SCOPES = {
    "facebook": ("pages_manage_posts",),
    "instagram": ("instagram_content_publish",),
}


def check(session: requests.Session, account: Account, secrets: dict[str, str]) -> Health:
    """Is the Page token still good, does it still reach the Page, and may it post?

    With the App Secret at hand, ``debug_token`` asked by the app token (expiry and
    permissions); without it — the officer's machine — a cheap authenticated read with
    the Page token, ``GET /me?fields=id,name``. Only the platform saying the token is
    invalid (code 190 and the like, ``interpret``) marks the account revoked."""
    token = secrets["page_token"]
    expires_at: float = account.health.expires_at
    scopes: tuple[str, ...] = ()
    app_id, app_secret = str(account.settings.get("app_id", "")), secrets.get("app_secret", "")
    if app_id and app_secret:
        expires_at, scopes = token_info(session, account.api_base, token, caller=f"{app_id}|{app_secret}")
    else:
        get(session, account.api_base, "me", token, fields="id,name")
    fields = "id,username" if account.platform == "instagram" else "id,name"
    get(session, account.api_base, account.external_id, token, fields=fields)
    missing = [s for s in REQUIRED_SCOPES.get(account.platform, ()) if scopes and s not in scopes]
    if missing:
        return Health(PERMISSION, time.time(), expires_at, "api.permission")
    return Health.from_expiry(expires_at, detail="accounts.fb_short_lived" if expires_at else "")
