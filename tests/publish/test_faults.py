"""Faults on the wire: the outbox retries what is safe, asks before repeating what is
not, and says plainly what the officer must do."""

from __future__ import annotations

import socket
import time

import pytest

from composer.i18n import describe_code
from composer.sandbox import Fault
from composer.sandbox.wordpress import WordPressServer
from composer.store.outbox import CANCELLED, DONE, FAILED, NEEDS_CHECK, PAUSED, WAITING
from tests.publish.conftest import Env


def aspect_refusal() -> Fault:
    """Instagram's answer to an image outside 4:5…1.91:1 (PLATFORMS.md §3.3)."""
    error = {
        "message": "The aspect ratio is not supported.",
        "type": "OAuthException",
        "code": 36003,
        "error_subcode": 2207009,
    }
    return Fault(r"/\d+/media$", "status", status=400, body={"error": error})


def settle(env: Env) -> None:
    """Run the outbox, moving the fake clock on to each backoff's end (no real waiting)."""
    for _round in range(6):
        env.outbox.run_due()
        waiting = env.workspace.outbox.list((WAITING,))
        if not waiting:
            return
        env.clock.advance_to(max(job.next_at for job in waiting))


@pytest.mark.parametrize(
    ("platform", "path"),
    [
        ("facebook", r"/feed$"),
        ("x", r"^/2/tweets$"),
        ("instagram", r"/media_publish$"),
        ("wordpress", r"/wp/v2/posts$"),
        ("youtube", r"^/upload/session/"),
    ],
)
def test_an_answer_lost_after_the_platform_acted_is_never_posted_twice(
    env: Env, platform: str, path: str
) -> None:
    server = {
        "facebook": env.sandbox.graph,
        "instagram": env.sandbox.graph,
        "x": env.sandbox.x,
        "wordpress": env.sandbox.wordpress,
        "youtube": env.sandbox.google,
    }[platform]
    method = "PUT" if platform == "youtube" else "POST"
    server.inject(Fault(path, "drop-after", method=method))
    env.outbox.enqueue(env.post(photos=1, video=platform == "youtube"), [env.account(platform)])
    env.outbox.run_due()
    settle(env)
    job = env.workspace.outbox.list()[0]
    assert job.state == DONE, (job.error_code, job.error_detail)
    counts = {
        "facebook": len(env.sandbox.graph.pages["1090000001"].posts),
        "instagram": sum(len(ig.media) for ig in env.sandbox.graph.igs.values()),
        "x": len(env.sandbox.x.tweets),
        "wordpress": len(env.sandbox.wordpress.posts),
        "youtube": len(env.sandbox.google.videos),
    }
    assert counts[platform] == 1
    assert len(env.workspace.outbox.history()) == 1


