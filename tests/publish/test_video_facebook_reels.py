"""Issue 13 item 2 on Facebook: a 9:16 clip goes to the Page as a Reel through
``/video_reels`` and the rupload host (PLATFORMS.md §10.2); any other video stays a
normal ``/videos`` post."""

from __future__ import annotations

import time
from pathlib import Path

from composer.core.post import Post
from composer.publish.preflight import preflight
from composer.store.outbox import DONE, FAILED, WAITING
from tests.publish.conftest import FAKE_MP4, Env
from tests.store.videos import make_video

PAGE = "1090000001"


def _clip(env: Env, tmp_path: Path, *, size: tuple[int, int] = (54, 96), seconds: float = 5.0) -> Post:
    path = make_video(tmp_path / "klip-vertikal.mp4", size=size, seconds=seconds)
    post = Post(title="Klip", text="Layanan paspor Sabtu, dalam Reel")
    post.media.append(env.workspace.media.import_file(path))
    env.workspace.drafts.save(post)
    return post


def test_a_9_16_clip_becomes_a_reel_on_the_page(env: Env, tmp_path: Path) -> None:
    graph = env.sandbox.graph
    graph.reel_polls_needed = 2
    post = _clip(env, tmp_path)
    # "converted" is an info finding in the preview, nothing the officer must confirm
    assert not [c for c in preflight(post, [env.account("facebook")]) if "Reel" in c.message]
    env.outbox.enqueue(post, [env.account("facebook")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE, job.error_detail
    (reel,) = graph.reels.values()
    assert bytes(reel.received) == (tmp_path / "klip-vertikal.mp4").read_bytes()
    assert (reel.state, reel.description) == ("PUBLISHED", post.text)
    assert graph.videos == {}  # not the /videos path
    (page_post,) = graph.pages[PAGE].posts
    assert page_post["video_id"] == reel.id and page_post["reel"]
    (entry,) = env.workspace.outbox.history()
    assert entry.permalink == f"https://www.facebook.com/reel/{reel.id}"
    assert entry.platform_id == reel.id


def test_the_preview_says_the_clip_becomes_a_reel(env: Env, tmp_path: Path) -> None:
    from composer.core.platforms import facebook
    from composer.core.preview import preview_for
    from composer.i18n import describe

    post = _clip(env, tmp_path)
    messages = [describe(f) for f in preview_for(post, facebook.RULES).findings]
    assert any("Reel" in m and "klip-vertikal.mp4" in m for m in messages), messages


def test_a_wide_video_stays_a_normal_video_post(env: Env) -> None:
    post = Post(title="Klip", text="Video lebar")
    post.media.append(env.workspace.media.import_bytes(FAKE_MP4, "lebar.mp4"))  # 64×48
    env.workspace.drafts.save(post)
    env.outbox.enqueue(post, [env.account("facebook")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE, job.error_detail
    assert env.sandbox.graph.reels == {} and len(env.sandbox.graph.videos) == 1


def test_a_9_16_clip_over_90_seconds_goes_as_a_normal_video(env: Env, tmp_path: Path) -> None:
    env.outbox.enqueue(_clip(env, tmp_path, seconds=120.0), [env.account("facebook")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE, job.error_detail
    assert env.sandbox.graph.reels == {} and len(env.sandbox.graph.videos) == 1


def test_a_rejected_upload_is_sent_again_to_the_same_reel(env: Env, tmp_path: Path) -> None:
    graph = env.sandbox.graph
    graph.reel_upload_rejects = 1
    env.outbox.enqueue(_clip(env, tmp_path), [env.account("facebook")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == WAITING and "reel" in job.data["steps"], job.error_detail
    env.clock.sleep(3600)
    env.outbox.run_until_settled()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE, job.error_detail
    (reel,) = graph.reels.values()  # one video id, the upload sent to it twice
    assert reel.uploads == 2 and reel.size == len(reel.received)
    assert len(graph.pages[PAGE].posts) == 1


def test_processing_failed_is_a_clear_failure_and_nothing_is_posted(env: Env, tmp_path: Path) -> None:
    env.sandbox.graph.page_reel_fails = True
    env.outbox.enqueue(_clip(env, tmp_path), [env.account("facebook")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert (job.state, job.error_code) == (FAILED, "api.fb_video_failed")
    assert "corrupt" in job.error_detail
    assert env.sandbox.graph.pages[PAGE].posts == []


def test_still_processing_waits_then_publishes_once(env: Env, tmp_path: Path) -> None:
    graph = env.sandbox.graph
    graph.reel_polls_needed = 70  # longer than one run polls
    env.outbox.enqueue(_clip(env, tmp_path), [env.account("facebook")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert (job.state, job.error_code) == (WAITING, "api.fb_video_processing")
    env.clock.sleep(3600)
    env.outbox.run_until_settled()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE, job.error_detail
    assert len(graph.pages[PAGE].posts) == 1


def test_a_lost_finish_answer_is_checked_not_sent_twice(env: Env, tmp_path: Path) -> None:
    from composer.sandbox.server import Fault

    graph = env.sandbox.graph
    # The second POST /video_reels is the finish: done, then the connection drops.
    graph.inject(Fault(r"/video_reels$", "drop-after", method="POST", skip=1))
    env.outbox.enqueue(_clip(env, tmp_path), [env.account("facebook")])
    env.outbox.run_until_settled()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE, job.error_detail
    assert len(graph.reels) == 1 and len(graph.pages[PAGE].posts) == 1


def test_a_scheduled_reel_is_held_by_facebook(env: Env, tmp_path: Path) -> None:
    graph = env.sandbox.graph
    when = time.time() + 86400
    env.outbox.enqueue(_clip(env, tmp_path), [env.account("facebook")], send_at=when)
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE, job.error_detail
    (reel,) = graph.reels.values()
    assert (reel.state, reel.scheduled_at) == ("SCHEDULED", int(when))
    assert graph.pages[PAGE].posts == []  # not out before its time
