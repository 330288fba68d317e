"""TikTok accounts: Login Kit for desktop (OAuth 2.0 + PKCE, loopback redirect), token
refresh, the creator's posting options, and TikTok's error envelope.

Sources (shared/PLATFORMS.md §13; developers.tiktok.com login-kit-desktop,
oauth-user-access-token-management, content-posting-api-reference-query-creator-info,
tiktok-api-v2-error-handling):
- authorize at https://www.tiktok.com/v2/auth/authorize/ with ``client_key``, comma-
  separated ``scope``, ``state`` and an S256 ``code_challenge``; the desktop redirect is
  ``http://127.0.0.1:<port>/callback/`` (host localhost/127.0.0.1 only, a port, no
  query; a wildcard port may be registered, so any free port is used).
- token at ``POST https://open.tiktokapis.com/v2/oauth/token/`` (form-encoded) with
  ``client_key`` **and ``client_secret``** (required even for desktop) and the
  ``code_verifier``. Access tokens live 24 h, refresh tokens 365 days; a refresh may
  return a new refresh token, which is saved before it is used.
- ❓ the desktop flow reportedly wants the challenge as a *hex* SHA-256 rather than
  base64url: ``CHALLENGE_ENCODING`` is the one setting to change.
- every API answer is ``{"data":{…},"error":{"code","message","log_id"}}``; ``code`` is
  ``"ok"`` on success.
- two ways to post, one per account: ``direct`` (scope ``video.publish``; an unaudited
  app may post only privately, §13) and ``inbox`` (scope ``video.upload``: the video
  lands in the creator's TikTok inbox and they finish the post in the app).
"""

from __future__ import annotations

import base64
import hashlib
import secrets as token_bytes
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import requests

from composer.accounts.http import ApiError, json_of, request
from composer.accounts.model import Account, Health
from composer.accounts.oauth import LoopbackReceiver
from composer.accounts.redact import register

if TYPE_CHECKING:
    from composer.accounts.connect_request import ConnectRequest
    from composer.accounts.profile import ConnectionProfile

API_BASE = "https://open.tiktokapis.com"
AUTHORIZE_URL = "https://www.tiktok.com/v2/auth/authorize/"
CALLBACK_PATH = "/callback/"
DIRECT = "direct"
INBOX = "inbox"
MODES = (INBOX, DIRECT)
# video.list: the counts of the office's public videos for the monthly report (Display API).
SCOPES = {
    DIRECT: "user.info.basic,video.list,video.publish,video.upload",
    INBOX: "user.info.basic,video.list,video.upload",
}
# ❓ §13/§16.5: "base64url" (RFC 7636, the snippets found) or "hex" (reported for desktop).
CHALLENGE_ENCODING = "base64url"
SECRET_FIELDS = ("client_secret", "access_token", "refresh_token", "access_expires_at", "refresh_expires_at")
PRIVACY_LEVELS = ("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY")
ACCESS_SECONDS = 86_400
REFRESH_SECONDS = 365 * 86_400

# TikTok's error codes → what Siar does (tiktok-api-v2-error-handling; direct-post ref).
_ERRORS: dict[str, tuple[str, str]] = {
    "access_token_invalid": ("auth", "api.auth_invalid"),
    "scope_not_authorized": ("permission", "api.permission"),
    "scope_permission_missed": ("permission", "api.permission"),
    "rate_limit_exceeded": ("rate_limit", "api.rate_limited"),
    "spam_risk_too_many_posts": ("quota", "api.tiktok_daily_cap"),
    "spam_risk_too_many_pending_share": ("quota", "api.tiktok_daily_cap"),
    "reached_active_user_cap": ("quota", "api.tiktok_daily_cap"),
    "spam_risk_user_banned_from_posting": ("permission", "api.tiktok_banned"),
    "unaudited_client_can_only_post_to_private_accounts": ("invalid", "api.tiktok_unaudited_public"),
    "privacy_level_option_mismatch": ("invalid", "api.tiktok_privacy"),
    "url_ownership_unverified": ("invalid", "api.tiktok_url_unverified"),
    "invalid_file_upload": ("invalid", "api.tiktok_file_refused"),
    "invalid_params": ("invalid", "api.rejected"),
    "internal_error": ("server", "api.server"),
}


