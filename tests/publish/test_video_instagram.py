"""Issue 13 item 2 on Instagram: a video alone becomes a Reel through the resumable
upload to the rupload host (PLATFORMS.md §10.3) — no public address needed."""

from __future__ import annotations

from composer.core.post import Post
from composer.sandbox.server import Fault
from composer.store.outbox import DONE, WAITING
from tests.publish.conftest import FAKE_MP4, Env
from tests.publish.instagram_video_checks import (
    check_expired_container_is_not_published,
    check_processing_error_posts_nothing,
    ig,
)


def _reel_post(env: Env) -> Post:
    post = Post(title="Klip", text="Layanan paspor Sabtu #ImigrasiMelayani")
    post.media.append(env.workspace.media.import_bytes(FAKE_MP4, "klip.mp4"))
    env.workspace.drafts.save(post)
    return post


def test_a_video_alone_is_posted_as_a_reel(env: Env) -> None:
    env.sandbox.graph.container_polls_needed = 2
    post = _reel_post(env)
    env.outbox.enqueue(post, [env.account("instagram")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE, job.error_detail
    (media,) = ig(env).media
    assert (media["media_type"], media["media_product_type"]) == ("VIDEO", "REELS")
    assert media["caption"] == post.text
    (container,) = [c for c in env.sandbox.graph.containers.values() if c.media_type]
    assert bytes(container.video) == FAKE_MP4
    assert env.sandbox.graph.photos == {}  # no image host was needed


def test_a_dropped_upload_is_sent_again_to_the_same_container(env: Env) -> None:
    env.sandbox.graph.inject(Fault(r"/ig-api-upload/", "status", status=503))
    env.outbox.enqueue(_reel_post(env), [env.account("instagram")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == WAITING and "reel" in job.data["steps"]
    env.clock.sleep(3600)
    env.outbox.run_until_settled()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE
    assert len([c for c in env.sandbox.graph.containers.values() if c.media_type]) == 1
    assert len(ig(env).media) == 1


def test_processing_error_fails_clearly_and_posts_nothing(env: Env) -> None:
    check_processing_error_posts_nothing(env, _reel_post(env))


def test_an_expired_reel_container_is_not_published(env: Env) -> None:
    check_expired_container_is_not_published(env, _reel_post(env))
