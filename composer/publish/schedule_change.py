"""Moving or cancelling a scheduled post, wherever its time is kept (issue 13 item 4).

Two kinds of scheduled post:

- **held by the outbox** (Instagram, X, TikTok, and any post with a first comment): its
  time is only Siar's; moving it moves the hold, cancelling cancels the job;
- **held by the platform** (Facebook ``scheduled_publish_time``, WordPress
  ``status=future``, YouTube ``publishAt``; PLATFORMS.md §11): once uploaded, the platform
  publishes it even with the laptop off. Siar records the officer's wish at once (the
  calendar shows the new time, a cancelled post leaves the history) and queues a
  *change job* that tells the platform — an outbox job of its own kind, so it is done
  exactly once, waits while offline and runs when the connection is back.

A change job has ``payload.kind == "schedule"`` and ``post_id`` ``schedule:<job id>`` (the
post's own job; a newer change for the same post supersedes one still waiting). Its one
step calls the platform client's ``reschedule(ctx, remote_id, at)`` or
``unschedule(ctx, remote_id)``. Both are safe to repeat: setting a time twice is the
same time, and a post already gone counts as cancelled. Before changing anything each
client checks that the platform still holds the post unpublished, so a change that waited
past the old time never unpublishes or deletes a live post.
"""

from __future__ import annotations

from typing import Any

from composer import platforms
from composer.accounts.http import ApiError
from composer.publish.base import Ctx, Published, Result, Step
from composer.store.job_state import JobState
from composer.store.outbox import Job, NewJob, OutboxStore

KIND = "schedule"
RESCHEDULE, CANCEL = "reschedule", "cancel"
ALREADY_PUBLISHED = "api.schedule_already_published"  # the change came too late: undone in Siar
MIN_AHEAD = 60.0  # WordPress publishes at once a "future" post less than 60 s ahead (§11)
_NOT_STARTED = (JobState.QUEUED, JobState.WAITING, JobState.PAUSED, JobState.FAILED)


class ScheduleRefused(ValueError):
    """The time cannot be changed: ``code`` (an i18n key) says why, ``params`` fill it."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def is_schedule_job(job: Job) -> bool:
    return job.payload.get("kind") == KIND


def native_time(job: Job) -> float | None:
    """When the platform publishes *job*'s post, if the platform holds its time."""
    at = job.payload.get("publish_at")
    return float(at) if isinstance(at, int | float) and not is_schedule_job(job) else None


def held_time(job: Job) -> float | None:
    """When the outbox sends *job*, if the outbox holds it for a time."""
    at = job.data.get("scheduled_at")
    return float(at) if isinstance(at, int | float) and job.state not in (JobState.DONE,) else None


def changeable(job: Job, now: float) -> tuple[float, bool] | None:
    """(its time, whether the platform holds it) when *job* is a scheduled post whose time
    can still change or be cancelled; None otherwise (the window enables its buttons so)."""
    native = native_time(job)
    if native is not None:
        if job.state == JobState.DONE:
            return (native, True) if native > now and job.data.get("platform_id") else None
        not_started = not job.steps and not job.data.get("inflight") and not job.owner
        return (native, True) if job.state in _NOT_STARTED and not_started else None
    held = held_time(job)
    if held is None or job.attempts or job.owner:
        return None
    if job.state == JobState.WAITING or (job.state == JobState.PAUSED and job.data.get("missed")):
        return held, False
    return None


def window(platform_id: str) -> tuple[float, float]:
    """How far ahead (seconds) *platform_id* accepts a scheduled time: the client's
    ``SCHEDULE_WINDOW`` (Facebook: 10 min – 30 days), else at least a minute ahead."""
    client = platforms.get(platform_id).client()
    found = getattr(client, "SCHEDULE_WINDOW", None)
    return (float(found[0]), float(found[1])) if found else (MIN_AHEAD, float("inf"))


def _check_time(platform_id: str, at: float, now: float) -> None:
    if at < now + MIN_AHEAD:
        raise ScheduleRefused("schedule.in_the_past")
    low, high = window(platform_id)
    if not low <= at - now <= high:
        raise ScheduleRefused(
            "schedule.outside_window",
            platform=platforms.display_name(platform_id),
            low=str(round(low / 60)),
            high=str(round(high / 86400)),
        )