def endpoints(base: str) -> tuple[str, str]:
    """(authorize URL, token URL): TikTok's own hosts, or the test server's paths."""
    base = base.rstrip("/")
    authorize = AUTHORIZE_URL if base == API_BASE else f"{base}/v2/auth/authorize/"
    return authorize, f"{base}/v2/oauth/token/"


def challenge_for(verifier: str, encoding: str = CHALLENGE_ENCODING) -> str:
    digest = hashlib.sha256(verifier.encode("ascii"))
    if encoding == "hex":
        return digest.hexdigest()
    return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode("ascii")


def interpret(response: requests.Response) -> ApiError:
    body = json_of(response)
    body = body if isinstance(body, dict) else {}
    error: dict[str, Any] = body["error"] if isinstance(body.get("error"), dict) else {}
    code = str(error.get("code") or body.get("error") or "")
    detail = str(error.get("message") or body.get("error_description") or response.reason or code)
    status = response.status_code
    if code in _ERRORS:
        kind, message = _ERRORS[code]
    elif status == 401:
        kind, message = "auth", "api.auth_invalid"
    elif status == 429:
        kind, message = "rate_limit", "api.rate_limited"
    elif status >= 500:
        kind, message = "server", "api.server"
    else:
        kind, message = "invalid", "api.rejected"
    retry = 60.0 if kind in ("rate_limit", "server") else None
    return ApiError(kind, message, status, f"{code}: {detail}" if code else detail, retry_after=retry)


def call(
    session: requests.Session, base: str, path: str, token: str, body: dict[str, Any] | None = None, **kw: Any
) -> dict[str, Any]:
    """A Content Posting / user API call; the ``data`` of the envelope, or ApiError."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json; charset=UTF-8"}
    method = kw.pop("method", "POST")
    answer = request(session, method, f"{base.rstrip('/')}{path}", json=body, headers=headers, **kw)
    envelope = json_of(answer)
    if answer.status_code != 200 or not isinstance(envelope, dict):
        raise interpret(answer)
    if str((envelope.get("error") or {}).get("code", "ok")) != "ok":
        raise interpret(answer)
    return dict(envelope.get("data") or {})


# --- tokens --------------------------------------------------------------------------------
def _token_call(session: requests.Session, base: str, form: dict[str, str]) -> dict[str, Any]:
    answer = request(
        session,
        "POST",
        endpoints(base)[1],
        data=form,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    body = json_of(answer)
    body = body if isinstance(body, dict) else {}
    register(str(body.get("access_token", "")), str(body.get("refresh_token", "")))
    if answer.status_code != 200 or body.get("error") or not body.get("access_token"):
        error = str(body.get("error", ""))
        code = "accounts.tiktok_client_wrong" if error == "invalid_client" else "api.auth_invalid"
        raise ApiError("auth", code, answer.status_code, str(body.get("error_description", error)))
    return body


def _token_secrets(body: dict[str, Any], client_secret: str, now: float) -> dict[str, str]:
    return {
        "client_secret": client_secret,
        "access_token": str(body["access_token"]),
        "refresh_token": str(body.get("refresh_token", "")),
        "access_expires_at": str(now + float(body.get("expires_in") or ACCESS_SECONDS)),
        "refresh_expires_at": str(now + float(body.get("refresh_expires_in") or REFRESH_SECONDS)),
    }


def _refresh_grant(
    session: requests.Session, base: str, client_key: str, client_secret: str, refresh_token: str
) -> dict[str, Any]:
    """TikTok's token endpoint with a refresh token (§13): both the connection check and
    each renewal use it."""
    return _token_call(
        session,
        base,
        {
            "client_key": client_key,
            "client_secret": client_secret,
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
        },
    )


def refresh(
    session: requests.Session,
    account: Account,
    secrets: dict[str, str],
    save: Callable[[dict[str, str]], None],
) -> dict[str, str]:
    """A fresh access token; the (possibly new) refresh token is saved before anyone uses it."""
    body = _refresh_grant(
        session,
        account.api_base,
        str(account.settings["client_key"]),
        secrets.get("client_secret", ""),
        secrets["refresh_token"],
    )
    new = {**secrets, **_token_secrets(body, secrets.get("client_secret", ""), time.time())}
    if not body.get("refresh_token"):
        new["refresh_token"] = secrets["refresh_token"]
        new["refresh_expires_at"] = secrets.get("refresh_expires_at", new["refresh_expires_at"])
    save(new)
    return new


def fresh_token(
    session: requests.Session,
    account: Account,
    secrets: dict[str, str],
    save: Callable[[dict[str, str]], None],
    *,
    force: bool = False,
) -> str:
    """The access token, refreshed first when it has (nearly) run out or *force*."""
    if force or float(secrets.get("access_expires_at", "0") or 0) < time.time() + 120:
        secrets.update(refresh(session, account, secrets, save))
    return secrets["access_token"]


class TikTokAuth(requests.auth.AuthBase):
    """Bearer auth that refreshes (and saves the new tokens) before the 24 h run out."""

    def __init__(
        self,
        session: requests.Session,
        account: Account,
        secrets: dict[str, str],
        save: Callable[[dict[str, str]], None],
    ) -> None:
        self.session, self.account, self.secrets, self.save = session, account, secrets, save

    def token(self, force: bool = False) -> str:
        return fresh_token(self.session, self.account, self.secrets, self.save, force=force)

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        r.headers["Authorization"] = f"Bearer {self.token()}"
        return r


def auth_for(
    session: requests.Session,
    account: Account,
    secrets: dict[str, str],
    save: Callable[[dict[str, str]], None],
) -> requests.auth.AuthBase:
    return TikTokAuth(session, account, secrets, save)


# --- who the account is and what it may do ------------------------------------------------------
def user_info(session: requests.Session, base: str, token: str) -> dict[str, Any]:
    """``GET /v2/user/info/`` (scope user.info.basic): open_id, display_name, avatar."""
    data = call(
        session,
        base,
        "/v2/user/info/",
        token,
        method="GET",
        params={"fields": "open_id,union_id,avatar_url,display_name"},
    )
    return dict(data.get("user") or {})


def creator_info(session: requests.Session, base: str, token: str) -> dict[str, Any]:
    """``POST /v2/post/publish/creator_info/query/``: nickname, privacy options, limits —
    asked before every direct post (§13 "Always first")."""
    return call(session, base, "/v2/post/publish/creator_info/query/", token, {})


def describe_mode(account: Account) -> str:
    """How this account's posts reach TikTok, in the UI language."""
    from composer.i18n import _

    if account.settings.get("mode") == DIRECT:
        return _("Posted directly to the TikTok profile")
    return _("Uploaded to the TikTok inbox — finish in the TikTok app")


