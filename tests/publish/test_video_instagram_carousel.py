"""Issue 13 item 2 on Instagram: a video with photos is a carousel item in its place,
uploaded to the rupload host (``media_type=VIDEO``, ``is_carousel_item=true``,
PLATFORMS.md §10.3), and the carousel is made once it is FINISHED."""

from __future__ import annotations

import dataclasses

from composer.core.post import Post
from composer.paths import assets_dir
from composer.publish.preflight import preflight
from composer.store.outbox import DONE, WAITING
from tests.publish.conftest import FAKE_MP4, Env
from tests.publish.instagram_video_checks import (
    check_expired_container_is_not_published,
    check_processing_error_posts_nothing,
    ig,
)


def _mixed_post(env: Env) -> Post:
    """Photo, video, photo: the video is the carousel's second item."""
    post = Post(title="Klip", text="Layanan paspor Sabtu #ImigrasiMelayani")
    first, second = (
        env.workspace.media.import_file(assets_dir() / "demo" / name)
        for name in ("paspor-dari-ponsel.jpg", "ruang-pelayanan.jpg")
    )
    post.media.append(dataclasses.replace(first, alt="Foto paspor"))
    post.media.append(env.workspace.media.import_bytes(FAKE_MP4, "klip.mp4"))
    post.media.append(dataclasses.replace(second, alt="Ruang pelayanan"))
    env.workspace.drafts.save(post)
    return post


def test_photos_and_a_video_go_as_one_carousel_with_the_video_in_its_place(env: Env) -> None:
    graph = env.sandbox.graph
    graph.container_polls_needed = 2  # the video child is IN_PROGRESS at first
    post = _mixed_post(env)
    assert not [c for c in preflight(post, [env.account("instagram")]) if "klip.mp4" in c.message]
    env.outbox.enqueue(post, [env.account("instagram")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE, job.error_detail
    (media,) = ig(env).media
    assert (media["media_type"], media["caption"]) == ("CAROUSEL_ALBUM", post.text)
    (parent,) = [c for c in graph.containers.values() if c.children]
    kinds = [graph.containers[c].media_type or "IMAGE" for c in parent.children]
    assert kinds == ["IMAGE", "VIDEO", "IMAGE"]
    video = graph.containers[parent.children[1]]
    assert bytes(video.video) == FAKE_MP4 and video.caption == ""
    alts = [graph.containers[c].alt_text for c in parent.children]
    assert alts == ["Foto paspor", "", "Ruang pelayanan"]


def test_the_carousel_is_not_made_before_the_video_item_is_finished(env: Env) -> None:
    graph = env.sandbox.graph
    graph.container_polls_needed = 100  # the video child stays IN_PROGRESS
    env.outbox.enqueue(_mixed_post(env), [env.account("instagram")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert (job.state, job.error_code) == (WAITING, "api.ig_not_ready")
    assert not [c for c in graph.containers.values() if c.children]  # no carousel yet
    graph.container_polls_needed = 0
    env.clock.sleep(3600)
    env.outbox.run_until_settled()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE, job.error_detail
    assert len(ig(env).media) == 1
    assert len([c for c in graph.containers.values() if c.media_type]) == 1  # uploaded once


def test_a_video_item_that_fails_processing_posts_nothing(env: Env) -> None:
    check_processing_error_posts_nothing(env, _mixed_post(env))


def test_an_expired_video_item_is_not_published(env: Env) -> None:
    check_expired_container_is_not_published(env, _mixed_post(env))


def test_the_carousel_refuses_a_video_item_still_in_progress() -> None:
    """The fake itself: a CAROUSEL whose video child is not FINISHED is "not ready"."""
    import requests

    from composer.sandbox.graph import GraphServer

    with GraphServer() as graph:
        page_id, page = next((k, p) for k, p in graph.pages.items() if p.ig_id)
        token = graph.page_token(page_id)
        media = f"{graph.base_url}/v26.0/{page.ig_id}/media"
        auth = {"Authorization": f"Bearer {token}"}
        child = requests.post(
            media,
            data={"upload_type": "resumable", "media_type": "VIDEO", "is_carousel_item": "true"},
            headers=auth,
        ).json()["id"]
        other = requests.post(
            media,
            data={"upload_type": "resumable", "media_type": "VIDEO", "is_carousel_item": "true"},
            headers=auth,
        ).json()["id"]
        answer = requests.post(
            media, data={"media_type": "CAROUSEL", "children": f"{child},{other}"}, headers=auth
        )
        assert answer.status_code == 400 and answer.json()["error"]["error_subcode"] == 2207027
