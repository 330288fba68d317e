"""The Graph fake answers as Meta documents (PLATFORMS.md §2, §3, §15), with raw requests."""

from __future__ import annotations

import io
import json

import requests
from PIL import Image

from composer.sandbox import Sandbox, graph

PAGE = "1090000001"


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), "teal").save(out, "JPEG")
    return out.getvalue()


def test_debug_token_takes_the_app_token_or_a_developer_user_token_never_the_page_token(
    sandbox: Sandbox,
) -> None:
    base = f"{sandbox.graph.base_url}/v26.0"
    page_token = sandbox.graph.page_token(PAGE)
    app = requests.get(
        f"{base}/debug_token",
        params={"input_token": page_token, "access_token": f"{graph.APP_ID}|{graph.APP_SECRET}"},
        timeout=5,
    )
    assert app.status_code == 200 and app.json()["data"]["is_valid"] and app.json()["data"]["expires_at"] == 0
    user = requests.get(
        f"{base}/debug_token",
        params={"input_token": page_token, "access_token": graph.SHORT_USER_TOKEN},
        timeout=5,
    )
    assert user.status_code == 200 and user.json()["data"]["type"] == "PAGE"
    wrong = requests.get(
        f"{base}/debug_token", params={"input_token": page_token, "access_token": page_token}, timeout=5
    )
    error = wrong.json()["error"]
    assert wrong.status_code == 400 and (error["code"], error["error_subcode"]) == (190, 467)
    # The cheap authenticated read with the Page token itself works.
    me = requests.get(
        f"{base}/me",
        params={"fields": "id,name"},
        headers={"Authorization": f"Bearer {page_token}"},
        timeout=5,
    )
    assert me.status_code == 200 and me.json()["id"] == PAGE


def test_photos_take_alt_text_and_posts_show_their_attachments(sandbox: Sandbox) -> None:
    base = f"{sandbox.graph.base_url}/v26.0"
    auth = {"Authorization": f"Bearer {sandbox.graph.page_token(PAGE)}"}
    photo = requests.post(
        f"{base}/{PAGE}/photos",
        data={"published": "false", "alt_text_custom": "Loket paspor"},
        files={"source": ("a.jpg", jpeg(), "image/jpeg")},
        headers=auth,
        timeout=5,
    ).json()["id"]
    node = requests.get(f"{base}/{photo}", params={"fields": "alt_text_custom"}, headers=auth, timeout=5)
    assert node.json()["alt_text_custom"] == "Loket paspor"
    post = requests.post(
        f"{base}/{PAGE}/feed",
        data={"message": "Jam layanan", "attached_media": json.dumps([{"media_fbid": photo}])},
        headers=auth,
        timeout=5,
    )
    assert post.status_code == 200
    listed = requests.get(
        f"{base}/{PAGE}/published_posts",
        params={"fields": "id,message,created_time,attachments{media_type,target,subattachments}"},
        headers=auth,
        timeout=5,
    ).json()["data"][0]
    assert listed["attachments"]["data"][0]["target"]["id"] == photo
    # §2.6: photos already posted are refused (1366051), a repeated text status with 506.
    again = requests.post(
        f"{base}/{PAGE}/feed",
        data={"message": "lagi", "attached_media": json.dumps([{"media_fbid": photo}])},
        headers=auth,
        timeout=5,
    )
    assert again.json()["error"]["error_subcode"] == 1366051
    for expected in (200, 400):
        answer = requests.post(f"{base}/{PAGE}/feed", data={"message": "Status"}, headers=auth, timeout=5)
        assert answer.status_code == expected
    assert answer.json()["error"]["code"] == 506


def test_a_revoked_token_is_code_190(sandbox: Sandbox) -> None:
    token = sandbox.graph.page_token(PAGE)
    sandbox.graph.revoke(token)
    answer = requests.get(
        f"{sandbox.graph.base_url}/v26.0/me", headers={"Authorization": f"Bearer {token}"}, timeout=5
    )
    assert answer.status_code == 400 and answer.json()["error"]["code"] == 190
