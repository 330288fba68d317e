"""The fakes serve citizens' comments and take replies and hides on the wire (PLATFORMS.md §12.2)."""

from __future__ import annotations

import base64
import time

import requests

from composer.sandbox import Sandbox, wordpress
from composer.sandbox.comments import REMARKS

PAGE = "1090000001"


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def test_facebook_comments_grow_with_the_clock_and_take_one_reply_and_a_hide(sandbox: Sandbox) -> None:
    graph = sandbox.graph
    clock = Clock()
    graph.page_comments.clock = clock
    base = f"{graph.base_url}/v26.0"
    auth = {"Authorization": f"Bearer {graph.page_token(PAGE)}"}
    post = requests.post(f"{base}/{PAGE}/feed", data={"message": "Jam layanan baru"}, headers=auth, timeout=5)
    post_id = post.json()["id"]
    fields = {"fields": "id,message,from,created_time,is_hidden", "order": "reverse_chronological"}

    def listed() -> list[dict[str, str]]:
        answer = requests.get(f"{base}/{post_id}/comments", params=fields, headers=auth, timeout=5)
        assert answer.status_code == 200, answer.text
        return answer.json()["data"]

    assert listed() == []  # nobody has commented yet
    clock.now += 30 * 60
    first = listed()
    assert len(first) == 2 and all(c["message"] in {r[1] for r in REMARKS} for c in first)
    assert first[0]["created_time"] > first[1]["created_time"]  # newest first
    assert "_" in first[0]["id"] and first[0]["id"].split("_")[0] == post_id.split("_")[1]
    clock.now += 4 * 86400  # past the last arrival (ARRIVALS_MIN: 5,200 min)
    assert len(listed()) == graph.page_comments.citizens_for(post_id)

    target = first[0]["id"]
    reply = requests.post(
        f"{base}/{target}/comments", data={"message": "Buka pukul 08.00."}, headers=auth, timeout=5
    )
    assert reply.status_code == 200 and reply.json()["id"]
    replies = requests.get(
        f"{base}/{target}/comments", params={"fields": "id,message,from"}, headers=auth, timeout=5
    )
    assert [r["message"] for r in replies.json()["data"]] == ["Buka pukul 08.00."]
    assert replies.json()["data"][0]["from"]["id"] == PAGE
    assert len(graph.page_comments.owner_replies()) == 1

    hide = requests.post(f"{base}/{first[1]['id']}", data={"is_hidden": "true"}, headers=auth, timeout=5)
    assert hide.json() == {"success": True}
    assert any(c["is_hidden"] for c in listed())


def test_writing_without_pages_manage_engagement_is_a_permission_error(sandbox: Sandbox) -> None:
    graph = sandbox.graph
    graph.page_comments.clock = lambda: time.time() + 86400
    base = f"{graph.base_url}/v26.0"
    auth = {"Authorization": f"Bearer {graph.page_token(PAGE)}"}
    post_id = requests.post(f"{base}/{PAGE}/feed", data={"message": "x"}, headers=auth, timeout=5).json()[
        "id"
    ]
    comment = requests.get(f"{base}/{post_id}/comments", headers=auth, timeout=5).json()["data"][0]["id"]
    graph.comment_grants.discard("pages_manage_engagement")
    reply = requests.post(f"{base}/{comment}/comments", data={"message": "Halo"}, headers=auth, timeout=5)
    assert reply.status_code == 403 and reply.json()["error"]["code"] == 200
    assert graph.page_comments.owner_replies() == []


def test_instagram_replies_and_hides_with_its_own_field_names(sandbox: Sandbox) -> None:
    graph = sandbox.graph
    graph.ig_comments.clock = lambda: time.time() + 86400
    ig = graph.igs[graph.pages[PAGE].ig_id]
    ig.media.insert(0, {"id": "17900000001", "caption": "Info", "_published": time.time()})
    base = f"{graph.base_url}/v26.0"
    auth = {"Authorization": f"Bearer {graph.page_token(PAGE)}"}
    data = requests.get(
        f"{base}/17900000001/comments",
        params={"fields": "id,text,username,timestamp,hidden"},
        headers=auth,
        timeout=5,
    ).json()["data"]
    assert data and {"text", "username", "hidden"} <= set(data[0])
    reply = requests.post(
        f"{base}/{data[0]['id']}/replies", data={"message": "Terima kasih"}, headers=auth, timeout=5
    )
    assert reply.status_code == 200
    assert requests.post(
        f"{base}/{data[1]['id']}", data={"hide": "true"}, headers=auth, timeout=5
    ).json() == {"success": True}
    again = requests.get(f"{base}/17900000001/comments", headers=auth, timeout=5).json()["data"]
    assert again[0]["replies"]["data"][0]["text"] == "Terima kasih" and again[1]["hidden"] is True
    graph.comment_grants.discard("instagram_manage_comments")
    refused = requests.get(f"{base}/17900000001/comments", headers=auth, timeout=5)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == 10


