"""Issue 13 item 4: Facebook and WordPress schedule natively (PLATFORMS.md §11), so the
laptop can be shut; the fakes hold the post as scheduled and refuse a time outside the
window."""

from __future__ import annotations

import time

from composer import platforms
from composer.store.outbox import DONE, FAILED
from tests.publish.conftest import Env

PAGE = "1090000001"


def test_the_registry_says_who_schedules_natively() -> None:
    native = {p.id for p in platforms.PLATFORMS if p.native_schedule}
    assert native == {"facebook", "youtube", "wordpress"}


def test_facebook_and_wordpress_hold_the_post_until_its_time(env: Env) -> None:
    post = env.post(photos=1)
    at = int(time.time()) + 86400
    jobs = env.outbox.enqueue(post, [env.account("facebook"), env.account("wordpress")], send_at=at)
    assert all(j.state == "queued" for j in jobs)  # sent now: the platform keeps the time
    env.outbox.run_due()
    assert {j.platform: j.state for j in env.workspace.outbox.list()} == {"facebook": DONE, "wordpress": DONE}
    page = env.sandbox.graph.pages[PAGE]
    assert page.posts == []  # not in the feed yet
    (held,) = page.scheduled
    assert held["scheduled_publish_time"] == at and held["message"] == post.text
    assert len(held["attachments"]) == 1
    (article,) = env.sandbox.wordpress.posts
    assert article["status"] == "future"
    assert article["date_gmt"] == time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(at))
    facebook_job = next(j for j in env.workspace.outbox.list() if j.platform == "facebook")
    assert facebook_job.steps["post"]["id"] == held["id"]  # the platform's scheduled id


def test_a_time_outside_facebooks_window_is_refused(env: Env) -> None:
    post = env.post(photos=0)
    env.outbox.enqueue(post, [env.account("facebook")], send_at=time.time() + 40 * 86400)
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert (job.state, job.error_code) == (FAILED, "api.fb_schedule_window")
    assert env.sandbox.graph.pages[PAGE].scheduled == []


def test_the_fake_itself_refuses_a_time_outside_the_window(env: Env, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from composer.publish import facebook_schedule

    monkeypatch.setattr(facebook_schedule, "SCHEDULE_MAX", 365 * 86400)  # a client that does not check
    env.outbox.enqueue(env.post(photos=0), [env.account("facebook")], send_at=time.time() + 40 * 86400)
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == FAILED and "scheduled publish time is invalid" in job.error_detail
    assert env.sandbox.graph.pages[PAGE].scheduled == []
