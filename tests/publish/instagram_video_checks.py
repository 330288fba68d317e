"""Checks that a Reel and a carousel's video item share: the Instagram video container
fails or expires the same way wherever it stands (PLATFORMS.md §10.3)."""

from __future__ import annotations

import time

from composer.core.post import Post
from composer.sandbox.server import Request
from composer.store.outbox import FAILED
from tests.publish.conftest import Env


def ig(env: Env):  # type: ignore[no-untyped-def]
    """The sandbox's one Instagram account."""
    return next(iter(env.sandbox.graph.igs.values()))


def check_processing_error_posts_nothing(env: Env, post: Post) -> None:
    env.sandbox.graph.reel_processing_fails = True
    env.outbox.enqueue(post, [env.account("instagram")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert (job.state, job.error_code) == (FAILED, "api.ig_container_error")
    assert ig(env).media == []


def check_expired_container_is_not_published(env: Env, post: Post) -> None:
    graph = env.sandbox.graph

    def age(request: Request, when: str) -> None:
        # Every status read sees containers made more than 24 h ago (§10.3: they expire).
        if when == "received" and request.method == "GET":
            for container in graph.containers.values():
                container.created = time.time() - 2 * 86400

    graph.hook = age
    env.outbox.enqueue(post, [env.account("instagram")])
    env.outbox.run_due()
    graph.hook = None
    (job,) = env.workspace.outbox.list()
    assert (job.state, job.error_code) == (FAILED, "api.ig_container_expired")
    assert ig(env).media == []
