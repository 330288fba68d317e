"""Liking a citizen's comment from the inbox: Facebook only (the one platform whose API
allows it), through the outbox, and the platform is asked once — also when the answer
was lost or the outbox was killed right after Facebook took the like."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from composer.sandbox import Fault
from tests.publish.conftest import Env
from tests.publish.test_inbox import (
    COMMENT_PLATFORMS,
    DAY,
    citizens_later,
    inbox,
    kill_after_facebook_took_it,
    publish_everywhere,
)

LIKES = r"/likes$"


def test_a_like_goes_through_the_outbox_once_and_only_facebook_takes_it(env: Env) -> None:
    publish_everywhere(env)
    citizens_later(env.sandbox, 3 * DAY)
    service = inbox(env)
    service.run_due()
    rows = env.workspace.comments.page(0, 500)
    target = next(c for c in rows if c.platform == "facebook")
    job = service.like(target.id)
    assert job.payload["title"].startswith("👍 ") and env.workspace.comments.get(target.id).pending == "like"  # type: ignore[union-attr]
    for platform in set(COMMENT_PLATFORMS) - {"facebook"}:
        other = next(c for c in rows if c.platform == platform)
        with pytest.raises(ValueError, match=r"inbox\.like_unsupported"):
            service.like(other.id)
    env.outbox.run_until_settled()
    assert env.sandbox.graph.page_likes == [target.remote_id]
    assert env.sandbox.graph.page_comments.comments[target.remote_id].liked_by_owner
    liked = env.workspace.comments.get(target.id)
    assert liked is not None and liked.liked_at is not None and liked.pending == ""
    assert liked.status == target.status  # a like is no answer: the question still waits
    with pytest.raises(ValueError, match=r"inbox\.already_liked"):
        service.like(target.id)
    assert len(env.workspace.outbox.history()) == 4  # not a post


def test_a_like_whose_answer_was_lost_is_found_not_sent_again(env: Env) -> None:
    publish_everywhere(env)
    citizens_later(env.sandbox, 3 * DAY)
    service = inbox(env)
    service.run_due()
    target = next(c for c in env.workspace.comments.page(0, 500) if c.platform == "facebook")
    service.like(target.id)
    env.sandbox.graph.inject(Fault(LIKES, "drop-after", method="POST"))
    env.outbox.run_until_settled()
    assert env.sandbox.graph.page_likes == [target.remote_id]
    assert env.sandbox.graph.requests_to(LIKES, "POST") == 1  # the second try read user_likes
    assert env.workspace.comments.get(target.id).liked_at is not None  # type: ignore[union-attr]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_mid_like_facebook_is_asked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIAR_HOME", str(tmp_path / "home"))
    kill_after_facebook_took_it(
        tmp_path,
        lambda service, comment: service.like(comment.id),
        "/likes",
        lambda sandbox, comment: sandbox.graph.page_likes == [comment.remote_id],
        lambda row: row.liked_at is not None,
    )
