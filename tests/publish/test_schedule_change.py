"""Issue 13 item 4: a new time or a cancellation in Siar reaches the platform that holds
the post (PLATFORMS.md §11) as an outbox step of its own — once, and only when online;
posts the outbox holds just move."""

from __future__ import annotations

import dataclasses
import socket
import time
from pathlib import Path

import pytest

from composer.publish import schedule_change
from composer.publish.schedule_change import ScheduleRefused
from composer.store.outbox import CANCELLED, DONE, FAILED, WAITING, Job
from tests.publish.conftest import Env

PAGE = "1090000001"


def _scheduled(env: Env, at: float) -> dict[str, Job]:
    """A photo post to Facebook and WordPress and a video to YouTube, held by each
    platform for *at*."""
    photo_post = env.post(photos=1)
    video_post = env.post(text="Video layanan paspor", photos=0, video=True)
    env.outbox.enqueue(photo_post, [env.account("facebook"), env.account("wordpress")], send_at=at)
    env.outbox.enqueue(video_post, [env.account("youtube")], send_at=at)
    env.outbox.run_due()
    jobs = {j.platform: j for j in env.workspace.outbox.list()}
    assert {p: j.state for p, j in jobs.items()} == dict.fromkeys(("facebook", "wordpress", "youtube"), DONE)
    return jobs


def _wp_date(at: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(at))


def _yt_time(at: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at))


def _reschedule(env: Env, job_id: str, at: float) -> Job | None:
    return schedule_change.reschedule(env.workspace.outbox, job_id, at, env.clock())


def test_a_new_time_moves_the_post_on_each_platform(env: Env) -> None:
    first = int(time.time()) + 86400
    jobs = _scheduled(env, first)
    later = first + 2 * 86400 + 3600
    changes = [_reschedule(env, jobs[p].id, later) for p in ("facebook", "wordpress", "youtube")]
    assert all(c is not None and c.state == "queued" for c in changes)
    # Siar shows the new time at once (the calendar reads the post's own job).
    assert all(env.workspace.outbox.get(j.id).payload["publish_at"] == later for j in jobs.values())  # type: ignore[union-attr]
    env.outbox.run_due()
    assert all(env.workspace.outbox.get(c.id).state == DONE for c in changes if c)  # type: ignore[union-attr]
    (held,) = env.sandbox.graph.pages[PAGE].scheduled
    assert held["scheduled_publish_time"] == later and env.sandbox.graph.pages[PAGE].posts == []
    (article,) = env.sandbox.wordpress.posts
    assert (article["status"], article["date_gmt"]) == ("future", _wp_date(later))
    (video,) = env.sandbox.google.videos
    assert video["status"]["publishAt"] == _yt_time(later)
    assert video["status"]["privacyStatus"] == "private"
    # Nothing new in the history: the posts are the same three.
    assert len(env.workspace.outbox.history()) == 3


def test_cancelling_deletes_it_on_the_platform_and_leaves_the_history(env: Env) -> None:
    jobs = _scheduled(env, int(time.time()) + 86400)
    for platform in ("facebook", "wordpress", "youtube"):
        assert schedule_change.cancel(env.workspace.outbox, jobs[platform].id, env.clock()) is not None
        assert env.workspace.outbox.get(jobs[platform].id).state == CANCELLED  # type: ignore[union-attr]
    assert env.workspace.outbox.history() == []
    env.outbox.run_due()
    assert env.sandbox.graph.pages[PAGE].scheduled == [] and env.sandbox.graph.pages[PAGE].posts == []
    assert [p["status"] for p in env.sandbox.wordpress.posts] == ["trash"]  # the site can restore it
    (video,) = env.sandbox.google.videos
    assert video["status"]["privacyStatus"] == "private" and "publishAt" not in video["status"]
    assert all(j.state in (DONE, CANCELLED) for j in env.workspace.outbox.list())


def test_a_change_made_offline_goes_out_once_when_online(env: Env) -> None:
    at = int(time.time()) + 86400
    job = _scheduled(env, at)["facebook"]
    facebook = env.account("facebook")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    env.registry.update(dataclasses.replace(facebook, api_base=dead))
    change = _reschedule(env, job.id, at + 7200)
    assert change is not None
    env.outbox.run_due()
    waiting = env.workspace.outbox.get(change.id)
    assert waiting is not None and (waiting.state, waiting.error_code) == (WAITING, "api.unreachable")
    assert env.sandbox.graph.pages[PAGE].scheduled[0]["scheduled_publish_time"] == at  # not yet
    env.registry.update(facebook)  # the connection is back
    env.clock.advance_to(waiting.next_at)
    env.outbox.run_due()
    env.outbox.run_due()  # a second run sends nothing more
    assert env.workspace.outbox.get(change.id).state == DONE  # type: ignore[union-attr]
    assert env.sandbox.graph.pages[PAGE].scheduled[0]["scheduled_publish_time"] == at + 7200
    post_id = job.data["platform_id"]
    assert env.sandbox.graph.requests_to(rf"/{post_id}$", "POST") == 1


