"""The X fake answers as X documents (PLATFORMS.md §1), talked to with raw requests."""

from __future__ import annotations

import time

import requests
from requests_oauthlib import OAuth1

from composer.sandbox import Sandbox
from composer.sandbox import x as fake_x


def signer() -> OAuth1:
    return OAuth1(fake_x.CONSUMER_KEY, fake_x.CONSUMER_SECRET, fake_x.ACCESS_TOKEN, fake_x.ACCESS_SECRET)


def upload_photo(base: str) -> str:
    data = b"\xff\xd8\xff\xe0" + bytes(1000)
    init = requests.post(
        f"{base}/2/media/upload/initialize",
        json={"media_type": "image/jpeg", "total_bytes": len(data), "media_category": "tweet_image"},
        auth=signer(),
        timeout=5,
    )
    media_id = init.json()["data"]["id"]
    requests.post(
        f"{base}/2/media/upload/{media_id}/append",
        data={"segment_index": "0"},
        files={"media": ("blob", data)},
        auth=signer(),
        timeout=5,
    )
    requests.post(f"{base}/2/media/upload/{media_id}/finalize", auth=signer(), timeout=5)
    return str(media_id)


def test_a_post_is_created_and_read_back_with_t_co_links_and_the_media_link(sandbox: Sandbox) -> None:
    base = sandbox.x.base_url
    media_id = upload_photo(base)
    text = "Info: https://www.imigrasi.go.id/jadwal dan imigrasi.go.id/pengaduan"
    made = requests.post(
        f"{base}/2/tweets", json={"text": text, "media": {"media_ids": [media_id]}}, auth=signer(), timeout=5
    )
    assert made.status_code == 201 and made.json()["data"]["id"]
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))
    read = requests.get(
        f"{base}/2/users/{sandbox.x.user['id']}/tweets",
        params={"max_results": 5, "post.fields": "created_at,attachments", "start_time": since},
        auth=signer(),
        timeout=5,
    ).json()["data"][0]
    # §1.6: every URL as a t.co link, and one more t.co link for the media at the end.
    assert "imigrasi.go.id" not in read["text"]
    assert read["text"].count("https://t.co/") == 3 and read["text"].startswith("Info: https://t.co/")
    assert read["attachments"]["media_keys"] == [f"3_{media_id}"]
    later = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 60))
    empty = requests.get(
        f"{base}/2/users/{sandbox.x.user['id']}/tweets",
        params={"start_time": later},
        auth=signer(),
        timeout=5,
    )
    assert empty.json()["data"] == []


def test_a_429_with_only_the_15_minute_limit_spent(sandbox: Sandbox) -> None:
    sandbox.x.remaining = 0
    answer = requests.post(f"{sandbox.x.base_url}/2/tweets", json={"text": "halo"}, auth=signer(), timeout=5)
    assert answer.status_code == 429
    assert answer.headers["x-rate-limit-remaining"] == "0"
    assert int(answer.headers["x-user-limit-24hour-remaining"]) > 0  # the day's limit is not spent
    assert int(answer.headers["x-rate-limit-reset"]) <= time.time() + 900
    assert not sandbox.x.tweets


def test_duplicate_text_and_unready_media_are_refused(sandbox: Sandbox) -> None:
    base = sandbox.x.base_url
    assert (
        requests.post(f"{base}/2/tweets", json={"text": "sama"}, auth=signer(), timeout=5).status_code == 201
    )
    again = requests.post(f"{base}/2/tweets", json={"text": "sama"}, auth=signer(), timeout=5)
    assert again.status_code == 403 and "duplicate content" in again.json()["detail"]
    unknown = requests.post(
        f"{base}/2/tweets", json={"text": "x", "media": {"media_ids": ["123"]}}, auth=signer(), timeout=5
    )
    assert unknown.status_code == 400 and unknown.json()["type"].endswith("invalid-request")
    unsigned = requests.post(f"{base}/2/tweets", json={"text": "y"}, timeout=5)
    assert unsigned.status_code == 401
