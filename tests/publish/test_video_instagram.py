"""Issue 13 item 2 on Instagram: a video alone becomes a Reel through the resumable
upload to the rupload host (PLATFORMS.md §10.3) — no public address needed."""

from __future__ import annotations

import time

from composer.core.post import Post
from composer.sandbox.server import Fault, Request
from composer.store.outbox import DONE, FAILED, WAITING
from tests.publish.conftest import FAKE_MP4, Env


def _reel_post(env: Env) -> Post:
    post = Post(title="Klip", text="Layanan paspor Sabtu #ImigrasiMelayani")
    post.media.append(env.workspace.media.import_bytes(FAKE_MP4, "klip.mp4"))
    env.workspace.drafts.save(post)
    return post


def _ig(env: Env):  # type: ignore[no-untyped-def]
    return next(iter(env.sandbox.graph.igs.values()))


def test_a_video_alone_is_posted_as_a_reel(env: Env) -> None:
    env.sandbox.graph.container_polls_needed = 2
    post = _reel_post(env)
    env.outbox.enqueue(post, [env.account("instagram")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE, job.error_detail
    (media,) = _ig(env).media
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
    assert len(_ig(env).media) == 1


def test_processing_error_fails_clearly_and_posts_nothing(env: Env) -> None:
    env.sandbox.graph.reel_processing_fails = True
    env.outbox.enqueue(_reel_post(env), [env.account("instagram")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert (job.state, job.error_code) == (FAILED, "api.ig_container_error")
    assert _ig(env).media == []


def test_an_expired_reel_container_is_not_published(env: Env) -> None:
    graph = env.sandbox.graph

    def age(request: Request, when: str) -> None:
        # Every status read sees a container made more than 24 h ago (§10.3: they expire).
        if when == "received" and request.method == "GET":
            for container in graph.containers.values():
                container.created = time.time() - 2 * 86400

    graph.hook = age
    env.outbox.enqueue(_reel_post(env), [env.account("instagram")])
    env.outbox.run_due()
    graph.hook = None
    (job,) = env.workspace.outbox.list()
    assert (job.state, job.error_code) == (FAILED, "api.ig_container_expired")
    assert _ig(env).media == []