def test_only_the_latest_of_two_changes_goes_out(env: Env) -> None:
    at = int(time.time()) + 86400
    job = _scheduled(env, at)["wordpress"]
    first = _reschedule(env, job.id, at + 3600)
    second = _reschedule(env, job.id, at + 7200)
    assert first is not None and second is not None
    assert env.workspace.outbox.get(first.id).state == CANCELLED  # type: ignore[union-attr]
    env.outbox.run_due()
    assert env.sandbox.wordpress.posts[0]["date_gmt"] == _wp_date(at + 7200)
    assert env.sandbox.wordpress.requests_to(rf"/posts/{job.data['platform_id']}$", "POST") == 1


def test_facebooks_window_is_checked_before_anything_changes(env: Env) -> None:
    at = int(time.time()) + 86400
    job = _scheduled(env, at)["facebook"]
    with pytest.raises(ScheduleRefused) as refused:
        _reschedule(env, job.id, time.time() + 40 * 86400)
    assert refused.value.code == "schedule.outside_window"
    with pytest.raises(ScheduleRefused) as refused:
        _reschedule(env, job.id, time.time() + 5 * 60)  # under Facebook's 10 minutes
    assert refused.value.code == "schedule.outside_window"
    assert env.workspace.outbox.get(job.id).payload["publish_at"] == at  # type: ignore[union-attr]
    assert len(env.workspace.outbox.list()) == 3  # no change job


