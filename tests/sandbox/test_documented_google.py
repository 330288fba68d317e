"""The YouTube fake answers as Google documents (PLATFORMS.md §4), with raw requests."""

from __future__ import annotations

import requests

from composer.sandbox import Sandbox
from composer.sandbox import google as fake_google

META = {"snippet": {"title": "Layanan", "description": "d"}, "status": {"privacyStatus": "private"}}


def refresh(base: str, refresh_token: str) -> requests.Response:
    form = {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
        "client_id": fake_google.CLIENT_ID,
        "client_secret": fake_google.CLIENT_SECRET,
    }
    return requests.post(f"{base}/token", data=form, timeout=5)


def start(base: str, token: str, size: int) -> str:
    answer = requests.post(
        f"{base}/upload/youtube/v3/videos",
        params={"uploadType": "resumable", "part": "snippet,status"},
        json=META,
        headers={"Authorization": f"Bearer {token}", "X-Upload-Content-Length": str(size)},
        timeout=5,
    )
    assert answer.status_code == 200
    return answer.headers["Location"]


def test_a_401_mid_upload_is_cured_by_a_refresh(sandbox: Sandbox) -> None:
    base = sandbox.google.base_url
    access, refresh_token = sandbox.google.issue()
    data = bytes(300_000)
    uri = start(base, access, len(data))
    first = requests.put(
        uri,
        data=data[:262_144],
        headers={"Authorization": f"Bearer {access}", "Content-Range": f"bytes 0-262143/{len(data)}"},
        timeout=5,
    )
    assert first.status_code == 308 and first.headers["Range"] == "bytes=0-262143"
    sandbox.google.expire_access_tokens()  # the hour ran out
    rest = {"Content-Range": f"bytes 262144-{len(data) - 1}/{len(data)}"}
    refused = requests.put(
        uri, data=data[262_144:], headers={"Authorization": f"Bearer {access}", **rest}, timeout=5
    )
    assert refused.status_code == 401
    assert refused.json()["error"]["errors"][0]["reason"] == "authError"
    fresh = refresh(base, refresh_token).json()["access_token"]
    done = requests.put(
        uri, data=data[262_144:], headers={"Authorization": f"Bearer {fresh}", **rest}, timeout=5
    )
    assert done.status_code == 201 and done.json()["status"]["uploadStatus"] == "uploaded"
    # The empty status query (§4.2) now says it finished: the "did it post?" check.
    status = requests.put(
        uri,
        data=b"",
        headers={"Authorization": f"Bearer {fresh}", "Content-Range": f"bytes */{len(data)}"},
        timeout=5,
    )
    assert status.status_code == 200 and status.json()["id"] == done.json()["id"]


def test_a_revoked_refresh_token_is_invalid_grant(sandbox: Sandbox) -> None:
    _access, refresh_token = sandbox.google.issue()
    sandbox.google.revoke_all()
    answer = refresh(sandbox.google.base_url, refresh_token)
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"


def test_the_days_uploads_spent_is_a_429_rate_limit_exceeded_per_day(sandbox: Sandbox) -> None:
    access, _refresh = sandbox.google.issue()
    sandbox.google.uploads_left = 0
    answer = requests.post(
        f"{sandbox.google.base_url}/upload/youtube/v3/videos",
        params={"uploadType": "resumable", "part": "snippet,status"},
        json=META,
        headers={"Authorization": f"Bearer {access}"},
        timeout=5,
    )
    error = answer.json()["error"]
    assert answer.status_code == 429 and error["errors"][0]["reason"] == "rateLimitExceeded"
    assert "per day" in error["message"]
