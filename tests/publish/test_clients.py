"""Every client against the sandbox: what arrives on the platform side."""

from __future__ import annotations

import io

from PIL import Image

from composer.store.outbox import DONE, FAILED
from tests.publish.conftest import Env


def test_one_post_to_four_accounts(env: Env) -> None:
    post = env.post(photos=1)
    accounts = [env.account(p) for p in ("facebook", "instagram", "x", "wordpress")]
    jobs = env.outbox.enqueue(post, accounts)
    assert len(jobs) == 4
    env.outbox.run_due()
    finished = {j.platform: j for j in env.workspace.outbox.list()}
    assert {p: j.state for p, j in finished.items()} == dict.fromkeys(
        ("facebook", "instagram", "x", "wordpress"), DONE
    )
    page = env.sandbox.graph.pages["1090000001"]
    assert len(page.posts) == 1 and page.posts[0]["message"] == post.text
    assert len(page.posts[0]["attachments"]) == 1
    ig = next(iter(env.sandbox.graph.igs.values()))
    assert len(ig.media) == 1 and ig.media[0]["caption"] == post.text
    assert [t["text"] for t in env.sandbox.x.tweets] == [post.text]
    assert len(env.sandbox.wordpress.posts) == 1
    wp = env.sandbox.wordpress.posts[0]
    assert wp["featured_media"] and wp["slug"].startswith("layanan-sabtu-")
    assert {t["name"] for t in env.sandbox.wordpress.terms["tags"]} == {"paspor", "layanan"}
    history = env.workspace.outbox.history()
    assert len(history) == 4
    links = {h.platform: h.permalink for h in history}
    assert links["facebook"].startswith("https://www.facebook.com/1090000001/posts/")
    assert links["instagram"].startswith("https://www.instagram.com/p/")
    assert links["x"].startswith("https://x.com/kanimcontoh/status/")
    assert links["wordpress"].endswith("/")
    # The Instagram image host (an unpublished Page photo) was cleaned up afterwards.
    assert all(p.published for p in env.sandbox.graph.photos.values())
    # Alt text reached X.
    assert [m.alt_text for m in env.sandbox.x.media.values()] == ["Foto paspor-dari-ponsel.jpg"]


def test_several_photos_and_a_carousel(env: Env) -> None:
    post = env.post(photos=2)
    env.outbox.enqueue(post, [env.account("facebook"), env.account("instagram")])
    env.outbox.run_due()
    assert all(j.state == DONE for j in env.workspace.outbox.list())
    page = env.sandbox.graph.pages["1090000001"]
    assert len(page.posts) == 1 and len(page.posts[0]["attachments"]) == 2
    ig = next(iter(env.sandbox.graph.igs.values()))
    assert ig.media[0]["media_type"] == "CAROUSEL_ALBUM"


def test_photos_are_prepared_for_each_platform(env: Env) -> None:
    post = env.post(photos=1)  # a phone photo: EXIF with location, rotated
    env.outbox.enqueue(post, [env.account("instagram"), env.account("x")])
    for job in env.workspace.outbox.list():
        photo = job.payload["photos"][0]
        data = env.workspace.media.path_for_id(photo["id"]).read_bytes()  # type: ignore[union-attr]
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "JPEG"
            assert not image.getexif().get_ifd(0x8825)  # no GPS
            assert image.height > image.width  # turned upright from the EXIF orientation
            if job.platform == "instagram":  # a 3:4 phone photo cropped into 4:5…1.91:1
                assert 0.8 - 1e-3 <= image.width / image.height <= 1.91
                assert image.width <= 1440 and len(data) <= 8 * 1024 * 1024


def test_youtube_resumable_upload_with_thumbnail(env: Env) -> None:
    post = env.post(photos=1, video=True)
    env.outbox.enqueue(post, [env.account("youtube")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert job.state == DONE, job.error_code
    video = env.sandbox.google.videos[0]
    assert video["snippet"]["title"] == "Layanan Sabtu" and video["status"]["uploadStatus"] == "uploaded"
    assert video["id"] in env.sandbox.google.thumbnails
    assert job.data["permalink"] == f"https://www.youtube.com/watch?v={video['id']}"


def test_youtube_without_a_video_says_so(env: Env) -> None:
    env.outbox.enqueue(env.post(photos=1), [env.account("youtube")])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert job.state == FAILED and job.error_code == "api.yt_needs_video"


def test_instagram_through_the_wordpress_media_library(env: Env) -> None:
    ig = env.account("instagram")
    env.registry.update(
        ig.__class__(**{**ig.__dict__, "settings": {**ig.settings, "image_host": "wordpress"}})
    )
    env.outbox.enqueue(env.post(photos=1), [env.account("instagram")])
    env.outbox.run_due()
    assert env.workspace.outbox.list()[0].state == DONE
    assert len(env.sandbox.wordpress.media) == 1  # the image came from the library


def test_instagram_waits_for_the_container(env: Env) -> None:
    env.sandbox.graph.container_polls_needed = 1  # IN_PROGRESS once, then FINISHED
    env.outbox.enqueue(env.post(photos=1), [env.account("instagram")])
    env.outbox.run_due()
    assert env.workspace.outbox.list()[0].state == DONE
    assert env.sandbox.graph.requests_to(r"/\d+$", "GET") >= 2
    assert env.clock.slept >= 1.0  # it waited before asking again, on the outbox's (fake) clock


def test_posting_kit(env: Env) -> None:
    from composer.accounts.model import Account

    manual = env.registry.add(Account("instagram", "IG unit (manual)", "", "manual"), {})
    post = env.post(photos=2)
    env.outbox.enqueue(post, [manual])
    env.outbox.run_due()
    job = env.workspace.outbox.list()[0]
    assert job.state == DONE
    kit = job.steps["kit"]
    from pathlib import Path

    assert (Path(kit["folder"]) / "caption.txt").read_text(encoding="utf-8") == post.text
    assert Path(kit["zip"]).exists() and len(kit["files"]) == 2
    entry = env.workspace.outbox.history()[0]
    assert entry.via == "kit" and entry.permalink == ""
    env.workspace.outbox.set_permalink(entry.id, "https://www.instagram.com/p/abc/")
    assert env.workspace.outbox.history()[0].permalink.endswith("/abc/")


def test_clicking_twice_is_one_post(env: Env) -> None:
    post = env.post(photos=0)
    first = env.outbox.enqueue(post, [env.account("x")])
    second = env.outbox.enqueue(post, [env.account("x")])
    assert [j.id for j in first] == [j.id for j in second]
    env.outbox.run_due()
    env.outbox.run_due()
    assert len(env.sandbox.x.tweets) == 1


def test_scheduling_holds_the_post_and_youtube_publishes_by_itself(env: Env) -> None:
    import time as clock

    post = env.post(photos=1, video=True)
    at = clock.time() + 3 * 3600
    jobs = {
        j.platform: j
        for j in env.outbox.enqueue(post, [env.account("x"), env.account("youtube")], send_at=at)
    }
    assert jobs["x"].state == "waiting" and abs(jobs["x"].next_at - at) < 1
    env.outbox.run_due()
    assert env.sandbox.x.tweets == []  # not before its time
    video = env.sandbox.google.videos[0]  # YouTube: uploaded now, published by YouTube later
    assert video["status"]["privacyStatus"] == "private" and video["status"]["publishAt"].endswith("Z")
    held = env.workspace.outbox.get(jobs["x"].id)
    assert held is not None
    held.next_at = 0  # its time has come
    env.workspace.outbox.save(held)
    env.outbox.run_due()
    assert [t["text"] for t in env.sandbox.x.tweets] == [post.text]
