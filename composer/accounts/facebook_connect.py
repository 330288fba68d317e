"""Facebook's first sign-in step (``Connector.connect``): a token for the officer, then
the Pages it manages (the officer chooses; ``session.connect.facebook_page_accounts``
finishes). The token comes from Facebook Login for Devices (§14.2) or, typed in the
Accounts window, from the App Secret and a short-lived user token exchanged for a
long-lived one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import requests

from composer.accounts import facebook, facebook_device
from composer.accounts.connect_request import ConnectRequest, FacebookPages

if TYPE_CHECKING:
    from composer.accounts.profile import ConnectionProfile


def connect_request(
    request: ConnectRequest, session: requests.Session, base: str, sandbox: bool
) -> FacebookPages:
    if request.device:
        return _device(request, base, sandbox, session)
    long_token, _expires = facebook.exchange_token(
        session, base, request.ident, request.secret(0), request.secret(1)
    )
    pages = facebook.list_pages(session, base, long_token)
    return FacebookPages(base, request.ident, pages, sandbox, request.pictures)


def _device(request: ConnectRequest, base: str, sandbox: bool, session: requests.Session) -> FacebookPages:
    version = request.graph_version or facebook.GRAPH_VERSION
    app_id, client_token = request.ident, request.secret(0)
    device = facebook_device.start(session, base, version, app_id, client_token)
    if request.on_code is not None:
        request.on_code(device)
    # §14.2: ``…/device?user_code=…`` opens the page with the code filled in.
    request.open_browser(f"{device.verification_uri}?{urlencode({'user_code': device.user_code})}")
    user_token, _expires = facebook_device.wait(
        session, base, version, app_id, client_token, device, cancelled=request.cancelled
    )
    pages = facebook.list_pages(session, base, user_token)
    return FacebookPages(base, app_id, pages, sandbox, request.pictures)


def button_fields(values: dict[str, Any], _profile: ConnectionProfile) -> dict[str, Any]:
    """The sign-in button: device login with the profile's client token (§14.2), or the
    browser login (§14.3) when the profile's ``login`` says so."""
    return {
        "ident": str(values["app_id"]),
        "secrets": (str(values.get("client_token", "")),),
        "device": values.get("login", "device") == "device",
        "graph_version": str(values.get("graph_version", "")),
    }
