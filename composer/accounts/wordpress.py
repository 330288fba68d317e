"""The office WordPress site: Application Passwords over HTTP Basic; core's errors.

Sources (shared/PLATFORMS.md §5.1, §5.3):
- ``Authorization: Basic base64(user:app_password)``; core strips everything but
  [A-Za-z0-9] from the password, so the spaces it is shown with are harmless
  [wp-core class-wp-application-passwords.php].
- Application Passwords need HTTPS (``is_ssl()``) or a "local" environment, else
  ``501 application_passwords_disabled`` [wp-core user.php].
- verify with ``GET /wp-json/wp/v2/users/me?context=edit``; publishing needs the
  ``publish_posts`` and ``upload_files`` capabilities.
- errors ``{"code","message","data":{"status"}}``: incorrect_password,
  invalid_username, rest_not_logged_in (some hosts strip the Authorization header).
"""

from __future__ import annotations

import re
import time
from typing import Any

import requests

from composer.accounts.http import ApiError, check_api_base, json_of, request
from composer.accounts.model import PERMISSION, Account, Health
from composer.accounts.redact import register

SECRET_FIELDS = ("app_password",)
NEEDED = ("publish_posts", "upload_files")


def interpret(response: requests.Response) -> ApiError:
    body = json_of(response)
    body = body if isinstance(body, dict) else {}
    code = str(body.get("code", ""))
    message = str(body.get("message") or response.reason)
    status = response.status_code
    if code in ("incorrect_password", "invalid_username", "invalid_email"):
        return ApiError("auth", "accounts.wp_wrong_password", status, message)
    if code == "rest_not_logged_in":
        return ApiError("auth", "accounts.wp_header_stripped", status, message)
    if code == "application_passwords_disabled":
        return ApiError("auth", "accounts.wp_disabled", status, message)
    if status in (401, 403) and code.startswith("rest_cannot"):
        return ApiError("permission", "api.permission", status, message)
    if status == 429:
        return ApiError("rate_limit", "api.rate_limited", status, message, retry_after=60)
    if status >= 500:
        return ApiError("server", "api.server", status, message, retry_after=30)
    if status == 413 or code == "rest_upload_file_too_big":
        return ApiError("invalid", "api.wp_too_big", status, message)
    return ApiError("invalid", "api.rejected", status, message, params={"code": code})


def auth(account: Account, secrets: dict[str, str]) -> tuple[str, str]:
    return account.settings["username"], re.sub(r"[^A-Za-z0-9]", "", secrets["app_password"])


def rest(base: str, route: str) -> str:
    return f"{base.rstrip('/')}/wp-json/{route.lstrip('/')}"


def me(session: requests.Session, base: str, username: str, password: str) -> dict[str, Any]:
    answer = request(
        session,
        "GET",
        rest(base, "wp/v2/users/me"),
        params={"context": "edit"},
        auth=(username, re.sub(r"[^A-Za-z0-9]", "", password)),
    )
    if answer.status_code != 200:
        raise interpret(answer)
    return dict(json_of(answer) or {})


def _health(user: dict[str, Any]) -> Health:
    capabilities = user.get("capabilities") or {}
    if any(not capabilities.get(c) for c in NEEDED):
        return Health(PERMISSION, time.time(), 0, "accounts.wp_capabilities")
    return Health.from_expiry(0)


def connect(
    session: requests.Session,
    site: str,
    name: str,
    username: str,
    app_password: str,
    *,
    sandbox: bool = False,
) -> tuple[Account, dict[str, str], Health]:
    register(app_password, re.sub(r"[^A-Za-z0-9]", "", app_password))
    base = check_api_base(site)
    user = me(session, base, username, app_password)
    avatars = user.get("avatar_urls") or {}
    account = Account(
        "wordpress",
        name,
        base,
        "app_password",
        display_name=str(user.get("name", username)),
        handle=re.sub(r"^https?://", "", base),
        external_id=str(user.get("id", "")),
        picture_url=str(avatars.get("96") or next(iter(avatars.values()), "")),
        settings={"username": username},
        secret_fields=SECRET_FIELDS,
        sandbox=sandbox,
    )
    return account, {"app_password": app_password}, _health(user)


def check(session: requests.Session, account: Account, secrets: dict[str, str]) -> Health:
    username, password = auth(account, secrets)
    return _health(me(session, account.api_base, username, password))