def _account(
    base: str,
    name: str,
    client_key: str,
    mode: str,
    user: dict[str, Any],
    creator: dict[str, Any],
    privacy: str,
    audited: bool,
    sandbox: bool,
) -> Account:
    username = str(creator.get("creator_username") or "")
    return Account(
        "tiktok",
        name,
        base,
        "oauth2",
        display_name=str(creator.get("creator_nickname") or user.get("display_name") or ""),
        handle=f"@{username}" if username else str(user.get("display_name") or ""),
        external_id=str(user.get("open_id") or ""),
        picture_url=str(creator.get("creator_avatar_url") or user.get("avatar_url") or ""),
        settings={
            "client_key": client_key,
            "mode": mode,
            "privacy": privacy,
            "audited": audited,
            "privacy_options": list(creator.get("privacy_level_options") or []),
            "max_video_seconds": int(creator.get("max_video_post_duration_sec") or 0),
        },
        secret_fields=SECRET_FIELDS,
        sandbox=sandbox,
    )


def _finish(
    session: requests.Session,
    base: str,
    name: str,
    client_key: str,
    values: dict[str, str],
    mode: str,
    privacy: str,
    audited: bool,
    sandbox: bool,
) -> tuple[Account, dict[str, str], Health]:
    if mode not in MODES:
        raise ApiError("invalid", "accounts.tiktok_mode")
    token = values["access_token"]
    user = user_info(session, base, token)
    creator: dict[str, Any] = {}
    if mode == DIRECT:
        creator = creator_info(session, base, token)
        options = [str(o) for o in creator.get("privacy_level_options") or []]
        # TikTok's UX rules: the creator picks the privacy, there is no default (§13).
        if privacy not in options:
            raise ApiError(
                "invalid", "accounts.tiktok_privacy_choice", params={"options": ", ".join(options)}
            )
    account = _account(base, name, client_key, mode, user, creator, privacy, audited, sandbox)
    return account, values, health_of(values)


def health_of(secrets: dict[str, str]) -> Health:
    """Healthy until the refresh token's year is up (the access token renews itself)."""
    return Health.from_expiry(float(secrets.get("refresh_expires_at", "0") or 0))


