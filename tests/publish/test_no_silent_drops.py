"""Issue 13 item 1: every attachment is posted, or preflight names it (no silent drops)."""

from __future__ import annotations

import dataclasses
import io

import pytest
from PIL import Image

from composer.core.findings import Severity
from composer.core.media_plan import REFUSED, MediaFate, plan_findings
from composer.core.post import MediaItem, PlatformContent, Post
from composer.publish.preflight import ERROR, WARNING, preflight
from composer.publish.prepare import payload
from composer.store.outbox import DONE
from tests.publish.conftest import FAKE_MP4, Env

PLATFORMS = ("facebook", "instagram", "x", "wordpress", "youtube")
CASES = {"photo": (1, False), "video": (0, True), "photo+video": (1, True), "5 photos+video": (5, True)}


def _jpeg(shade: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (shade, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def _post(env: Env, photos: int, video: bool) -> Post:
    post = Post(title="Layanan Sabtu", text="Layanan paspor buka Sabtu pukul 08.00", tags=["paspor"])
    for n in range(photos):
        item = env.workspace.media.import_bytes(_jpeg(20 * n), f"foto-{n + 1}.jpg")
        post.media.append(dataclasses.replace(item, alt=f"Foto {n + 1}"))
    if video:
        post.media.append(env.workspace.media.import_bytes(FAKE_MP4, "klip.mp4"))
    env.workspace.drafts.save(post)
    return post


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("platform", PLATFORMS)
def test_every_attachment_is_posted_or_named_in_preflight(env: Env, platform: str, case: str) -> None:
    photos, video = CASES[case]
    post = _post(env, photos, video)
    checks = preflight(post, [env.account(platform)])
    sent = payload(post, platform, env.workspace.media)
    posted = [p["source"] for p in sent["photos"]] + ([sent["video"]["id"]] if sent["video"] else [])
    media = post.content_for(platform).media
    assert len(posted) == len(set(posted)) and set(posted) <= {m.id for m in media}
    for index, item in enumerate(media):
        if item.id in posted:
            continue
        named = [c for c in checks if f"{index + 1} ({item.filename})" in c.message]
        assert named and all(c.severity in (ERROR, WARNING) for c in named), (platform, case, item.filename)


def test_an_attachment_left_out_blocks_when_nothing_else_would_go() -> None:
    clip = MediaItem("v", "video", "klip.mp4", "video/mp4", 1080, 1920, 10)
    plan = (MediaFate(0, REFUSED, "media.video_not_sent"),)
    (alone,) = plan_findings(PlatformContent("", media=(clip,)), plan)
    (with_text,) = plan_findings(PlatformContent("Teks", media=(clip,)), plan)
    assert (alone.severity, with_text.severity) == (Severity.ERROR, Severity.WARNING)


def test_facebook_photo_and_video_posts_the_photo_after_the_warning(env: Env) -> None:
    post = _post(env, 1, True)
    checks = preflight(post, [env.account("facebook")])
    assert [c.severity for c in checks if "klip.mp4" in c.message] == [WARNING]
    env.outbox.enqueue(post, [env.account("facebook")])
    env.outbox.run_due()
    assert [j.state for j in env.workspace.outbox.list()] == [DONE]
    page = env.sandbox.graph.pages["1090000001"]
    assert len(page.posts) == 1 and len(page.posts[0]["attachments"]) == 1
