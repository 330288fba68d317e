"""Issue 13 item 2 on WordPress: the video in the media library, embedded in the post
as a core Video block (PLATFORMS.md §10.5)."""

from __future__ import annotations

from composer.store.outbox import DONE, FAILED
from tests.publish.conftest import FAKE_MP4, Env


def test_a_video_goes_to_the_library_and_into_the_post(env: Env) -> None:
    post = env.post(photos=1, video=True)
    env.outbox.enqueue(post, [env.account("wordpress")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE
    wp = env.sandbox.wordpress
    (videos,) = [m for m in wp.media.values() if m["mime_type"] == "video/mp4"]
    assert videos["media_type"] == "file"
    path = videos["source_url"].split("/wp-content/uploads/", 1)[1]
    assert wp.files[path][0] == FAKE_MP4
    (article,) = wp.posts
    content = article["content"]["raw"]
    assert f'<!-- wp:video {{"id":{videos["id"]}}} -->' in content
    assert f'src="{videos["source_url"]}"' in content
    assert article["featured_media"] and article["featured_media"] != videos["id"]


def test_a_video_over_the_hosts_limit_fails_clearly(env: Env) -> None:
    env.sandbox.wordpress.max_upload = 100_000
    env.outbox.enqueue(env.post(photos=0, video=True), [env.account("wordpress")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == FAILED
    assert env.sandbox.wordpress.posts == []
