"""Facebook's manual login flow on the fake Graph server (shared/PLATFORMS.md §14.3;
developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow):
``GET /vNN/dialog/oauth?client_id&redirect_uri&response_type=token&scope&state`` shows
the consent page; Continue redirects to ``redirect_uri#access_token=…&expires_in=…
&state=…``, Cancel to ``redirect_uri?error=access_denied&error_code=200
&error_description=Permissions+error&error_reason=user_denied&state=…``. The
``redirect_uri`` must be exactly the desktop one, ``…/connect/login_success.html``
(Strict Mode), and ``response_type=code`` is refused here because exchanging a code
needs the App Secret, which a desktop app must not hold.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from composer.sandbox.graph_common import APP_ID, SHORT_LIVED_SECONDS
from composer.sandbox.server import Request, Response

if TYPE_CHECKING:
    from composer.sandbox.graph import GraphServer


def install(server: GraphServer) -> None:
    v = r"/v\d+\.\d+"
    server.route("GET", v + r"/dialog/oauth", lambda r: _dialog(server, r))
    server.route("POST", v + r"/dialog/oauth", lambda r: _decide(server, r))
    server.route("GET", re.escape("/connect/login_success.html"), lambda r: _landing())


def _problem(server: GraphServer, fields: dict[str, str]) -> str:
    if fields.get("client_id") != APP_ID:
        return "Invalid App ID"
    if fields.get("redirect_uri") != f"{server.base_url}/connect/login_success.html":
        return "URL blocked: this redirect failed because the redirect URI is not whitelisted"
    if fields.get("response_type") != "token":
        return "response_type must be token for this app"
    return ""


def _page(body: str, status: int = 200) -> Response:
    page = f'<!doctype html><meta charset="utf-8"><title>Facebook (Sandbox)</title><body>{body}</body>'
    return Response(status, raw=page.encode(), headers={"Content-Type": "text/html; charset=utf-8"})


def _dialog(server: GraphServer, request: Request) -> Response:
    q = request.query
    problem = _problem(server, q)
    if problem:
        return _page(f"<h1>Error</h1><p>{html.escape(problem)}</p>", 400)
    hidden = "".join(
        f'<input type="hidden" name="{k}" value="{html.escape(v)}">'
        for k, v in q.items()
        if k in ("client_id", "redirect_uri", "response_type", "scope", "state")
    )
    return _page(
        f"<h1>Siar Sandbox would like to manage your Pages</h1><form method=post>{hidden}"
        '<button name="action" value="continue">Continue</button>'
        '<button name="action" value="cancel">Cancel</button></form>'
    )


def _decide(server: GraphServer, request: Request) -> Response:
    form = request.form()
    problem = _problem(server, form)
    if problem:
        return _page(f"<h1>Error</h1><p>{html.escape(problem)}</p>", 400)
    target = form["redirect_uri"]
    if form.get("action") != "continue":
        denied = {
            "error": "access_denied",
            "error_code": "200",
            "error_description": "Permissions error",
            "error_reason": "user_denied",
            "state": form.get("state", ""),
        }
        return Response(302, raw=b"", headers={"Location": f"{target}?{urlencode(denied)}#_=_"})
    # A token from the client-side flow is short-lived (§14.3, §2.2).
    token = server.issue_user_token(long_lived=False)
    fragment = urlencode(
        {"access_token": token, "expires_in": SHORT_LIVED_SECONDS, "state": form.get("state", "")}
    )
    return Response(302, raw=b"", headers={"Location": f"{target}#{fragment}"})


def _landing() -> Response:
    return _page(
        "<p>Success</p><p>SECURITY WARNING: Please treat the URL above as you would your password.</p>"
    )


def browser_click(url: str, decision: str = "continue", timeout: float = 10.0) -> str:
    """The officer's click on the consent page; the final address (what they paste)."""
    import requests

    with requests.Session() as http:
        page = http.get(url, timeout=timeout)
        fields = {k: html.unescape(v) for k, v in re.findall(r'name="(\w+)" value="([^"]*)"', page.text)}
        answer = http.post(
            url.split("?")[0], data={**fields, "action": decision}, timeout=timeout, allow_redirects=False
        )
        return answer.headers.get("Location", "")
