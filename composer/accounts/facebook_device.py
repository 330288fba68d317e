"""Facebook Login for Devices: a code the officer enters at facebook.com/device, with only
the App ID and the client token (made to be embedded; never the App Secret).

Sources (shared/PLATFORMS.md §14.2): ``POST /vNN/device/login`` with
``access_token=APP_ID|CLIENT_TOKEN`` and ``scope``; poll ``POST /vNN/device/login_status``
every ``interval`` seconds (always the returned one); ``error_subcode`` 1349174 pending,
1349172 slow down, 1349173 declined, 1349152 expired
[developers.facebook.com/docs/facebook-login/for-devices; fb-android ``pollRequest``].
The answer's user token then lists the Pages (§2.2).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import requests

from composer.accounts import facebook
from composer.accounts.http import ApiError, json_of, request
from composer.accounts.redact import register

# Page publishing and the linked Instagram account (§2.2, §3.1).
SCOPES = (
    "pages_show_list",
    "pages_read_engagement",
    "pages_manage_posts",
    "business_management",
    "instagram_basic",
    "instagram_content_publish",
)
PENDING, TOO_FAST, DECLINED, EXPIRED = 1349174, 1349172, 1349173, 1349152
SLOW_DOWN_STEP = 5.0  # seconds added after "polling too fast" (the doc gives no figure)


@dataclass(frozen=True)
class DeviceCode:
    code: str  # the long code Siar polls with (not shown)
    user_code: str  # what the officer types at facebook.com/device
    verification_uri: str
    expires_in: float
    interval: float


def start(session: requests.Session, base: str, version: str, app_id: str, client_token: str) -> DeviceCode:
    answer = request(
        session,
        "POST",
        facebook.url(base, "device/login", version),
        data={"access_token": f"{app_id}|{client_token}", "scope": ",".join(SCOPES)},
    )
    if answer.status_code != 200:
        raise facebook.interpret(answer)
    body = json_of(answer) or {}
    register(str(body.get("code", "")))
    return DeviceCode(
        str(body["code"]),
        str(body["user_code"]),
        str(body.get("verification_uri") or "https://www.facebook.com/device"),
        float(body.get("expires_in") or 420),
        # The returned interval, even 0 (the sandbox's "no wait"); the doc's 5 s only when absent.
        float(body["interval"]) if body.get("interval") is not None else 5.0,
    )


def wait(
    session: requests.Session,
    base: str,
    version: str,
    app_id: str,
    client_token: str,
    device: DeviceCode,
    *,
    cancelled: Callable[[], bool] = lambda: False,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> tuple[str, float]:
    """The user token and its expiry (Unix time, 0 = none) once the officer approved.
    ApiError ``accounts.signin_denied`` / ``accounts.device_expired`` /
    ``accounts.signin_cancelled`` otherwise."""
    interval = device.interval
    deadline = clock() + device.expires_in
    while True:
        _nap(interval, cancelled, sleep)
        if clock() > deadline:
            raise ApiError("auth", "accounts.device_expired")
        answer = request(
            session,
            "POST",
            facebook.url(base, "device/login_status", version),
            data={"access_token": f"{app_id}|{client_token}", "code": device.code},
        )
        body = json_of(answer) or {}
        if answer.status_code == 200 and body.get("access_token"):
            token = str(body["access_token"])
            register(token)
            expires_in = float(body.get("expires_in") or 0)  # 0: no expiry (the SDK's reading)
            return token, time.time() + expires_in if expires_in else 0.0
        sub = int(((body.get("error") or {}) if isinstance(body, dict) else {}).get("error_subcode") or 0)
        if sub == PENDING:
            continue
        if sub == TOO_FAST:
            interval += SLOW_DOWN_STEP
            continue
        if sub == DECLINED:
            raise ApiError("auth", "accounts.signin_denied", answer.status_code)
        if sub == EXPIRED:
            raise ApiError("auth", "accounts.device_expired", answer.status_code)
        raise facebook.interpret(answer)


def _nap(seconds: float, cancelled: Callable[[], bool], sleep: Callable[[float], None]) -> None:
    """Sleep *seconds* in small steps so a cancel is felt at once."""
    left = seconds
    while True:
        if cancelled():
            raise ApiError("auth", "accounts.signin_cancelled")
        if left <= 0:
            return
        step = min(0.2, left)
        sleep(step)
        left -= step
