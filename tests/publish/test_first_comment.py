"""Issue 13 item 5: the first comment, by the Page or account itself, as its own outbox
step after the post is visible — exactly once, even when the answer is lost."""

from __future__ import annotations

import time

from composer.core.post import Post
from composer.sandbox.server import Fault
from composer.store.outbox import DONE, WAITING, Job
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
    assert [(c.text, c.author_id) for c in graph.page_comments.owner_comments(page_post["id"])] == [
        (LINK, PAGE)
    ]
    ig = next(iter(graph.igs.values()))
    (media,) = ig.media
    assert [(c.text, c.username) for c in graph.ig_comments.owner_comments(media["id"])] == [
        (LINK, ig.username)
    ]
    # Its own step, after the post is visible (the permalink read back).
    steps = list(jobs["facebook"].steps)
    assert steps.index("comment") > steps.index("permalink")


def _through_a_lost_answer(env: Env, platform: str, post: Post) -> Job:
    """Publish *post* with the first comment, whose answer is lost (made, then a 500)."""
    env.sandbox.graph.inject(Fault(r"/comments$", "status-after", status=500, method="POST"))
    account = env.account(platform)
    env.outbox.enqueue(post, [account], first_comments={account.id: LINK})
    env.outbox.run_due()
    env.clock.sleep(3600)
    env.outbox.run_until_settled()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE, job.error_detail
    return job


def test_a_lost_answer_does_not_comment_twice(env: Env) -> None:
    _through_a_lost_answer(env, "facebook", env.post(photos=0))
    (page_post,) = env.sandbox.graph.pages[PAGE].posts
    assert [c.text for c in env.sandbox.graph.page_comments.owner_comments(page_post["id"])] == [LINK]


def test_no_comment_asked_no_comment_step(env: Env) -> None:
    facebook = env.account("facebook")
    env.outbox.enqueue(env.post(photos=0), [facebook], first_comments={facebook.id: "  "})
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE and "comment" not in job.steps
    (page_post,) = env.sandbox.graph.pages[PAGE].posts
    assert env.sandbox.graph.page_comments.owner_comments(page_post["id"]) == []


def test_a_scheduled_post_with_a_comment_is_held_by_the_outbox(env: Env) -> None:
    facebook = env.account("facebook")
    at = time.time() + 86400
    (job,) = env.outbox.enqueue(env.post(photos=0), [facebook], at, first_comments={facebook.id: LINK})
    # Not scheduled on Facebook: a comment can only follow a post that is already public.
    assert job.state == WAITING and "publish_at" not in job.payload
    assert env.sandbox.graph.pages[PAGE].scheduled == []


def test_a_lost_answer_on_instagram_finds_its_own_comment_among_the_citizens(env: Env) -> None:
    """The read-back lists the account's comment with the citizens' (one book, §12.2):
    the client must pick its own by ``username`` and text, not take the first it sees."""
    graph = env.sandbox.graph
    graph.ig_comments.clock = lambda: time.time() + 2 * 86400  # the citizens have all arrived
    job = _through_a_lost_answer(env, "instagram", env.post(photos=1))
    (media,) = next(iter(graph.igs.values())).media
    mine = graph.ig_comments.owner_comments(media["id"])
    assert [c.text for c in mine] == [LINK] and job.steps["comment"]["id"] == mine[0].id
    everyone = graph.ig_comments.on_post(media["id"], time.time())
    assert len(everyone) > 1


def test_a_video_post_is_commented_once_through_its_video_id(env: Env) -> None:
    """A Facebook video is commented on by its video id (the video is the post's object):
    the comment lands under the post, and a lost answer is found by the same id."""
    graph = env.sandbox.graph
    _through_a_lost_answer(env, "facebook", env.post(photos=0, video=True))
    (page_post,) = graph.pages[PAGE].posts
    assert [(c.text, c.author_id) for c in graph.page_comments.owner_comments(page_post["id"])] == [
        (LINK, PAGE)
    ]
    on_the_video = rf"/{page_post['video_id']}/comments$"
    assert graph.requests_to(on_the_video, "POST") == 1 and graph.requests_to(on_the_video, "GET") >= 1


def test_youtube_gets_the_first_comment_once_after_the_video_is_up(env: Env) -> None:
    post = env.post(photos=0, video=True)
    youtube = env.account("youtube")
    # The first commentThreads.insert is made, then its answer lost: the retry finds it.
    env.sandbox.google.inject(
        Fault(r"/youtube/v3/commentThreads$", "status-after", status=500, method="POST")
    )
    env.outbox.enqueue(post, [youtube], first_comments={youtube.id: LINK})
    env.outbox.run_due()
    env.clock.sleep(3600)
    env.outbox.run_until_settled()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE, job.error_detail
    google = env.sandbox.google
    (video,) = google.videos
    mine = google.video_comments.owner_comments(video["id"])
    assert [(c.text, c.parent_id) for c in mine] == [(LINK, "")]
    steps = list(job.steps)
    assert steps.index("comment") > steps.index("upload")


def test_a_youtube_channel_connected_without_the_comment_scope_is_told_to_reconnect(env: Env) -> None:
    env.sandbox.google.comment_grants = set()
    youtube = env.account("youtube")
    env.outbox.enqueue(env.post(photos=0, video=True), [youtube], first_comments={youtube.id: LINK})
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.error_code == "api.yt_comment_scope" and "upload" in job.steps
    assert len(env.sandbox.google.videos) == 1
