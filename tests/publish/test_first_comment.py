"""Issue 13 item 5: the first comment, by the Page or account itself, as its own outbox
step after the post is visible — exactly once, even when the answer is lost."""

from __future__ import annotations

import time

from composer.sandbox.server import Fault
from composer.store.outbox import DONE, WAITING
from tests.publish.conftest import Env

PAGE = "1090000001"
LINK = "Daftar antrean paspor: https://antrian.imigrasi.go.id"


def test_facebook_and_instagram_get_the_first_comment_once(env: Env) -> None:
    post = env.post(photos=1)
    facebook, instagram = env.account("facebook"), env.account("instagram")
    env.outbox.enqueue(post, [facebook, instagram], first_comments={facebook.id: LINK, instagram.id: LINK})
    env.outbox.run_due()
    jobs = {j.platform: j for j in env.workspace.outbox.list()}
    assert {p: j.state for p, j in jobs.items()} == {"facebook": DONE, "instagram": DONE}
    graph = env.sandbox.graph
    (page_post,) = graph.pages[PAGE].posts
    assert [(c["message"], c["from"]["id"]) for c in graph.comments[page_post["id"]]] == [(LINK, PAGE)]
    ig = next(iter(graph.igs.values()))
    (media,) = ig.media
    assert [(c["text"], c["username"]) for c in graph.comments[media["id"]]] == [(LINK, ig.username)]
    # Its own step, after the post is visible (the permalink read back).
    steps = list(jobs["facebook"].steps)
    assert steps.index("comment") > steps.index("permalink")


def test_a_lost_answer_does_not_comment_twice(env: Env) -> None:
    env.sandbox.graph.inject(Fault(r"/comments$", "status-after", status=500, method="POST"))
    facebook = env.account("facebook")
    env.outbox.enqueue(env.post(photos=0), [facebook], first_comments={facebook.id: LINK})
    env.outbox.run_due()
    env.clock.sleep(3600)
    env.outbox.run_until_settled()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE
    (page_post,) = env.sandbox.graph.pages[PAGE].posts
    assert [c["message"] for c in env.sandbox.graph.comments[page_post["id"]]] == [LINK]


def test_no_comment_asked_no_comment_step(env: Env) -> None:
    facebook = env.account("facebook")
    env.outbox.enqueue(env.post(photos=0), [facebook], first_comments={facebook.id: "  "})
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE and "comment" not in job.steps
    assert env.sandbox.graph.comments == {}


def test_a_scheduled_post_with_a_comment_is_held_by_the_outbox(env: Env) -> None:
    facebook = env.account("facebook")
    at = time.time() + 86400
    (job,) = env.outbox.enqueue(env.post(photos=0), [facebook], at, first_comments={facebook.id: LINK})
    # Not scheduled on Facebook: a comment can only follow a post that is already public.
    assert job.state == WAITING and "publish_at" not in job.payload
    assert env.sandbox.graph.pages[PAGE].scheduled == []
