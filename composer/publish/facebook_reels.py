"""A 9:16 clip on a Facebook Page as a Reel (PLATFORMS.md §10.2), through ``/video_reels``.

``start`` gives a video id and an address on the rupload host; the file goes there as
one streamed body (read from disk in blocks, never whole) with ``offset`` and
``file_size`` headers. How to resume mid-file is not documented (§10.2 ❓), so a retry
sends the file again from ``offset: 0`` to the same video id — the documented safe way.
``finish`` publishes it with the post's text (or schedules it, ``video_state=SCHEDULED``,
§11) — the visible step, reconciled through the video's ``status``: a publishing phase
that has started means the finish arrived. Then the status is polled until Facebook has
processed and published it (§10.1 "Status and permalink").
"""

from __future__ import annotations

from typing import Any

from composer.accounts.http import ApiError
from composer.core.platforms import facebook as rules
from composer.publish.base import Ctx, Result, Step
from composer.publish.facebook_schedule import schedule_fields
from composer.publish.facebook_video import wait_processed
from composer.publish.graph_request import call
from composer.publish.rupload import rupload

UPLOAD_SHARE = 0.8  # of the progress bar; processing takes the rest


def wanted(ctx: Ctx) -> bool:
    """A Reel: 9:16 and 3–90 s long (§10.2); decided once, then kept by the done steps."""
    if ctx.done("reel"):
        return True
    if ctx.done("video") or ctx.partial("video"):
        return False  # already on its way as a normal video
    video = ctx.payload["video"]
    if not rules.is_reel(int(video.get("width") or 0), int(video.get("height") or 0)):
        return False
    if "reel_seconds" not in ctx.cache:
        from composer.store import video as probe  # PyAV: only for a 9:16 clip

        try:
            ctx.cache["reel_seconds"] = probe.probe(ctx.path(video["id"])).duration
        except (probe.VideoRefused, OSError, ValueError):
            ctx.cache["reel_seconds"] = 0.0  # unreadable here: the normal video path says why
    return rules.is_reel(video["width"], video["height"], float(ctx.cache["reel_seconds"]))


def _start(ctx: Ctx) -> Result:
    body = call(ctx, "POST", f"{ctx.account.external_id}/video_reels", data={"upload_phase": "start"})
    return {"video_id": str(body["video_id"]), "upload_url": str(body["upload_url"])}


def _upload(ctx: Ctx) -> Result:
    return rupload(ctx, ctx.done("reel")["upload_url"], UPLOAD_SHARE, "api.fb_reel_upload_failed")


def _status(ctx: Ctx) -> dict[str, Any]:
    return dict(call(ctx, "GET", ctx.done("reel")["video_id"], params={"fields": "status,permalink_url"}))


def _finish(ctx: Ctx) -> Result:
    payload = ctx.payload
    data = {
        "upload_phase": "finish",
        "video_id": ctx.done("reel")["video_id"],
        "video_state": "PUBLISHED",
        "description": payload["text"],
    }
    schedule = schedule_fields(payload)  # the same 10 min – 30 days window (§11)
    if schedule:
        data.update(video_state="SCHEDULED", scheduled_publish_time=schedule["scheduled_publish_time"])
    answer = call(ctx, "POST", f"{ctx.account.external_id}/video_reels", data=data)
    if not answer.get("success"):
        raise ApiError("server", "api.fb_video_failed", detail=str(answer))
    return {"finished": True}


def _find_finished(ctx: Ctx) -> Result | None:
    """The finish arrived if processing or publishing has begun (§10.1 status phases)."""
    status = _status(ctx).get("status") or {}
    begun = (status.get("processing_phase") or {}).get("status", "not_started") != "not_started"
    return {"finished": True} if begun or status.get("video_status") in ("processing", "ready") else None


def _ready(ctx: Ctx) -> Result:
    """Processed and published (or, when scheduled, processed and waiting for its time)."""
    scheduled = bool(ctx.payload.get("publish_at"))

    def done(status: dict[str, Any]) -> bool:
        published = (status.get("publishing_phase") or {}).get("status") == "complete"
        return published or (scheduled and status.get("video_status") == "ready")

    return wait_processed(ctx, _status, ctx.done("reel")["video_id"], done)


def steps() -> list[Step]:
    return [
        Step("reel", _start),
        Step("reel_upload", _upload),
        Step("reel_finish", _finish, _find_finished),
        Step("reel_ready", _ready),
    ]
