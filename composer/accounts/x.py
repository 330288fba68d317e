"""X accounts: OAuth 1.0a with the app's own access token, or OAuth 2.0 with PKCE; X's
error shapes.

Sources (shared/PLATFORMS.md §1.2, §1.5):
- base https://api.x.com; ``GET /2/users/me`` verifies a user token [X-OAS].
- OAuth 1.0a access tokens "are not explicitly expired" [X-docs authentication/faq];
  requests-oauthlib signs the request (JSON and multipart bodies are not signed).
- OAuth 2.0: authorize at https://x.com/i/oauth2/authorize, token at
  ``POST /2/oauth2/token`` (form-encoded, Basic auth for confidential clients), access
  tokens live 2 h, refresh tokens are single-use and rotate — the new pair is saved
  before it is used [X-docs oauth-2-0/authorization-code; 3RD trypost#126].
- scopes ``tweet.read tweet.write users.read media.write offline.access``.
- the redirect URI is matched exactly and ``localhost`` is refused: a fixed port on
  127.0.0.1 that the officer registers in the app settings.
- errors: problem+json ``{"title","detail","type","status"}`` or legacy
  ``{"errors":[{"code","message"}]}``; ``x-rate-limit-reset`` (Unix seconds) on 429;
  403 "duplicate content".
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import requests
from requests_oauthlib import OAuth1

from composer.accounts.http import ApiError, json_of, request
from composer.accounts.model import Account, Health
from composer.accounts.oauth import authorize
from composer.accounts.redact import register

if TYPE_CHECKING:
    from composer.accounts.connect_request import ConnectRequest
    from composer.accounts.profile import ConnectionProfile

API_BASE = "https://api.x.com"
AUTHORIZE_URL = "https://x.com/i/oauth2/authorize"
SCOPES = "tweet.read tweet.write users.read media.write offline.access"
REDIRECT_PORT = 8765
OAUTH1_FIELDS = ("api_secret", "access_token", "access_secret")  # api_key is not secret
OAUTH2_FIELDS = ("client_secret", "access_token", "refresh_token")


def interpret(response: requests.Response) -> ApiError:
    body = json_of(response)
    body = body if isinstance(body, dict) else {}
    legacy = (body.get("errors") or [{}])[0] if isinstance(body.get("errors"), list) else {}
    detail = str(body.get("detail") or legacy.get("message") or body.get("title") or response.reason)
    status = response.status_code
    if status == 401:
        return ApiError("auth", "api.auth_invalid", status, detail)
    if status == 429:
        return _rate_limited(response, status, detail)
    if status == 403 and "duplicate" in detail.lower():
        return ApiError("duplicate", "api.duplicate", status, detail)
    if status in (402, 403) and any(w in detail.lower() for w in ("credit", "billing", "payment")):
        return ApiError("billing", "api.x_billing", status, detail)
    if status == 403:
        return ApiError("permission", "api.permission", status, detail)
    if status >= 500:
        return ApiError("server", "api.server", status, detail, retry_after=30)
    return ApiError("invalid", "api.rejected", status, detail)


def _rate_limited(response: requests.Response, status: int, detail: str) -> ApiError:
    """When to try again after a 429 (PLATFORMS.md §1.5): the per-user 24-hour reset only
    when that limit is spent (``x-user-limit-24hour-remaining: 0``), otherwise the
    endpoint's 15-minute ``x-rate-limit-reset``; 15 minutes when neither is given."""
    headers = response.headers
    day_spent = headers.get("x-user-limit-24hour-remaining", "").strip() == "0"
    reset = (headers.get("x-user-limit-24hour-reset") if day_spent else None) or headers.get(
        "x-rate-limit-reset", ""
    )
    reset = reset.strip()
    wait = max(1.0, float(reset) - time.time()) if reset.isdigit() else 900.0
    return ApiError(
        "rate_limit",
        "api.x_rate_limited",
        status,
        detail,
        retry_after=wait,
        params={"reset": time.time() + wait},
    )


def authorize_url(base: str) -> str:
    return AUTHORIZE_URL if base.rstrip("/") == API_BASE else f"{base.rstrip('/')}/i/oauth2/authorize"


class BearerRefreshing(requests.auth.AuthBase):
    """Bearer auth that refreshes (and saves the rotated pair) before the token runs out."""

    def __init__(
        self,
        session: requests.Session,
        account: Account,
        secrets: dict[str, str],
        save: Callable[[dict[str, str]], None],
    ) -> None:
        self.session, self.account, self.secrets, self.save = session, account, secrets, save

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        if float(self.secrets.get("access_expires_at", "0") or 0) < time.time() + 60:
            self.secrets.update(refresh(self.session, self.account, self.secrets, self.save))
        r.headers["Authorization"] = f"Bearer {self.secrets['access_token']}"
        return r


def auth_for(
    session: requests.Session,
    account: Account,
    secrets: dict[str, str],
    save: Callable[[dict[str, str]], None],
) -> requests.auth.AuthBase:
    if account.auth == "oauth1":
        signer: requests.auth.AuthBase = OAuth1(
            account.settings["api_key"],
            secrets["api_secret"],
            secrets["access_token"],
            secrets["access_secret"],
        )
        return signer
    return BearerRefreshing(session, account, secrets, save)


