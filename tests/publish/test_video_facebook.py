"""Issue 13 item 2 on Facebook: a Page video through the chunked ``/videos`` upload
(PLATFORMS.md §10.1), resumed at the range Facebook asked for last."""

from __future__ import annotations

from composer.core.post import Post
from composer.sandbox.server import Fault
from composer.store.outbox import DONE, FAILED, WAITING
from tests.publish.conftest import FAKE_MP4, Env

PAGE = "1090000001"


def _video_post(env: Env) -> Post:
    post = Post(title="Klip", text="Layanan paspor Sabtu, dalam video")
    post.media.append(env.workspace.media.import_bytes(FAKE_MP4, "klip.mp4"))
    env.workspace.drafts.save(post)
    return post


def test_a_video_post_on_the_page(env: Env) -> None:
    env.sandbox.graph.video_chunk = 100_000
    env.sandbox.graph.video_polls_needed = 2
    post = _video_post(env)
    env.outbox.enqueue(post, [env.account("facebook")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE, job.error_detail
    (video,) = env.sandbox.graph.videos.values()
    assert bytes(video.received) == FAKE_MP4 and video.description == post.text
    (page_post,) = env.sandbox.graph.pages[PAGE].posts
    assert page_post["video_id"] == video.id
    (entry,) = env.workspace.outbox.history()
    assert entry.permalink == f"https://www.facebook.com/{PAGE}/videos/{video.id}/"


def test_a_rejected_transfer_resumes_at_the_range_facebook_asked_for(env: Env) -> None:
    env.sandbox.graph.video_chunk = 100_000
    env.sandbox.graph.inject(Fault(r"/videos$", "status", status=503, skip=4, method="POST"))
    env.outbox.enqueue(_video_post(env), [env.account("facebook")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == WAITING
    assert job.data["partial"]["video"]["start"] == 300_000  # start + 3 transfers went through
    env.clock.sleep(3600)
    env.outbox.run_until_settled()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE
    (video,) = env.sandbox.graph.videos.values()
    assert [start for _v, start in env.sandbox.graph.transfers] == list(range(0, len(FAKE_MP4), 100_000))
    assert bytes(video.received) == FAKE_MP4
    assert len(env.sandbox.graph.pages[PAGE].posts) == 1


def test_processing_failed_is_a_clear_failure(env: Env) -> None:
    env.sandbox.graph.video_processing_fails = True
    env.outbox.enqueue(_video_post(env), [env.account("facebook")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert (job.state, job.error_code) == (FAILED, "api.fb_video_failed")
    assert "corrupt" in job.error_detail


def test_photos_and_a_video_post_the_photos_and_name_the_video(env: Env) -> None:
    post = env.post(photos=1, video=True)
    env.outbox.enqueue(post, [env.account("facebook")])
    env.outbox.run_due()
    (page_post,) = env.sandbox.graph.pages[PAGE].posts
    assert len(page_post["attachments"]) == 1 and env.sandbox.graph.videos == {}
