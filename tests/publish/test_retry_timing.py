"""Issue 10 items 3, 4, 5 and 8: X's 429 waits for the limit that was really spent,
retry times a day away show their date, YouTube refreshes an expired token mid-upload
and tells its daily quota from rate limiting, Facebook photos carry their alt text."""

from __future__ import annotations

import time

from composer.publish.outbox import error_text
from composer.sandbox import Fault
from composer.sandbox.server import Request
from composer.store.outbox import DONE, WAITING
from tests.publish.conftest import Env
from tests.publish.test_faults import settle

TOO_MANY = {"title": "Too Many Requests", "type": "about:blank", "status": 429, "detail": "Too Many Requests"}


def x_429(reset: int, day_remaining: str, day_reset: int) -> Fault:
    headers = {
        "x-rate-limit-limit": "100",
        "x-rate-limit-remaining": "0",
        "x-rate-limit-reset": str(reset),
        "x-user-limit-24hour-limit": "10000",
        "x-user-limit-24hour-remaining": day_remaining,
        "x-user-limit-24hour-reset": str(day_reset),
    }
    return Fault(r"^/2/tweets$", "status", status=429, body=TOO_MANY, headers=headers, method="POST")


def test_x_429_with_only_the_15_minute_limit_spent_waits_minutes_not_a_day(env: Env) -> None:
    now = int(time.time())
    env.sandbox.x.inject(x_429(now + 5, "9999", now + 86_000))
    env.outbox.enqueue(env.post(photos=0), [env.account("x")])
    env.outbox.run_due()
    [job] = env.workspace.outbox.list()
    assert job.state == WAITING and job.error_code == "api.x_rate_limited"
    assert job.next_at - now < 60  # the per-endpoint reset, not the 24-hour one
    settle(env)
    assert env.workspace.outbox.list()[0].state == DONE and len(env.sandbox.x.tweets) == 1


def test_x_429_with_the_24_hour_limit_spent_waits_for_it_and_says_the_date(env: Env) -> None:
    now = int(time.time())
    day_reset = now + 2 * 86400  # more than a day away
    env.sandbox.x.inject(x_429(now + 5, "0", day_reset))
    env.outbox.enqueue(env.post(photos=0), [env.account("x")])
    env.outbox.run_due()
    [job] = env.workspace.outbox.list()
    assert job.state == WAITING and abs(job.next_at - day_reset) < 10
    message = error_text(job)
    assert time.strftime("%Y-%m-%d", time.localtime(job.next_at)) in message, message


def test_a_retry_time_shows_its_date_unless_it_is_today() -> None:
    from composer.accounts.http import retry_time

    now = time.mktime((2026, 12, 1, 10, 0, 0, 0, 0, -1))
    assert retry_time(now + 3600, now) == "11:00"
    assert retry_time(now + 86_400 + 3600, now) == "2026-12-02 11:00"


def google_429(reason: str, message: str) -> dict[str, object]:
    return {"error": {"code": 429, "message": message, "errors": [{"domain": "global", "reason": reason}]}}


def test_youtube_401_mid_upload_refreshes_once_and_goes_on(env: Env) -> None:
    """PLATFORMS.md §4.6: 401 authError — refresh the access token and go on."""
    yt = env.account("youtube")
    expired: list[str] = []

    def hour_runs_out(request: Request, phase: str) -> None:
        if phase == "received" and request.header("content-range").startswith("bytes 0-") and not expired:
            env.sandbox.google.expire_access_tokens()  # mid-upload, before the bytes land
            expired.append(request.path)

    env.sandbox.google.hook = hour_runs_out
    env.outbox.enqueue(env.post(photos=1, video=True), [yt])
    env.outbox.run_due()
    [job] = env.workspace.outbox.list()
    assert job.state == DONE, (job.state, job.error_code)
    assert expired and len(env.sandbox.google.videos) == 1
    assert env.account("youtube").health.state != "revoked"


def test_youtube_401_even_after_a_refresh_is_not_a_revoked_account(env: Env) -> None:
    body = {
        "error": {
            "code": 401,
            "message": "Request had invalid authentication credentials.",
            "errors": [{"domain": "global", "reason": "authError"}],
        }
    }
    env.sandbox.google.inject(Fault(r"^/upload/session/", "status", status=401, body=body, skip=1, times=2))
    env.outbox.enqueue(env.post(photos=1, video=True), [env.account("youtube")])
    env.outbox.run_due()
    [job] = env.workspace.outbox.list()
    assert job.state == WAITING and env.account("youtube").health.state != "revoked"
    settle(env)
    assert env.workspace.outbox.list()[0].state == DONE and len(env.sandbox.google.videos) == 1


def test_youtube_refresh_refused_with_invalid_grant_means_reconnect(env: Env) -> None:
    env.sandbox.google.revoke_all()
    env.outbox.enqueue(env.post(photos=1, video=True), [env.account("youtube")])
    env.outbox.run_due()
    [job] = env.workspace.outbox.list()
    assert job.error_code == "api.auth_revoked" and env.account("youtube").health.state == "revoked"


def test_youtube_rate_limit_is_not_called_the_daily_quota(env: Env) -> None:
    body = google_429("rateLimitExceeded", "Too many requests.")
    env.sandbox.google.inject(Fault(r"/upload/youtube/v3/videos$", "status", status=429, body=body))
    env.outbox.enqueue(env.post(photos=1, video=True), [env.account("youtube")])
    env.outbox.run_due()
    [job] = env.workspace.outbox.list()
    assert job.state == WAITING and job.error_code == "api.yt_rate_limited"
    assert job.next_at - time.time() < 3600  # retried soon, as the message says
    assert "midnight" not in error_text(job)  # not "the daily quota is used up"
    settle(env)
    assert env.workspace.outbox.list()[0].state == DONE


def test_youtube_daily_quota_waits_for_midnight_pacific_and_says_so(env: Env) -> None:
    body = {
        "error": {
            "code": 403,
            "message": "quota",
            "errors": [{"domain": "youtube.quota", "reason": "quotaExceeded"}],
        }
    }
    env.sandbox.google.inject(Fault(r"/upload/youtube/v3/videos$", "status", status=403, body=body))
    env.outbox.enqueue(env.post(photos=1, video=True), [env.account("youtube")])
    env.outbox.run_due()
    [job] = env.workspace.outbox.list()
    assert job.state == WAITING and job.error_code == "api.yt_quota"
    wait = job.next_at - time.time()
    assert 60 <= wait <= 86_400 + 10  # until the reset, not 20 seconds
    assert time.strftime("%H:%M", time.localtime(job.next_at)) in error_text(job)


def test_facebook_photos_carry_their_alt_text(env: Env) -> None:
    """PLATFORMS.md §15: alt_text_custom on each unpublished photo, before /feed."""
    env.outbox.enqueue(env.post(photos=2), [env.account("facebook")])
    env.outbox.run_due()
    assert env.workspace.outbox.list()[0].state == DONE
    alts = sorted(p.alt_text_custom for p in env.sandbox.graph.photos.values())
    assert alts == ["Foto paspor-dari-ponsel.jpg", "Foto ruang-pelayanan.jpg"]
