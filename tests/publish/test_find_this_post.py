"""Issue 10 items 2, 6 and 7: "did it post?" finds THIS job's post — after X's t.co
substitution, after a 429 or 5xx that came once the platform had acted, and never an
earlier post that happens to have the same caption."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from composer.core.post import Post
from composer.sandbox import Fault
from composer.store.outbox import DONE, FAILED, NEEDS_CHECK
from tests.publish.conftest import Env
from tests.publish.test_faults import settle


def photo_post(env: Env, text: str, colour: tuple[int, int, int]) -> Post:
    """A draft with one photo of its own (a plain colour, so every draft's photo differs)."""
    out = io.BytesIO()
    Image.new("RGB", (1080, 1080), colour).save(out, "JPEG", quality=90)
    item = env.workspace.media.import_bytes(out.getvalue(), f"foto-{colour[0]}.jpg")
    post = Post(title="Jam layanan", text=text)
    post.media.append(item)
    env.workspace.drafts.save(post)
    return post


def test_x_finds_its_photo_post_after_a_lost_answer(env: Env) -> None:
    """X answers on read with every URL as t.co and the photo's t.co link appended (§1.6)."""
    text = "Jadwal layanan paspor: https://www.imigrasi.go.id/jadwal #ImigrasiMelayani"
    env.sandbox.x.inject(Fault(r"^/2/tweets$", "drop-after", method="POST"))
    env.outbox.enqueue(env.post(text=text, photos=1), [env.account("x")])
    settle(env)
    [job] = env.workspace.outbox.list()
    assert job.state == DONE, (job.state, job.error_code, job.error_detail)
    [tweet] = env.sandbox.x.tweets
    assert job.data["platform_id"] == tweet["id"]
    assert env.sandbox.x.requests_to(r"^/2/tweets$", "POST") == 1  # never sent twice


@pytest.mark.parametrize("platform", ["facebook", "x", "instagram", "wordpress"])
def test_a_repeated_caption_with_new_photos_is_never_taken_for_the_earlier_post(
    env: Env, platform: str
) -> None:
    """The office repeats "Jam layanan" every week with a new photo. Later weeks lose the
    connection — once before the platform acted, once after. Each job must end with its
    own post (or, where the platform refuses the repeated text, "needs checking") —
    never with the earlier week's link while its new photo never goes out."""
    account = env.account(platform)
    server = (
        env.sandbox.x
        if platform == "x"
        else env.sandbox.wordpress
        if platform == "wordpress"
        else env.sandbox.graph
    )
    path = {
        "facebook": r"/feed$",
        "x": r"^/2/tweets$",
        "instagram": r"/media_publish$",
        "wordpress": r"/wp/v2/posts$",
    }
    jobs = []
    for week, fault in enumerate(["", "drop-before", "drop-after"]):
        if fault:
            server.inject(Fault(path[platform], fault, method="POST"))
        [job] = env.outbox.enqueue(photo_post(env, "Jam layanan", (40 * week, 90, 200)), [account])
        jobs.append(job.id)
        settle(env)
    finished = [env.workspace.outbox.get(j) for j in jobs]
    assert all(j is not None and j.state in (DONE, NEEDS_CHECK) for j in finished), [
        (j.state, j.error_code) for j in finished if j is not None
    ]
    ids = [j.data["platform_id"] for j in finished if j is not None and j.state == DONE]
    assert len(ids) == len(set(ids)), ids  # no job reported with another job's post
    if platform == "facebook":
        # Only a text status repeats as "duplicate" (506); a post with new photos is new.
        posts = env.sandbox.graph.pages["1090000001"].posts
        assert len(posts) == 3 and len({tuple(p["attachments"]) for p in posts}) == 3
        assert sorted(ids) == sorted(p["id"] for p in posts)
    if platform == "x":  # X refuses identical text (§1.5): the later weeks need checking
        assert len(env.sandbox.x.tweets) == 1 and len(ids) == 1
    if platform == "instagram":
        assert len(ids) == 3 == sum(len(ig.media) for ig in env.sandbox.graph.igs.values())
    if platform == "wordpress":
        assert len(ids) == 3 == len(env.sandbox.wordpress.posts)


@pytest.mark.parametrize(
    ("platform", "path", "status", "body"),
    [
        (
            "wordpress",
            r"/wp/v2/posts$",
            429,
            {"code": "too_many_requests", "message": "Slow down", "data": {"status": 429}},
        ),
        (
            "instagram",
            r"/media_publish$",
            429,
            {"error": {"message": "Application request limit reached", "code": 4}},
        ),
        ("facebook", r"/feed$", 503, {"error": {"message": "Service temporarily unavailable", "code": 2}}),
        (
            "x",
            r"^/2/tweets$",
            500,
            {"title": "Internal Server Error", "detail": "Internal error", "type": "about:blank"},
        ),
    ],
)
def test_an_error_after_the_platform_acted_is_reconciled_not_retried(
    env: Env, platform: str, path: str, status: int, body: dict[str, object]
) -> None:
    """Item 6: a 429 or 5xx is no proof that nothing happened (PLATFORMS.md §7)."""
    server = (
        env.sandbox.x
        if platform == "x"
        else env.sandbox.wordpress
        if platform == "wordpress"
        else env.sandbox.graph
    )
    server.inject(Fault(path, "status-after", status=status, body=body, method="POST"))
    env.outbox.enqueue(env.post(photos=1), [env.account(platform)])
    settle(env)
    [job] = env.workspace.outbox.list()
    assert job.state == DONE and job.state != FAILED, (job.state, job.error_code)
    counts = {
        "wordpress": len(env.sandbox.wordpress.posts),
        "instagram": sum(len(ig.media) for ig in env.sandbox.graph.igs.values()),
        "facebook": len(env.sandbox.graph.pages["1090000001"].posts),
        "x": len(env.sandbox.x.tweets),
    }
    assert counts[platform] == 1
