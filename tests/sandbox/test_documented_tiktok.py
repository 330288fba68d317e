"""The TikTok fake does what TikTok documents (shared/PLATFORMS.md §13), with raw requests:
the envelope, Login Kit for desktop, the chunk rules, the status states, the unaudited
app's limits and the rate limits."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from composer.sandbox.tiktok import CLIENT_KEY, CLIENT_SECRET, TikTokServer

MB = 1024 * 1024


@pytest.fixture
def tiktok() -> Iterator[TikTokServer]:
    with TikTokServer() as server:
        yield server


def _post(server: TikTokServer, path: str, token: str, body: dict[str, Any]) -> requests.Response:
    return requests.post(
        f"{server.base_url}{path}",
        json=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json; charset=UTF-8"},
        timeout=10,
    )


def _source(size: int, chunk: int, count: int) -> dict[str, Any]:
    return {"source": "FILE_UPLOAD", "video_size": size, "chunk_size": chunk, "total_chunk_count": count}


def _direct(server: TikTokServer, token: str, privacy: str, size: int = 1000) -> requests.Response:
    return _post(
        server,
        "/v2/post/publish/video/init/",
        token,
        {"post_info": {"title": "Halo", "privacy_level": privacy}, "source_info": _source(size, size, 1)},
    )


def _put(url: str, data: bytes, first: int, total: int) -> requests.Response:
    return requests.put(
        url,
        data=data,
        headers={
            "Content-Type": "video/mp4",
            "Content-Range": f"bytes {first}-{first + len(data) - 1}/{total}",
        },
        timeout=30,
    )


def test_every_answer_is_the_envelope_with_a_log_id(tiktok: TikTokServer) -> None:
    bad = _post(tiktok, "/v2/post/publish/creator_info/query/", "act.nope", {})
    assert bad.status_code == 401
    assert bad.json()["error"]["code"] == "access_token_invalid" and bad.json()["error"]["log_id"]
    token = tiktok.issue().access
    good = _post(tiktok, "/v2/post/publish/creator_info/query/", token, {})
    assert good.json()["error"]["code"] == "ok"
    assert "SELF_ONLY" in good.json()["data"]["privacy_level_options"]
    upload_only = tiktok.issue("user.info.basic,video.upload").access
    refused = _post(tiktok, "/v2/post/publish/creator_info/query/", upload_only, {})
    assert (refused.status_code, refused.json()["error"]["code"]) == (401, "scope_not_authorized")


def test_an_unaudited_app_may_post_only_privately_from_a_private_account(tiktok: TikTokServer) -> None:
    # content-sharing-guidelines: SELF_ONLY, and the account must be private when posting.
    token = tiktok.issue().access
    public = _direct(tiktok, token, "PUBLIC_TO_EVERYONE")
    assert public.status_code == 403
    assert public.json()["error"]["code"] == "unaudited_client_can_only_post_to_private_accounts"
    assert _direct(tiktok, token, "SELF_ONLY").status_code == 403  # the office account is public
    tiktok.account_private = True
    assert _direct(tiktok, token, "SELF_ONLY").json()["error"]["code"] == "ok"
    tiktok.audited, tiktok.account_private = True, False
    assert _direct(tiktok, token, "PUBLIC_TO_EVERYONE").json()["error"]["code"] == "ok"
    mismatch = _direct(tiktok, token, "FOLLOWER_OF_CREATOR")  # not one of this creator's options
    assert mismatch.json()["error"]["code"] == "privacy_level_option_mismatch"


def test_upload_to_inbox_needs_only_video_upload_and_no_post_info(tiktok: TikTokServer) -> None:
    token = tiktok.issue("user.info.basic,video.upload").access
    answer = _post(
        tiktok, "/v2/post/publish/inbox/video/init/", token, {"source_info": _source(1000, 1000, 1)}
    )
    assert answer.json()["error"]["code"] == "ok"
    assert _direct(tiktok, token, "SELF_ONLY").json()["error"]["code"] == "scope_not_authorized"


@pytest.mark.parametrize(
    ("size", "chunk", "count"),
    [
        (3 * MB, 1 * MB, 3),  # under 5 MB: one chunk of the whole file
        (20 * MB, 4 * MB, 5),  # chunks under 5 MB
        (200 * MB, 65 * MB, 3),  # chunks over 64 MB
        (23 * MB, 10 * MB, 3),  # count must be floor(size / chunk) = 2
    ],
)
def test_init_refuses_chunk_plans_the_media_transfer_guide_forbids(
    tiktok: TikTokServer, size: int, chunk: int, count: int
) -> None:
    token = tiktok.issue().access
    answer = _post(
        tiktok, "/v2/post/publish/inbox/video/init/", token, {"source_info": _source(size, chunk, count)}
    )
    assert (answer.status_code, answer.json()["error"]["code"]) == (400, "invalid_params")


def test_chunks_in_order_206_then_201_and_a_chunk_out_of_order_is_416(tiktok: TikTokServer) -> None:
    token = tiktok.issue().access
    size, chunk = 11 * MB, 5 * MB  # two chunks: 5 MB and the 6 MB remainder
    init = _post(
        tiktok, "/v2/post/publish/inbox/video/init/", token, {"source_info": _source(size, chunk, 2)}
    )
    data = init.json()["data"]
    url, publish_id = data["upload_url"], data["publish_id"]
    video = bytes(size)
    assert _put(url, video[chunk:], chunk, size).status_code == 416  # the second one first
    assert _put(url, video[: chunk - 1], 0, size).status_code == 416  # shorter than declared
    assert _put(url, video[:chunk], 0, size).status_code == 206
    status = _post(tiktok, "/v2/post/publish/status/fetch/", token, {"publish_id": publish_id}).json()["data"]
    assert status == {"status": "PROCESSING_UPLOAD", "uploaded_bytes": chunk}
    assert _put(url, video[chunk:], chunk, size).status_code == 201
    seen = []
    for _ in range(3):
        answer = _post(tiktok, "/v2/post/publish/status/fetch/", token, {"publish_id": publish_id})
        seen.append(answer.json()["data"]["status"])
    assert seen == ["PROCESSING_UPLOAD", "SEND_TO_USER_INBOX", "SEND_TO_USER_INBOX"]


def test_processing_can_fail_with_a_reason_and_direct_posts_get_a_post_id(tiktok: TikTokServer) -> None:
    tiktok.audited, tiktok.processing_polls = True, 0
    token = tiktok.issue().access
    for fail in ("file_format_check_failed", ""):
        tiktok.fail_next = fail
        data = _direct(tiktok, token, "PUBLIC_TO_EVERYONE").json()["data"]
        assert _put(data["upload_url"], bytes(1000), 0, 1000).status_code == 201
        status = _post(tiktok, "/v2/post/publish/status/fetch/", token, {"publish_id": data["publish_id"]})
        body = status.json()["data"]
        if fail:
            assert body["status"] == "FAILED" and body["fail_reason"] == fail
        else:
            assert body["status"] == "PUBLISH_COMPLETE" and body["publicaly_available_post_id"]  # sic


def test_six_inits_a_minute_per_token(tiktok: TikTokServer) -> None:
    token = tiktok.issue().access
    body = {"source_info": _source(1000, 1000, 1)}
    codes = [_post(tiktok, "/v2/post/publish/inbox/video/init/", token, body).status_code for _ in range(7)]
    assert codes == [200] * 6 + [429]
    limited = _post(tiktok, "/v2/post/publish/inbox/video/init/", token, body).json()
    assert limited["error"]["code"] == "rate_limit_exceeded"


def test_photos_only_by_url_pull_from_a_verified_prefix(tiktok: TikTokServer) -> None:
    token = tiktok.issue().access
    body = {
        "media_type": "PHOTO",
        "post_mode": "MEDIA_UPLOAD",
        "post_info": {"title": "Halo", "description": "Isi"},
        "source_info": {"source": "PULL_FROM_URL", "photo_images": ["https://elsewhere.example/a.jpg"]},
    }
    refused = _post(tiktok, "/v2/post/publish/content/init/", token, body)
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "url_ownership_unverified")
    tiktok.verified_prefixes.append("https://elsewhere.example/")
    assert _post(tiktok, "/v2/post/publish/content/init/", token, body).json()["error"]["code"] == "ok"
    body["source_info"] = {"source": "FILE_UPLOAD", "photo_images": ["https://elsewhere.example/a.jpg"]}
    assert _post(tiktok, "/v2/post/publish/content/init/", token, body).status_code == 400


def _authorize(tiktok: TikTokServer, redirect: str, challenge: str) -> requests.Response:
    query = {
        "client_key": CLIENT_KEY,
        "response_type": "code",
        "scope": "user.info.basic,video.upload",
        "redirect_uri": redirect,
        "state": "s1",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    return requests.get(
        f"{tiktok.base_url}/v2/auth/authorize/?{urlencode(query)}", allow_redirects=False, timeout=10
    )


@pytest.mark.parametrize("encoding", ["base64url", "hex"])
def test_desktop_login_needs_a_loopback_callback_and_the_client_secret(
    tiktok: TikTokServer, encoding: str
) -> None:
    verifier = "v" * 64
    digest = hashlib.sha256(verifier.encode())
    challenge = (
        digest.hexdigest()
        if encoding == "hex"
        else base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()
    )
    for wrong in (
        "http://127.0.0.1/callback/",
        "https://example.org:8080/callback/",
        "http://127.0.0.1:9/x?y=1",
    ):
        assert _authorize(tiktok, wrong, challenge).status_code == 400
    redirect = "http://127.0.0.1:53682/callback/"
    answer = _authorize(tiktok, redirect, challenge)
    assert answer.status_code == 302
    code = parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]
    form = {
        "client_key": CLIENT_KEY,
        "code": code,
        "grant_type": "authorization_code",
        "redirect_uri": redirect,
        "code_verifier": verifier,
    }
    without_secret = requests.post(f"{tiktok.base_url}/v2/oauth/token/", data=form, timeout=10)
    assert without_secret.json()["error"] == "invalid_client"
    token = requests.post(
        f"{tiktok.base_url}/v2/oauth/token/", data={**form, "client_secret": CLIENT_SECRET}, timeout=10
    ).json()
    assert token["expires_in"] == 86_400 and token["refresh_expires_in"] > 364 * 86_400
    # The refresh answers a new refresh token; the old one stops working (the stricter reading).
    refresh = {
        "client_key": CLIENT_KEY,
        "client_secret": CLIENT_SECRET,
        "grant_type": "refresh_token",
        "refresh_token": token["refresh_token"],
    }
    renewed = requests.post(f"{tiktok.base_url}/v2/oauth/token/", data=refresh, timeout=10).json()
    assert renewed["refresh_token"] != token["refresh_token"]
    again = requests.post(f"{tiktok.base_url}/v2/oauth/token/", data=refresh, timeout=10)
    assert again.json()["error"] == "invalid_grant"
    tiktok.expire_access_tokens()
    expired = _post(tiktok, "/v2/post/publish/creator_info/query/", renewed["access_token"], {})
    assert expired.json()["error"]["code"] == "access_token_invalid"


def test_a_creators_daily_cap_is_spam_risk_too_many_posts(tiktok: TikTokServer) -> None:
    tiktok.daily_cap = 2
    body = {"source_info": _source(1000, 1000, 1)}
    answers = [
        _post(tiktok, "/v2/post/publish/inbox/video/init/", tiktok.issue().access, body) for _ in range(3)
    ]
    assert [a.status_code for a in answers] == [200, 200, 403]
    assert answers[2].json()["error"]["code"] == "spam_risk_too_many_posts"