def test_youtube_threads_replies_and_moderation_cost_their_units(sandbox: Sandbox) -> None:
    google = sandbox.google
    google.video_comments.clock = lambda: time.time() + 86400
    google.videos.insert(
        0, {"id": "vid00000001", "publishedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    )
    token, _refresh = google.issue()
    auth = {"Authorization": f"Bearer {token}"}
    base = f"{google.base_url}/youtube/v3"
    threads = requests.get(
        f"{base}/commentThreads",
        params={"part": "snippet,replies", "videoId": "vid00000001", "maxResults": "100", "order": "time"},
        headers=auth,
        timeout=5,
    ).json()["items"]
    top = threads[0]["snippet"]["topLevelComment"]
    assert top["snippet"]["textOriginal"] and google.comment_units == 1
    reply = requests.post(
        f"{base}/comments",
        params={"part": "snippet"},
        json={"snippet": {"parentId": top["id"], "textOriginal": "Silakan cek situs kami."}},
        headers=auth,
        timeout=5,
    )
    assert reply.status_code == 200 and reply.json()["snippet"]["parentId"] == top["id"]
    assert google.comment_units == 51
    hide = requests.post(
        f"{base}/comments/setModerationStatus",
        params={"id": threads[1]["id"], "moderationStatus": "rejected"},
        headers=auth,
        timeout=5,
    )
    assert hide.status_code == 204
    back = requests.post(
        f"{base}/comments/setModerationStatus",
        params={"id": threads[1]["id"], "moderationStatus": "published"},
        headers=auth,
        timeout=5,
    )
    assert back.status_code == 400
    google.comment_grants.clear()
    refused = requests.get(
        f"{base}/commentThreads",
        params={"part": "snippet", "videoId": "vid00000001"},
        headers=auth,
        timeout=5,
    )
    assert (
        refused.status_code == 403
        and refused.json()["error"]["errors"][0]["reason"] == "insufficientPermissions"
    )


def test_wordpress_lists_approved_comments_and_hides_by_unapproving(sandbox: Sandbox) -> None:
    wp = sandbox.wordpress
    wp.post_comments.clock = lambda: time.time() + 86400
    basic = base64.b64encode(f"{wordpress.USERNAME}:{wordpress.APP_PASSWORD}".encode()).decode()
    auth = {"Authorization": f"Basic {basic}"}
    base = f"{wp.base_url}/wp-json/wp/v2"
    post = requests.post(
        f"{base}/posts", json={"title": "Info", "status": "publish"}, headers=auth, timeout=5
    ).json()
    edit = {
        "post": post["id"],
        "per_page": "100",
        "context": "edit",
    }  # the inbox's listing (metrics count apart)
    listed = requests.get(f"{base}/comments", params=edit, headers=auth, timeout=5)
    comments = listed.json()
    assert comments and listed.headers["X-WP-Total"] == str(len(comments))
    reply = requests.post(
        f"{base}/comments",
        json={"post": post["id"], "parent": comments[0]["id"], "content": "Terima kasih."},
        headers=auth,
        timeout=5,
    )
    assert reply.status_code == 201 and reply.json()["parent"] == comments[0]["id"]
    hold = requests.post(
        f"{base}/comments/{comments[1]['id']}", json={"status": "hold"}, headers=auth, timeout=5
    )
    assert hold.status_code == 200
    public = requests.get(f"{base}/comments", params=edit, headers=auth, timeout=5).json()
    assert comments[1]["id"] not in [c["id"] for c in public]
    anonymous = requests.post(f"{base}/comments/{comments[0]['id']}", json={"status": "hold"}, timeout=5)
    assert anonymous.status_code == 401