def connect(
    session: requests.Session,
    base: str,
    name: str,
    client_key: str,
    client_secret: str,
    open_browser: Callable[[str], object],
    *,
    mode: str = INBOX,
    privacy: str = "",
    audited: bool = False,
    port: int = 0,
    timeout: float = 300.0,
    encoding: str = CHALLENGE_ENCODING,
    sandbox: bool = False,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[Account, dict[str, str], Health]:
    """Sign in with the browser (Login Kit for desktop) and read who the account is;
    *cancelled* stops the wait for the browser (ApiError ``accounts.signin_cancelled``)."""
    register(client_secret)
    verifier = token_bytes.token_urlsafe(64)[:96]
    receiver = LoopbackReceiver(port, CALLBACK_PATH)
    query = {
        "client_key": client_key,
        "response_type": "code",
        "scope": SCOPES.get(mode, SCOPES[INBOX]),
        "redirect_uri": receiver.redirect_uri,
        "state": receiver.state,
        "code_challenge": challenge_for(verifier, encoding),
        "code_challenge_method": "S256",
    }
    open_browser(f"{endpoints(base)[0]}?{urlencode(query)}")
    code = receiver.wait_query(timeout, cancelled)["code"]
    body = _token_call(
        session,
        base,
        {
            "client_key": client_key,
            "client_secret": client_secret,
            "code": code,
            "grant_type": "authorization_code",
            "redirect_uri": receiver.redirect_uri,
            "code_verifier": verifier,
        },
    )
    values = _token_secrets(body, client_secret, time.time())
    return _finish(session, base, name, client_key, values, mode, privacy, audited, sandbox)


def connect_token(
    session: requests.Session,
    base: str,
    name: str,
    client_key: str,
    client_secret: str,
    refresh_token: str,
    *,
    mode: str = INBOX,
    privacy: str = "",
    audited: bool = False,
    sandbox: bool = False,
) -> tuple[Account, dict[str, str], Health]:
    """The manual path: IT pastes a refresh token got elsewhere; Siar refreshes it once to
    prove it works and to learn the lifetimes."""
    register(client_secret, refresh_token)
    body = _refresh_grant(session, base, client_key, client_secret, refresh_token)
    values = _token_secrets(body, client_secret, time.time())
    if not values["refresh_token"]:
        values["refresh_token"] = refresh_token
    return _finish(session, base, name, client_key, values, mode, privacy, audited, sandbox)


def check(
    session: requests.Session,
    account: Account,
    secrets: dict[str, str],
    save: Callable[[dict[str, str]], None],
) -> Health:
    token = fresh_token(session, account, secrets, save)
    user_info(session, account.api_base, token)
    return health_of(secrets)


def connect_either(
    session: requests.Session,
    base: str,
    name: str,
    client_key: str,
    client_secret: str,
    refresh_token: str,
    open_browser: Callable[[str], object],
    *,
    mode: str = INBOX,
    privacy: str = "",
    audited: bool = False,
    photo_host: str = "",
    port: int = 0,
    sandbox: bool = False,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[Account, dict[str, str], Health]:
    """The window's and the command line's one call: a pasted refresh token (the manual
    path) or the browser sign-in; *photo_host* "wordpress" lets photo posts go (§13)."""
    options: dict[str, Any] = {"mode": mode, "privacy": privacy, "audited": audited, "sandbox": sandbox}
    if refresh_token:
        result = connect_token(session, base, name, client_key, client_secret, refresh_token, **options)
    else:
        result = connect(
            session,
            base,
            name,
            client_key,
            client_secret,
            open_browser,
            port=port,
            cancelled=cancelled,
            **options,
        )
    result[0].settings["photo_host"] = photo_host
    return result


def connect_request(
    request: ConnectRequest, session: requests.Session, base: str, sandbox: bool
) -> tuple[Account, dict[str, str], Health]:
    """``Connector.connect``: the browser sign-in, or the refresh token pasted (``secrets[1]``)."""
    return connect_either(
        session,
        base,
        request.name,
        request.ident,
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


def button_fields(values: dict[str, Any], profile: ConnectionProfile) -> dict[str, Any]:
    """The sign-in button (§13): the exchange needs the client secret, which IT handed over
    in the profile (kept in the keyring); posts go to the inbox, the path an unaudited app has."""
    return {"ident": str(values["client_key"]), "secrets": (profile.secret("tiktok", "client_secret"),)}