# --- the officer's use cases (store writes only: the outbox tells the platform) ------------
def reschedule(store: OutboxStore, job_id: str, at: float, now: float) -> Job | None:
    """Move a scheduled post to *at* (Unix time). Returns the change job queued for the
    platform, or None when the time was Siar's own (held, or not uploaded yet).
    ScheduleRefused when it cannot move (published, being sent, a time the platform
    refuses)."""
    job = store.get(job_id)
    if job is None or job.state == JobState.CANCELLED:
        raise ScheduleRefused("schedule.gone")
    native = native_time(job)
    if native is None:
        if held_time(job) is None:
            raise ScheduleRefused("schedule.not_scheduled")
        if at < now + MIN_AHEAD:
            raise ScheduleRefused("schedule.in_the_past")
        if not store.reschedule(job_id, at):
            raise ScheduleRefused("schedule.started")
        return None
    _check_time(job.platform, at, now)
    if job.state in _NOT_STARTED and store.set_publish_at(job_id, at):
        return None  # it goes to the platform with the new time
    can_move = getattr(platforms.get(job.platform).client(), "can_reschedule", None)
    if job.state == JobState.DONE and can_move is not None and not can_move(job):
        raise ScheduleRefused("schedule.not_movable_here", platform=platforms.display_name(job.platform))
    return _change(store, job, now, at)


def cancel(store: OutboxStore, job_id: str, now: float) -> Job | None:
    """Cancel a scheduled post: the outbox's job, or on the platform that holds it.
    Returns the change job queued for the platform, if one was needed."""
    job = store.get(job_id)
    if job is None or job.state == JobState.CANCELLED:
        raise ScheduleRefused("schedule.gone")
    if job.state != JobState.DONE:
        if job.state == JobState.RUNNING:
            raise ScheduleRefused("schedule.started")
        if not store.set_state(job_id, JobState.CANCELLED, only_from=_NOT_STARTED):
            raise ScheduleRefused("schedule.started")
        return None
    if native_time(job) is None:
        raise ScheduleRefused("schedule.published")
    return _change(store, job, now, None)


def _change(store: OutboxStore, job: Job, now: float, at: float | None) -> Job:
    native = native_time(job)
    remote_id = str(job.data.get("platform_id") or "")
    if job.state != JobState.DONE:
        raise ScheduleRefused("schedule.started")  # on its way: its steps carry the old time
    if not remote_id:
        raise ScheduleRefused("schedule.by_hand")  # a posting kit: Siar has no id to change
    if native is not None and native <= now:
        raise ScheduleRefused("schedule.published")  # the platform has published it
    title = str(job.payload.get("title") or job.payload.get("text") or "").strip().splitlines()
    payload: dict[str, Any] = {
        "kind": KIND,
        "action": RESCHEDULE if at is not None else CANCEL,
        "target_job": job.id,
        "remote_id": remote_id,
        "at": at,
        "video": bool(job.payload.get("video")),
        "reel": bool(job.steps.get("reel")),  # a Facebook Reel (publish/facebook_reels.py)
        # What to put back if the platform published the post before the change reached it.
        "was": native,
        "history": store.history_for_job(job.id),
        "title": ("⏰ " if at is not None else "✕ ") + (title[0][:60] if title else ""),
    }
    change = NewJob(f"{KIND}:{job.id}", job.account_id, job.platform, payload)
    return store.change_schedule(job, change, at)


# --- the change job's one step --------------------------------------------------------------
def _client(ctx: Ctx) -> Any:
    return platforms.get(ctx.job.platform).client()


def _run(ctx: Ctx) -> Result:
    payload = ctx.payload
    client = _client(ctx)
    if payload["action"] == RESCHEDULE:
        if not hasattr(client, "reschedule"):
            raise ApiError("invalid", "api.schedule_unsupported")
        client.reschedule(ctx, str(payload["remote_id"]), float(payload["at"]))
    else:
        if not hasattr(client, "unschedule"):
            raise ApiError("invalid", "api.schedule_unsupported")
        client.unschedule(ctx, str(payload["remote_id"]))
    return {"id": str(payload["remote_id"])}


def steps(ctx: Ctx) -> list[Step]:
    return [Step(str(ctx.payload["action"]), _run)]


def published(ctx: Ctx) -> Published:
    return Published(str(ctx.payload["remote_id"]), "")


def cleanup(ctx: Ctx) -> None:
    """Nothing was uploaded: nothing to clean."""
