"""WordPress "Authorize Application": the officer approves Siar on their own site and the
new Application Password comes back to Siar; nobody copies a password or types a login.

Sources (shared/PLATFORMS.md §14.4; wp-trunk ``src/wp-admin/authorize-application.php``,
``src/wp-admin/includes/user.php``; wp-core ``rest-api.php``):
- discovery: ``GET /wp-json/`` → ``authentication["application-passwords"].endpoints
  .authorization``; absent when Application Passwords are unavailable;
- ``…/authorize-application.php?app_name&app_id(UUID)&success_url&reject_url``;
- approval redirects to ``success_url`` with ``site_url``, ``user_login``, ``password``;
  rejection to ``reject_url`` (``error=disabled`` when passwords are off);
- ``success_url`` may be plain http only for the literal ``127.0.0.1``/``[::1]`` (WordPress
  7.0) or a "local" site; the loopback answer lands on 127.0.0.1 here. The password
  travels in a URL, so it is registered with the redactor at once and never logged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import requests

from composer.accounts import wordpress
from composer.accounts.http import ApiError, check_api_base, json_of, request
from composer.accounts.model import Account, Health
from composer.accounts.oauth import LoopbackReceiver
from composer.accounts.redact import register

if TYPE_CHECKING:
    from composer.accounts.connect_request import ConnectRequest
    from composer.accounts.profile import ConnectionProfile

APP_UUID = "5b0e8e4e-7d39-4f55-9d1e-3c0c5a2f7b61"
"""Siar's ``app_id`` on the WordPress authorize page when the profile names none (a UUID, §14.4)."""


def authorization_endpoint(session: requests.Session, site: str) -> str:
    answer = request(session, "GET", wordpress.rest(site, ""))
    body = json_of(answer) if answer.status_code == 200 else None
    auth = (body or {}).get("authentication") if isinstance(body, dict) else None
    endpoint = (((auth or {}).get("application-passwords") or {}).get("endpoints") or {}).get("authorization")
    if not endpoint:
        raise ApiError("auth", "accounts.wp_no_authorize", answer.status_code)
    return check_api_base(str(endpoint))


def password_page(session: requests.Session, site: str, app_name: str, app_uuid: str) -> str:
    """The authorize page without a return address: for sites that refuse the loopback
    one (before WordPress 7.0), WordPress then shows the new password to copy (§14.4)."""
    endpoint = authorization_endpoint(session, check_api_base(site))
    return f"{endpoint}?{urlencode({'app_name': app_name, 'app_id': app_uuid})}"


def connect(
    session: requests.Session,
    site: str,
    name: str,
    app_name: str,
    app_uuid: str,
    open_browser: Callable[[str], object],
    *,
    cancelled: Callable[[], bool] = lambda: False,
    timeout: float = 600.0,
    sandbox: bool = False,
) -> tuple[Account, dict[str, str], Health]:
    base = check_api_base(site)
    endpoint = authorization_endpoint(session, base)
    receiver = LoopbackReceiver(0, "/wordpress", answer="password")
    back = f"{receiver.redirect_uri}?{urlencode({'state': receiver.state})}"
    query = {
        "app_name": app_name,
        "app_id": app_uuid,
        "success_url": back,
        "reject_url": f"{back}&error=access_denied",
    }
    open_browser(f"{endpoint}?{urlencode(query)}")
    try:
        answer = receiver.wait_query(timeout, cancelled)
    except ApiError as exc:
        if exc.code == "accounts.consent_denied" and exc.detail == "disabled":
            raise ApiError("auth", "accounts.wp_app_password_disabled") from None
        raise
    password, login = answer.get("password", ""), answer.get("user_login", "")
    register(password)
    if not password or not login:
        raise ApiError("auth", "accounts.consent_denied")
    return wordpress.connect(session, base, name, login, password, sandbox=sandbox)


def connect_request(
    request: ConnectRequest, session: requests.Session, base: str, sandbox: bool
) -> tuple[Account, dict[str, str], Health]:
    """``Connector.connect``: the Authorize Application page (the button), or the user
    name and Application Password typed in the Accounts window."""
    if not request.authorize:
        return wordpress.connect(
            session, base, request.name, request.username, request.secret(0), sandbox=sandbox
        )
    return connect(
        session,
        base,
        request.name,
        request.app_name,
        request.app_uuid or APP_UUID,
        request.open_browser,
        cancelled=request.cancelled,
        sandbox=sandbox,
    )


def button_fields(values: dict[str, Any], _profile: ConnectionProfile) -> dict[str, Any]:
    """The sign-in button: the Authorize Application page with the profile's app name and id."""
    return {
        "authorize": True,
        "app_name": str(values.get("app_name") or "Siar"),
        "app_uuid": str(values.get("app_id", "")),
    }