def _basic(client_id: str, client_secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()


def _token_call(
    session: requests.Session, base: str, client_id: str, client_secret: str, form: dict[str, str]
) -> dict[str, Any]:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if client_secret:
        headers["Authorization"] = _basic(client_id, client_secret)
    else:
        form = {**form, "client_id": client_id}  # a public ("Native App") client
    answer = request(session, "POST", f"{base.rstrip('/')}/2/oauth2/token", data=form, headers=headers)
    body = json_of(answer) or {}
    register(str(body.get("access_token", "")), str(body.get("refresh_token", "")))
    if answer.status_code != 200:
        error = str(body.get("error", ""))
        code = "accounts.x_client_wrong" if error == "unauthorized_client" else "api.auth_invalid"
        raise ApiError("auth", code, answer.status_code, str(body.get("error_description", error)))
    return dict(body)


def refresh(
    session: requests.Session,
    account: Account,
    secrets: dict[str, str],
    save: Callable[[dict[str, str]], None],
) -> dict[str, str]:
    """A fresh access token. The rotated refresh token is saved *before* anyone uses it."""
    body = _token_call(
        session,
        account.api_base,
        account.settings["client_id"],
        secrets.get("client_secret", ""),
        {"grant_type": "refresh_token", "refresh_token": secrets["refresh_token"]},
    )
    new = {
        **secrets,
        "access_token": str(body["access_token"]),
        "refresh_token": str(body.get("refresh_token") or secrets["refresh_token"]),
        "access_expires_at": str(time.time() + float(body.get("expires_in") or 7200)),
    }
    save(new)
    return new


def me(session: requests.Session, base: str, auth: requests.auth.AuthBase) -> dict[str, Any]:
    answer = request(
        session,
        "GET",
        f"{base.rstrip('/')}/2/users/me",
        params={"user.fields": "profile_image_url"},
        auth=auth,
    )
    if answer.status_code != 200:
        raise interpret(answer)
    return dict((json_of(answer) or {}).get("data") or {})


def _account(
    base: str,
    name: str,
    auth: str,
    user: dict[str, Any],
    settings: dict[str, Any],
    fields: tuple[str, ...],
    sandbox: bool,
) -> Account:
    return Account(
        "x",
        name,
        base,
        auth,
        display_name=str(user.get("name", "")),
        handle=f"@{user.get('username', '')}",
        external_id=str(user.get("id", "")),
        picture_url=str(user.get("profile_image_url", "")),
        settings=settings,
        secret_fields=fields,
        sandbox=sandbox,
    )


def connect_oauth1(
    session: requests.Session,
    base: str,
    name: str,
    api_key: str,
    secrets: dict[str, str],
    *,
    sandbox: bool = False,
) -> tuple[Account, dict[str, str], Health]:
    register(*secrets.values())
    auth = OAuth1(api_key, secrets["api_secret"], secrets["access_token"], secrets["access_secret"])
    user = me(session, base, auth)
    account = _account(base, name, "oauth1", user, {"api_key": api_key}, OAUTH1_FIELDS, sandbox)
    return account, dict(secrets), Health.from_expiry(0)


def connect_oauth2(
    session: requests.Session,
    base: str,
    name: str,
    client_id: str,
    client_secret: str,
    open_browser: Callable[[str], object],
    *,
    port: int = REDIRECT_PORT,
    timeout: float = 300.0,
    sandbox: bool = False,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[Account, dict[str, str], Health]:
    register(client_secret)
    grant = authorize(
        authorize_url(base), client_id, SCOPES, open_browser, port=port, timeout=timeout, cancelled=cancelled
    )
    body = _token_call(session, base, client_id, client_secret, grant.token_form())
    secrets = {
        "client_secret": client_secret,
        "access_token": str(body["access_token"]),
        "refresh_token": str(body.get("refresh_token", "")),
        "access_expires_at": str(time.time() + float(body.get("expires_in") or 7200)),
    }
    user = me(session, base, _Bearer(secrets["access_token"]))
    account = _account(
        base, name, "oauth2", user, {"client_id": client_id}, (*OAUTH2_FIELDS, "access_expires_at"), sandbox
    )
    return account, secrets, Health.from_expiry(0)


def connect_request(
    request: ConnectRequest, session: requests.Session, base: str, sandbox: bool
) -> tuple[Account, dict[str, str], Health]:
    """``Connector.connect``: the browser sign-in (OAuth 2.0) or the typed keys (OAuth 1.0a)."""
    if request.oauth2:
        return connect_oauth2(
            session,
            base,
            request.name,
            request.ident,
            request.secret(0),
            request.open_browser,
            port=request.port or REDIRECT_PORT,
            sandbox=sandbox,
            cancelled=request.cancelled,
        )
    values = {
        "api_secret": request.secret(0),
        "access_token": request.secret(1),
        "access_secret": request.secret(2),
    }
    return connect_oauth1(session, base, request.name, request.ident, values, sandbox=sandbox)


def button_fields(values: dict[str, Any], _profile: ConnectionProfile) -> dict[str, Any]:
    """The sign-in button: OAuth 2.0 with the profile's public client (§14.5)."""
    return {
        "ident": str(values["client_id"]),
        "oauth2": True,
        "port": int(values.get("redirect_port") or REDIRECT_PORT),
    }


class _Bearer(requests.auth.AuthBase):
    def __init__(self, token: str) -> None:
        self.token = token

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        r.headers["Authorization"] = f"Bearer {self.token}"
        return r


def check(
    session: requests.Session,
    account: Account,
    secrets: dict[str, str],
    save: Callable[[dict[str, str]], None],
) -> Health:
    me(session, account.api_base, auth_for(session, account, secrets, save))
    return Health.from_expiry(0)