def test_the_fakes_refuse_a_new_time_outside_the_window(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    """A client that did not check: Facebook's fake says the time is invalid (§11)."""
    from composer.publish import facebook, facebook_schedule

    at = int(time.time()) + 86400
    job = _scheduled(env, at)["facebook"]
    monkeypatch.setattr(facebook, "SCHEDULE_WINDOW", (0, 365 * 86400))
    monkeypatch.setattr(facebook_schedule, "SCHEDULE_MAX", 365 * 86400)
    change = _reschedule(env, job.id, time.time() + 40 * 86400)
    assert change is not None
    env.outbox.run_due()
    failed = env.workspace.outbox.get(change.id)
    assert failed is not None and failed.state == FAILED
    assert "scheduled publish time is invalid" in failed.error_detail
    assert env.sandbox.graph.pages[PAGE].scheduled[0]["scheduled_publish_time"] == at


def test_a_post_published_meanwhile_is_never_unpublished_or_deleted(env: Env) -> None:
    at = int(time.time()) + 86400
    jobs = _scheduled(env, at)
    changes = [
        schedule_change.cancel(env.workspace.outbox, jobs["facebook"].id, env.clock()),
        schedule_change.cancel(env.workspace.outbox, jobs["wordpress"].id, env.clock()),
        _reschedule(env, jobs["youtube"].id, at + 3600),
    ]
    assert len(env.workspace.outbox.history()) == 1  # cancelled ones left the history at once
    # The platforms published them before the changes reached them (Siar was offline).
    page = env.sandbox.graph.pages[PAGE]
    page.scheduled[0]["scheduled_publish_time"] = int(time.time()) - 1
    env.sandbox.wordpress.posts[0]["date_gmt"] = _wp_date(time.time() - 1)
    env.sandbox.google.videos[0]["status"]["publishAt"] = _yt_time(time.time() - 1)
    env.outbox.run_due()
    for change in changes:
        assert change is not None
        done = env.workspace.outbox.get(change.id)
        assert done is not None and (done.state, done.error_code) == (
            FAILED,
            "api.schedule_already_published",
        )
    assert len(page.posts) == 1
    assert env.sandbox.wordpress.posts[0]["status"] == "publish"
    assert env.sandbox.google.videos[0]["status"]["privacyStatus"] == "public"
    # Siar says so too: each post is posted at its old time, in the history again.
    restored = {p: env.workspace.outbox.get(j.id) for p, j in jobs.items()}
    assert {p: j.state for p, j in restored.items() if j} == dict.fromkeys(jobs, DONE)
    assert all(j.payload["publish_at"] == at for j in restored.values() if j)
    assert sorted(h.platform for h in env.workspace.outbox.history()) == ["facebook", "wordpress", "youtube"]


def test_an_outbox_held_post_just_moves(env: Env) -> None:
    at = time.time() + 86400
    (job,) = env.outbox.enqueue(env.post(photos=1), [env.account("instagram")], send_at=at)
    assert _reschedule(env, job.id, at + 3600) is None  # nothing to tell Instagram
    moved = env.workspace.outbox.get(job.id)
    assert moved is not None and (moved.state, moved.next_at) == (WAITING, at + 3600)
    assert schedule_change.cancel(env.workspace.outbox, job.id, env.clock()) is None
    assert env.workspace.outbox.get(job.id).state == CANCELLED  # type: ignore[union-attr]


def test_a_native_post_not_sent_yet_takes_the_new_time_with_it(env: Env) -> None:
    at = int(time.time()) + 86400
    (job,) = env.outbox.enqueue(env.post(photos=0), [env.account("wordpress")], send_at=at)
    assert _reschedule(env, job.id, at + 600) is None  # still in the outbox: no change job
    env.outbox.run_due()
    assert env.sandbox.wordpress.posts[0]["date_gmt"] == _wp_date(at + 600)


def test_the_command_line_moves_and_cancels(env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    from composer import cli

    def siar(*args: str) -> int:
        return cli.main(["--lang", "en", "outbox", *args])

    at = int(time.time()) + 86400
    jobs = _scheduled(env, at)
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(at + 86400))
    assert siar("reschedule", jobs["wordpress"].id[:8], "--at", when) == 0
    assert siar("cancel", jobs["facebook"].id[:8]) == 0  # "posted" to Facebook, held there
    capsys.readouterr()
    assert siar("reschedule", jobs["youtube"].id[:8], "--at", "besok") == 2
    assert siar("reschedule", jobs["youtube"].id[:8], "--at", "2020-01-01 09:00") == 2
    assert "at least a minute" in capsys.readouterr().err
    assert siar("run") == 0
    moved = time.mktime(time.strptime(when, "%Y-%m-%d %H:%M"))
    assert env.sandbox.wordpress.posts[0]["date_gmt"] == _wp_date(moved)
    assert env.sandbox.graph.pages[PAGE].scheduled == []


def test_a_time_facebook_refused_can_be_moved_into_its_window(env: Env) -> None:
    (job,) = env.outbox.enqueue(
        env.post(photos=0), [env.account("facebook")], send_at=time.time() + 40 * 86400
    )
    env.outbox.run_due()
    assert env.workspace.outbox.get(job.id).error_code == "api.fb_schedule_window"  # type: ignore[union-attr]
    at = int(time.time()) + 86400
    assert _reschedule(env, job.id, at) is None  # nothing reached Facebook: the job goes again
    env.outbox.run_due()
    assert env.workspace.outbox.get(job.id).state == DONE  # type: ignore[union-attr]
    assert env.sandbox.graph.pages[PAGE].scheduled[0]["scheduled_publish_time"] == at


def test_youtubes_fake_takes_publish_at_only_on_a_private_video_never_published(env: Env) -> None:
    """videos.update (§11): publishAt needs privacyStatus=private, a future time, and a
    video that was never public; the status part is replaced as sent."""
    import requests

    video_id = _scheduled(env, int(time.time()) + 86400)["youtube"].data["platform_id"]
    google = env.sandbox.google
    token, _refresh = google.issue()
    url = f"{google.base_url}/youtube/v3/videos"

    def update(status: dict[str, object], part: str = "status") -> requests.Response:
        return requests.put(
            url,
            params={"part": part},
            json={"id": video_id, "status": status},
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )

    soon = _yt_time(time.time() + 7200)
    assert update({"privacyStatus": "public", "publishAt": soon}).status_code == 400
    assert update({"privacyStatus": "private", "publishAt": _yt_time(time.time() - 60)}).status_code == 400
    assert update({"privacyStatus": "private", "publishAt": soon}, part="snippet").status_code == 400
    assert update({"privacyStatus": "private", "publishAt": soon}).status_code == 200
    assert update({"privacyStatus": "public"}).status_code == 200  # published now
    answer = update({"privacyStatus": "private", "publishAt": soon})
    assert answer.status_code == 400 and answer.json()["error"]["errors"][0]["reason"] == "invalidPublishAt"


def test_a_scheduled_reel_cannot_move_but_can_be_cancelled(env: Env, tmp_path: Path) -> None:
    """The Reels API takes scheduled_publish_time only on finish (§10.2, §11): Siar says
    so before changing anything; cancelling deletes the video (DELETE /{video-id})."""
    from composer.core.post import Post
    from tests.store.videos import make_video

    clip = make_video(tmp_path / "klip.mp4", size=(54, 96), seconds=5.0)
    post = Post(title="Klip", text="Layanan paspor Sabtu, dalam Reel")
    post.media.append(env.workspace.media.import_file(clip))
    env.workspace.drafts.save(post)
    at = int(time.time()) + 86400
    (job,) = env.outbox.enqueue(post, [env.account("facebook")], send_at=at)
    env.outbox.run_due()
    done = env.workspace.outbox.get(job.id)
    assert done is not None and done.state == DONE and done.steps.get("reel"), done.error_detail
    (reel,) = env.sandbox.graph.reels.values()
    assert (reel.state, reel.scheduled_at) == ("SCHEDULED", at)
    with pytest.raises(ScheduleRefused) as refused:
        _reschedule(env, job.id, at + 3600)
    assert refused.value.code == "schedule.not_movable_here"
    assert schedule_change.cancel(env.workspace.outbox, job.id, env.clock()) is not None
    env.outbox.run_due()
    assert env.sandbox.graph.reels == {}
