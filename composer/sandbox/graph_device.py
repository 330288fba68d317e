"""Facebook Login for Devices on the fake Graph API, on its documented wire format
(shared/PLATFORMS.md §14.2; developers.facebook.com/docs/facebook-login/for-devices;
the ``fb-android`` SDK's constants and ``pollRequest``):

- ``POST /vNN/device/login`` form ``access_token=APP_ID|CLIENT_TOKEN`` and ``scope`` →
  ``{"code","user_code","verification_uri","expires_in","interval"}``;
- ``POST /vNN/device/login_status`` form ``access_token`` and ``code`` → the Graph
  error envelope with ``error_subcode`` 1349174 (pending), 1349172 (polling too fast),
  1349173 (declined), 1349152 (expired), or ``{"access_token","expires_in",
  "data_access_expiration_time"}`` once the user approved;
- ``/device`` is the page the user opens: a form with the code and Continue / Cancel.

Stricter readings where the doc is unclear: a poll sooner than ``interval`` after the
previous one is "too fast"; a used code cannot be redeemed twice; the access token must
be exactly the app's ``APP_ID|CLIENT_TOKEN`` (never the App Secret).
"""

from __future__ import annotations

import html
import secrets
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from composer.sandbox.graph_common import APP_ID, LONG_LIVED_SECONDS, graph_error
from composer.sandbox.server import Request, Response

if TYPE_CHECKING:
    from composer.sandbox.graph import GraphServer

CLIENT_TOKEN = "sandboxclienttoken7a1e0c"  # a sandbox value; real ones are made to be embedded
EXPIRES_IN = 420  # the doc's example
INTERVAL = 5  # the doc's example; tests lower GraphServer.device_interval
PENDING, TOO_FAST, DECLINED, EXPIRED = 1349174, 1349172, 1349173, 1349152


@dataclass
class DeviceGrant:
    code: str
    user_code: str
    scope: str
    issued: float
    interval: int
    expires_in: int
    last_poll: float = 0.0
    decision: str = ""  # "" pending, "approve", "deny"
    redeemed: bool = False


def install(server: GraphServer) -> None:
    """Add the device-login routes to *server*."""
    v = r"/v\d+\.\d+"
    server.route("POST", v + r"/device/login", lambda r: _login(server, r))
    server.route("POST", v + r"/device/login_status", lambda r: _status(server, r))
    server.route("GET", r"/device", lambda r: _page(server, r))
    server.route("POST", r"/device", lambda r: _decide(server, r))


def _app_token_ok(server: GraphServer, request: Request) -> bool:
    return request.params().get("access_token") == f"{APP_ID}|{CLIENT_TOKEN}"


def _error(message: str, subcode: int, title: str) -> Response:
    # code 31 with the device subcodes, as the SDK receives them; clients read the subcode.
    answer = graph_error(400, message, 31, subcode)
    answer.body["error"]["error_user_title"] = title
    return answer


def _login(server: GraphServer, request: Request) -> Response:
    if not _app_token_ok(server, request):
        return graph_error(400, "Invalid OAuth access token - Cannot parse access token", 190)
    grant = DeviceGrant(
        secrets.token_hex(16),
        "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8)),
        request.params().get("scope", ""),
        time.time(),
        server.device_interval,
        server.device_expires_in,
    )
    server.device_grants[grant.code] = grant
    return Response(
        200,
        {
            "code": grant.code,
            "user_code": grant.user_code,
            "verification_uri": f"{server.base_url}/device",
            "expires_in": grant.expires_in,
            "interval": grant.interval,
        },
    )


def _status(server: GraphServer, request: Request) -> Response:
    if not _app_token_ok(server, request):
        return graph_error(400, "Invalid OAuth access token - Cannot parse access token", 190)
    grant = server.device_grants.get(request.params().get("code", ""))
    now = time.time()
    if grant is None or grant.redeemed or now - grant.issued > grant.expires_in:
        return _error("This request requires the user to take a pending action", EXPIRED, "Code Expired")
    too_fast = grant.last_poll and now - grant.last_poll < grant.interval
    grant.last_poll = now
    if grant.decision == "deny":
        return _error("The user has declined", DECLINED, "Authorization Declined")
    if too_fast:
        return _error("User request limit reached", TOO_FAST, "Slow Down")
    if grant.decision != "approve":
        return _error(
            "This request requires the user to take a pending action",
            PENDING,
            "Device Login Authorization Pending",
        )
    grant.redeemed = True
    token = server.issue_user_token(long_lived=True)  # reports say ~60 days (§14.2 ❓)
    return Response(
        200,
        {
            "access_token": token,
            "expires_in": LONG_LIVED_SECONDS,
            "data_access_expiration_time": int(now) + 90 * 86400,
        },
    )


def approve(server: GraphServer, user_code: str, decision: str = "approve") -> bool:
    """What the user's click on facebook.com/device does (tests, the demo's browser)."""
    for grant in server.device_grants.values():
        if grant.user_code == user_code.strip().upper().replace("-", "") and not grant.decision:
            grant.decision = decision
            return True
    return False


_PAGE = """<!doctype html><meta charset="utf-8"><title>Facebook (Sandbox) — Connect a device</title>
<body style="font-family:sans-serif;max-width:30em;margin:4em auto">
<h1>Connect a device</h1><p>{message}</p>
<form method="post" action="/device"><input name="user_code" value="{code}" placeholder="ABCD1234">
<button name="decision" value="approve">Continue</button>
<button name="decision" value="deny">Cancel</button></form></body>"""


def _page(server: GraphServer, request: Request) -> Response:
    code = html.escape(request.query.get("user_code", ""))
    page = _PAGE.format(message="Enter the code shown on your device.", code=code)
    return Response(200, raw=page.encode(), headers={"Content-Type": "text/html; charset=utf-8"})


def _decide(server: GraphServer, request: Request) -> Response:
    form = request.form()
    decision = "deny" if form.get("decision") == "deny" else "approve"
    ok = approve(server, form.get("user_code", ""), decision)
    message = (
        ("You're connected. Go back to your device." if decision == "approve" else "Cancelled.")
        if ok
        else "That code is not valid."
    )
    page = _PAGE.format(message=message, code="")
    return Response(
        200 if ok else 400, raw=page.encode(), headers={"Content-Type": "text/html; charset=utf-8"}
    )
