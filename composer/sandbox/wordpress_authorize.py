"""WordPress's "Authorize Application" page on the fake site (shared/PLATFORMS.md §14.4;
wp-trunk ``src/wp-admin/authorize-application.php`` and ``wp_is_authorize_application_
redirect_url_valid`` in ``src/wp-admin/includes/user.php``; wp-core ``rest-api.php``
``rest_add_application_passwords_to_index``).

- the REST index names the page under ``authentication["application-passwords"]``;
- ``app_id`` must be a UUID (``invalid_app_id``); a redirect URL needs a scheme and a host,
  ``javascript:``/``data:`` are refused, plain ``http`` is refused
  (``invalid_redirect_scheme``) unless the host is the literal ``127.0.0.1`` or ``[::1]``
  and the site runs WordPress 7.0 (``loopback_redirects``; older sites refuse it); the
  fake site's own pages count as the https site they stand for; other schemes
  (``siar://``) pass, as only http, javascript and data are singled out;
- Approve creates a new Application Password and redirects to ``success_url`` with
  ``site_url``, ``user_login`` and ``password``; without ``success_url`` the password is
  shown on the page; Reject goes to ``reject_url``, or ``success_url`` with
  ``success=false``; with Application Passwords off the way back carries ``error=disabled``.
The sandbox's visitor is already logged in as the site's user.
"""

from __future__ import annotations

import html
import re
import secrets
import string
import uuid
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from composer.sandbox.server import Request, Response
from composer.sandbox.wordpress_common import USERNAME

if TYPE_CHECKING:
    from composer.sandbox.wordpress import WordPressServer

PATH = "/wp-admin/authorize-application.php"
LOGIN_PASSWORD = "sandbox-login-pass-0e5d"
"""The site user's own login password: typed on the site's login page only, never to Siar
(the sandbox's visitor is logged in already; tests check it reaches Siar nowhere)."""


PROFILE_PATH = "/wp-admin/profile.php"


def install(server: WordPressServer) -> None:
    server.route("GET", re.escape(PATH), lambda r: _page(server, r))
    server.route("POST", re.escape(PATH), lambda r: _decide(server, r))
    server.route("GET", re.escape(PROFILE_PATH), lambda r: _profile(server))


def index_entry(server: WordPressServer) -> dict[str, object]:
    if not server.app_passwords_enabled:
        return {}
    return {"application-passwords": {"endpoints": {"authorization": f"{server.base_url}{PATH}"}}}


def _with_args(url: str, args: dict[str, str]) -> str:
    """``add_query_arg``: the URL's own query kept, *args* added or replaced."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(args)
    return urlunsplit(parts._replace(query=urlencode(query)))


def _redirect_problem(server: WordPressServer, url: str) -> str:
    if not url:
        return ""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc or parts.scheme in ("javascript", "data"):
        return "invalid_redirect_url_format"
    if url.startswith(f"{server.base_url}/"):
        # The sandbox site stands for the office's https site (Application Passwords
        # need https, §5.1), and an https return address passes every version's check.
        return ""
    if parts.scheme == "http":
        loopback = parts.hostname in ("127.0.0.1", "::1")
        if not (loopback and server.loopback_redirects):
            return "invalid_redirect_scheme"
    return ""


def _problem(server: WordPressServer, fields: dict[str, str]) -> str:
    try:
        uuid.UUID(fields.get("app_id", ""))
    except ValueError:
        return "invalid_app_id"
    return _redirect_problem(server, fields.get("success_url", "")) or _redirect_problem(
        server, fields.get("reject_url", "")
    )


def _html(body: str, status: int = 200) -> Response:
    page = (
        '<!doctype html><meta charset="utf-8"><title>Authorize Application ‹ Sandbox</title>'
        f'<body style="font-family:sans-serif;max-width:34em;margin:3em auto">{body}</body>'
    )
    return Response(status, raw=page.encode(), headers={"Content-Type": "text/html; charset=utf-8"})


def _page(server: WordPressServer, request: Request) -> Response:
    q = request.query
    problem = _problem(server, q)
    if problem:
        return _html(f"<h1>Error</h1><p>{html.escape(problem)}</p>", 400)
    if not server.app_passwords_enabled:
        back = _with_args(q.get("reject_url") or q.get("success_url", ""), {"error": "disabled"})
        return _html(
            f'<p>Application passwords are not available.</p><a href="{html.escape(back)}">Go back</a>'
        )
    hidden = "".join(
        f'<input type="hidden" name="{k}" value="{html.escape(q.get(k, ""))}">'
        for k in ("app_name", "app_id", "success_url", "reject_url")
    )
    return _html(
        f"<h1>Authorize Application</h1><p>Would you like to give <b>{html.escape(q.get('app_name', ''))}</b> "
        f"access to your account?</p><form method=post>{hidden}"
        '<button name="action" value="approve">Yes, I approve of this connection.</button> '
        '<button name="action" value="reject">No, I do not approve of this connection.</button></form>'
    )


def _decide(server: WordPressServer, request: Request) -> Response:
    form = request.form()
    problem = _problem(server, form)
    if problem:
        return _html(f"<h1>Error</h1><p>{html.escape(problem)}</p>", 400)
    success, reject = form.get("success_url", ""), form.get("reject_url", "")
    if form.get("action") != "approve":
        target = reject or (_with_args(success, {"success": "false"}) if success else "")
        if not target:
            return _html("<p>Cancelled.</p>")
        return Response(302, raw=b"", headers={"Location": target})
    password = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(24))
    server.users[USERNAME] = password  # the site's user gets this new Application Password
    server.app_passwords.append((form.get("app_name", ""), form.get("app_id", "")))
    if not success:
        shown = " ".join(password[i : i + 4] for i in range(0, 24, 4))
        return _html(
            f"<p>Your new password for {html.escape(form.get('app_name', ''))} is:</p><p><kbd>{shown}</kbd></p>"
        )
    target = _with_args(success, {"site_url": server.base_url, "user_login": USERNAME, "password": password})
    return Response(302, raw=b"", headers={"Location": target})


def _profile(server: WordPressServer) -> Response:
    """The logged-in user's profile page (where the copy-the-address fallback lands)."""
    return _html(f"<h1>Profile</h1><p>Username: <b>{html.escape(USERNAME)}</b></p>")


def browser_click(url: str, decision: str = "approve", timeout: float = 10.0) -> str:
    """What the officer's click on the authorize page does (tests, the demo): read the
    page, submit the decision, follow the redirect. Returns where the browser ended."""
    import requests

    with requests.Session() as http:
        page = http.get(url, timeout=timeout)
        if page.status_code != 200:
            return page.url
        fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page.text))
        fields = {k: html.unescape(v) for k, v in fields.items()}
        answer = http.post(url.split("?")[0], data={**fields, "action": decision}, timeout=timeout)
        return answer.url
