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

import hmac
import secrets as token_bytes
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

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


PROFILE_PAGE = "profile.php"
STATE_ARG = "siar_state"


def address_page(session: requests.Session, site: str, app_name: str, app_uuid: str) -> tuple[str, str]:
    """(authorize URL, state) for sites that refuse Siar's own return addresses (the
    loopback before WordPress 7.0, §14.4, and no ``siar://`` handler installed).

    The return address is then the site's own profile page over https, which every
    WordPress ≥ 5.6 accepts. After Approve the browser shows that page with
    ``user_login`` and ``password`` in its address, so the officer copies ONE thing, the
    address bar, into one field. (Without a return address WordPress shows only the
    password, and the user name would be a second thing to type: auth-app.js shows
    "Your new password for … is:" and nothing else.) An admin page rather than the
    front page, so a site's visitor analytics never see the address."""
    endpoint = authorization_endpoint(session, check_api_base(site))
    state = token_bytes.token_urlsafe(16)
    back = f"{endpoint.rsplit('/', 1)[0]}/{PROFILE_PAGE}?{urlencode({STATE_ARG: state})}"
    query = {"app_name": app_name, "app_id": app_uuid, "success_url": back}
    return f"{endpoint}?{urlencode(query)}", state


def from_address(pasted: str, site: str, state: str) -> tuple[str, str]:
    """(user_login, password) from the address the officer pasted; ApiError with a plain
    message for anything else (another site, another sign-in, only the password)."""
    parts = urlsplit(pasted.strip())
    query = dict(parse_qsl(parts.query))
    password, login = query.get("password", ""), query.get("user_login", "")
    register(password)
    origin = urlsplit(check_api_base(site))
    same_site = (parts.scheme, parts.netloc.lower()) == (origin.scheme, origin.netloc.lower())
    answered = urlsplit(query.get("site_url", ""))
    same_answer = (answered.scheme, answered.netloc.lower()) == (origin.scheme, origin.netloc.lower())
    if query.get("success") == "false":
        raise ApiError("auth", "accounts.consent_denied")
    if not (same_site and same_answer and parts.path.endswith(f"/{PROFILE_PAGE}")):
        raise ApiError("auth", "accounts.wp_paste_address")
    if not hmac.compare_digest(query.get(STATE_ARG, ""), state) or not state:
        raise ApiError("auth", "accounts.wp_paste_address")
    if not login or not password:
        raise ApiError("auth", "accounts.wp_paste_address")
    return login, password


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
    app_link: bool = False,
) -> tuple[Account, dict[str, str], Health]:
    """*app_link*: come back through ``siar://`` (the installed handler, any WordPress
    ≥ 5.6) rather than the loopback (WordPress 7.0 only)."""
    from composer.accounts import app_links

    base = check_api_base(site)
    endpoint = authorization_endpoint(session, base)
    waiter = app_links.expect(base) if app_link else None
    receiver = None if waiter is not None else LoopbackReceiver(0, "/wordpress", answer="password")
    if waiter is not None:
        back = waiter.url
    else:
        assert receiver is not None
        back = f"{receiver.redirect_uri}?{urlencode({'state': receiver.state})}"
    query = {
        "app_name": app_name,
        "app_id": app_uuid,
        "success_url": back,
        "reject_url": f"{back}&error=access_denied",
    }
    open_browser(f"{endpoint}?{urlencode(query)}")
    try:
        if waiter is not None:
            answer = waiter.wait(timeout, cancelled)
        else:
            assert receiver is not None
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
        app_link=request.app_link,
    )


def button_fields(values: dict[str, Any], _profile: ConnectionProfile) -> dict[str, Any]:
    """The sign-in button: the Authorize Application page with the profile's app name and id."""
    from composer.accounts import app_links

    return {
        "authorize": True,
        "app_link": app_links.available(),  # siar:// when installed: works before WordPress 7.0
        "app_name": str(values.get("app_name") or "Siar"),
        "app_uuid": str(values.get("app_id", "")),
    }
