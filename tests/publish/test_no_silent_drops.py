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
from tests.store.videos import make_video

PLATFORMS = ("facebook", "instagram", "x", "wordpress", "youtube", "tiktok")
CASES = {"photo": (1, False), "video": (0, True), "photo+video": (1, True), "5 photos+video": (5, True)}
# A 9:16 clip takes other paths: a Facebook Reel, and on Instagram a Reel alone or a
# carousel item with photos (issue 13 item 2).
VERTICAL = {"9:16 video": (0, True), "photo+9:16 video": (1, True), "5 photos+9:16 video": (5, True)}


def _jpeg(shade: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (shade, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def _post(env: Env, photos: int, video: bool, clip: bytes = FAKE_MP4) -> Post:
    post = Post(title="Layanan Sabtu", text="Layanan paspor buka Sabtu pukul 08.00", tags=["paspor"])
    for n in range(photos):
        item = env.workspace.media.import_bytes(_jpeg(20 * n), f"foto-{n + 1}.jpg")
        post.media.append(dataclasses.replace(item, alt=f"Foto {n + 1}"))
    if video:
        post.media.append(env.workspace.media.import_bytes(clip, "klip.mp4"))
    env.workspace.drafts.save(post)
    return post


@pytest.fixture(scope="module")
def vertical_clip(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return make_video(tmp_path_factory.mktemp("clip") / "tegak.mp4", size=(54, 96), seconds=5).read_bytes()


@pytest.mark.parametrize("case", [*CASES, *VERTICAL])
@pytest.mark.parametrize("platform", PLATFORMS)
def test_every_attachment_is_posted_or_named_in_preflight(
    env: Env, platform: str, case: str, vertical_clip: bytes
) -> None:
    photos, video = {**CASES, **VERTICAL}[case]
    post = _post(env, photos, video, vertical_clip if case in VERTICAL else FAKE_MP4)
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


@pytest.mark.parametrize("photos", [1, 5])
def test_instagram_posts_the_video_with_the_photos_in_one_carousel(env: Env, photos: int) -> None:
    post = _post(env, photos, True)
    sent = payload(post, "instagram", env.workspace.media)
    assert len(sent["photos"]) == photos and sent["video"]["at"] == photos
    assert not [c for c in preflight(post, [env.account("instagram")]) if "klip.mp4" in c.message]


def test_a_9_16_video_alone_is_named_a_reel_on_facebook_and_instagram(env: Env, vertical_clip: bytes) -> None:
    from composer.core.media_plan import CONVERTED
    from composer.core.platforms import BY_ID

    post = _post(env, 0, True, vertical_clip)
    for platform in ("facebook", "instagram"):
        (fate,) = BY_ID[platform].media_plan(post.content_for(platform))
        assert (fate.fate, fate.code) == (CONVERTED, f"{platform}.video_as_reel")
