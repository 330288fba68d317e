"""The WordPress fake answers as core does (PLATFORMS.md §5), with raw requests."""

from __future__ import annotations

import requests

from composer.sandbox import Sandbox
from composer.sandbox import wordpress as fake_wp

AUTH = (fake_wp.USERNAME, fake_wp.APP_PASSWORD)


def test_media_posts_and_the_slug_lookup(sandbox: Sandbox) -> None:
    base = f"{sandbox.wordpress.base_url}/wp-json/wp/v2"
    media = requests.post(
        f"{base}/media",
        data=b"\xff\xd8\xff\xe0" + bytes(100),
        headers={"Content-Type": "image/jpeg", "Content-Disposition": 'attachment; filename="a.jpg"'},
        auth=AUTH,
        timeout=5,
    )
    assert media.status_code == 201 and media.json()["source_url"].endswith("a.jpg")
    post = requests.post(
        f"{base}/posts",
        json={
            "title": "Jam",
            "content": "<p>x</p>",
            "status": "publish",
            "slug": "jam-abc123",
            "featured_media": media.json()["id"],
        },
        auth=AUTH,
        timeout=5,
    )
    assert post.status_code == 201
    found = requests.get(
        f"{base}/posts",
        params={"slug": "jam-abc123", "status": "any", "context": "edit"},
        auth=AUTH,
        timeout=5,
    )
    assert [p["id"] for p in found.json()] == [post.json()["id"]]


def test_misuse_is_refused_with_cores_codes(sandbox: Sandbox) -> None:
    base = f"{sandbox.wordpress.base_url}/wp-json/wp/v2"
    no_disposition = requests.post(
        f"{base}/media", data=b"x", headers={"Content-Type": "image/jpeg"}, auth=AUTH, timeout=5
    )
    assert (
        no_disposition.status_code == 400
        and no_disposition.json()["code"] == "rest_upload_no_content_disposition"
    )
    wrong = requests.post(f"{base}/posts", json={"title": "t"}, auth=(fake_wp.USERNAME, "wrong"), timeout=5)
    assert wrong.status_code == 401 and wrong.json()["code"] == "incorrect_password"