def test_a_request_that_never_left_is_simply_sent_again(env: Env) -> None:
    env.sandbox.x.inject(Fault(r"^/2/tweets$", "drop-before", method="POST"))
    env.outbox.enqueue(env.post(photos=0), [env.account("x")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert job.state == WAITING  # uncertain: a dropped connection may have arrived
    settle(env)
    assert env.workspace.outbox.list()[0].state == DONE and len(env.sandbox.x.tweets) == 1


def test_server_errors_back_off_and_recover(env: Env) -> None:
    env.sandbox.graph.inject(
        Fault(
            r"/feed$",
            "status",
            status=500,
            body={"error": {"message": "An unknown error occurred", "type": "OAuthException", "code": 1}},
            times=2,
        )
    )
    env.outbox.enqueue(env.post(photos=0), [env.account("facebook")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert job.state == WAITING and job.error_code == "api.server" and job.next_at > time.time() + 5
    settle(env)
    assert env.workspace.outbox.list()[0].state == DONE
    assert len(env.sandbox.graph.pages["1090000001"].posts) == 1


def test_x_rate_limit_honours_the_reset_header(env: Env) -> None:
    reset = int(time.time()) + 600
    env.sandbox.x.inject(
        Fault(
            r"^/2/tweets$",
            "status",
            status=429,
            body={
                "title": "Too Many Requests",
                "type": "about:blank",
                "status": 429,
                "detail": "Too Many Requests",
            },
            headers={"x-rate-limit-reset": str(reset), "x-rate-limit-remaining": "0"},
        )
    )
    env.outbox.enqueue(env.post(photos=0), [env.account("x")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert job.state == WAITING and job.error_code == "api.x_rate_limited"
    assert reset - 5 <= job.next_at <= reset + 10
    message = describe_code(job.error_code, {"time": time.strftime("%H:%M", time.localtime(reset))})
    assert time.strftime("%H:%M", time.localtime(reset)) in message
    # A 429 proves nothing was done (PLATFORMS.md §7): the post is looked for before the retry.
    assert job.data.get("inflight") == "post"
    settle(env)
    assert len(env.sandbox.x.tweets) == 1


def test_an_expired_token_fails_with_reconnect_and_others_go_on(env: Env) -> None:
    fb = env.account("facebook")
    env.sandbox.graph.tokens[env.registry.secrets(fb)["page_token"]].expires_at = int(time.time()) - 10
    env.outbox.enqueue(env.post(photos=0), [fb, env.account("x"), env.account("wordpress")])
    env.outbox.run_due()
    states = {j.platform: j for j in env.workspace.outbox.list()}
    assert states["facebook"].state == FAILED and states["facebook"].error_code == "api.auth_expired"
    assert "Reconnect" in describe_code(states["facebook"].error_code, {})
    assert states["x"].state == DONE and states["wordpress"].state == DONE
    assert env.account("facebook").health.state == "revoked"


def test_a_refused_photo_is_explained(env: Env) -> None:
    env.sandbox.graph.inject(aspect_refusal())
    env.outbox.enqueue(env.post(photos=1), [env.account("instagram")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert job.state == FAILED and "4:5" in describe_code(job.error_code, {})


def test_a_duplicate_the_platform_cannot_find_needs_checking(env: Env) -> None:
    env.sandbox.x.inject(
        Fault(
            r"^/2/tweets$",
            "status",
            status=403,
            body={
                "detail": "You are not allowed to create a Tweet with duplicate content.",
                "type": "about:blank",
                "title": "Forbidden",
                "status": 403,
            },
        )
    )
    env.outbox.enqueue(env.post(photos=0), [env.account("x")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert job.state == NEEDS_CHECK
    # The officer looked on X: it is not there. Post anyway.
    assert env.outbox.post_anyway(job.id)
    env.outbox.run_due()
    assert env.workspace.outbox.list()[0].state == DONE and len(env.sandbox.x.tweets) == 1


def test_instagram_daily_limit_waits(env: Env) -> None:
    env.sandbox.graph.inject(
        Fault(
            r"/content_publishing_limit$",
            "status",
            status=200,
            body={"data": [{"quota_usage": 50, "config": {"quota_total": 50, "quota_duration": 86400}}]},
        )
    )
    env.outbox.enqueue(env.post(photos=1), [env.account("instagram")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert job.state == WAITING and job.error_code == "api.ig_daily_limit"
    assert sum(len(ig.media) for ig in env.sandbox.graph.igs.values()) == 0


def test_offline_then_the_connection_returns(env: Env) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    wp = env.account("wordpress")
    env.registry.update(wp.__class__(**{**wp.__dict__, "api_base": f"http://127.0.0.1:{port}"}))
    env.outbox.enqueue(env.post(photos=0), [env.account("wordpress")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert job.state == WAITING and job.error_code == "api.unreachable"
    assert job.data.get("inflight") is None
    assert job.next_at - time.time() <= 31  # looks again soon
    with WordPressServer(port=port) as site:
        settle(env)
        assert env.workspace.outbox.list()[0].state == DONE
        assert len(site.posts) == 1


def test_pause_resume_cancel_and_pause_all(env: Env) -> None:
    post = env.post(photos=0)
    [job] = env.outbox.enqueue(post, [env.account("x")])
    assert env.outbox.pause(job.id)
    env.outbox.run_due()
    assert env.workspace.outbox.get(job.id).state == PAUSED and not env.sandbox.x.tweets  # type: ignore[union-attr]
    assert env.outbox.resume(job.id)
    env.outbox.set_paused(True)
    assert env.outbox.run_due() == [] and not env.sandbox.x.tweets
    env.outbox.set_paused(False)
    [other] = env.outbox.enqueue(env.post(text="Teks lain"), [env.account("wordpress")])
    assert env.outbox.cancel(other.id)
    env.outbox.run_due()
    assert env.workspace.outbox.get(job.id).state == DONE  # type: ignore[union-attr]
    assert env.workspace.outbox.get(other.id).state == CANCELLED  # type: ignore[union-attr]
    assert not env.sandbox.wordpress.posts


def test_a_refused_post_can_be_fixed_and_sent_again(env: Env) -> None:
    env.sandbox.graph.inject(aspect_refusal())
    post = env.post(photos=1)
    [first] = env.outbox.enqueue(post, [env.account("instagram")])
    env.outbox.run_due()
    assert env.workspace.outbox.get(first.id).state == FAILED  # type: ignore[union-attr]
    post.text += " (foto diganti)"
    env.workspace.drafts.save(post)
    [second] = env.outbox.enqueue(post, [env.account("instagram")])
    assert second.id != first.id and env.workspace.outbox.get(first.id).state == CANCELLED  # type: ignore[union-attr]
    env.outbox.run_due()
    assert env.workspace.outbox.get(second.id).state == DONE  # type: ignore[union-attr]
    assert [m["caption"] for ig in env.sandbox.graph.igs.values() for m in ig.media] == [post.text]


def test_a_posted_job_is_never_replaced(env: Env) -> None:
    post = env.post(photos=0)
    [first] = env.outbox.enqueue(post, [env.account("x")])
    env.outbox.run_due()
    [again] = env.outbox.enqueue(post, [env.account("x")])
    assert again.id == first.id and len(env.sandbox.x.tweets) == 1
