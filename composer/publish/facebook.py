"""Facebook Page posts (shared/PLATFORMS.md §2.3, §2.6).

Photos go up unpublished (``POST /{page-id}/photos`` with ``published=false``), then one
``POST /{page-id}/feed`` with ``attached_media`` makes the post — invisible uploads may
repeat, the post may not. The permalink comes back in the same call
(``fields=permalink_url``). Each photo carries its alt text (``alt_text_custom``, §15).
"Did it post?": ``/{page-id}/published_posts`` since this job's post first went out,
matched on the message and on the photos attached (their ids, from ``attachments``), so
a caption the office repeats every week with new photos is never taken for last
week's post; 506 "Duplicate status message" is only a hint to look (§2.6).
"""

from __future__ import annotations

import calendar
import json
import time
from typing import Any

from composer.accounts.http import ApiError
from composer.publish import facebook_reels, facebook_video, first_comment
from composer.publish.base import Ctx, Published, Result, Step, same_text
from composer.publish.facebook_schedule import SCHEDULE_MAX, SCHEDULE_MIN, schedule_fields
from composer.publish.graph_request import call
from composer.store.outbox import Job

platform = "facebook"

_call = call  # the Instagram client calls the Graph through this module too


CLOCK_SLACK = 120.0  # seconds the laptop's clock may be ahead of Facebook's


def upload_unpublished(
    ctx: Ctx, page_id: str, photo: dict[str, Any], caption: str = "", *, alt: bool = False
) -> str:
    """An unpublished Page photo (also Instagram's image host); returns its id. With
    *alt*, the photo's alt text goes along as ``alt_text_custom`` — it can be set only at
    upload (PLATFORMS.md §15)."""
    files = {"source": (photo["filename"], ctx.media_bytes(photo["id"]), photo["mime"])}
    data = {"published": "false"}
    if caption:
        data["caption"] = caption
    if alt and photo.get("alt"):
        data["alt_text_custom"] = str(photo["alt"])
    return str(_call(ctx, "POST", f"{page_id}/photos", data=data, files=files)["id"])


def photo_source(ctx: Ctx, photo_id: str) -> str:
    """The CDN address of an uploaded photo (largest rendition first)."""
    images = _call(ctx, "GET", photo_id, params={"fields": "images"}).get("images") or []
    return str(images[0]["source"]) if images else ""


def delete(ctx: Ctx, node_id: str) -> None:
    _call(ctx, "DELETE", node_id)


def _photo_step(index: int) -> Step:
    def run(ctx: Ctx) -> Result:
        photo = ctx.payload["photos"][index]
        photo_id = upload_unpublished(ctx, ctx.account.external_id, photo, alt=True)
        ctx.progress((index + 1) / (len(ctx.payload["photos"]) + 1))
        return {"photo_id": photo_id}

    return Step(f"photo:{index}", run)


def _post(ctx: Ctx) -> Result:
    payload = ctx.payload
    data: dict[str, str] = {"message": payload["text"], "fields": "id,permalink_url"}
    photos = [ctx.done(f"photo:{i}")["photo_id"] for i in range(len(payload["photos"]))]
    if photos:
        data["attached_media"] = json.dumps([{"media_fbid": p} for p in photos])
    elif payload.get("link"):
        data["link"] = payload["link"]
    data.update(schedule_fields(payload))
    body = _call(ctx, "POST", f"{ctx.account.external_id}/feed", data=data)
    return {"id": str(body["id"]), "permalink": str(body.get("permalink_url", ""))}


SCHEDULE_WINDOW = (SCHEDULE_MIN, SCHEDULE_MAX)  # publish/schedule_change.py checks a new time


def can_reschedule(job: Job) -> bool:
    """A scheduled Reel cannot be moved: the Reels API documents ``scheduled_publish_time``
    only on ``finish`` (§10.2, §11), nothing to change it later. It can be cancelled."""
    return not job.steps.get("reel")


def _still_scheduled(ctx: Ctx, remote_id: str) -> bool | None:
    """True while Facebook holds *remote_id* unpublished, False once it is live, None when
    it no longer exists (deleted). A Page post says ``is_published``, a video
    ``published`` (Graph reference: Page Post, Video); a Reel's ``status`` has a
    publishing phase that is "scheduled" until its time (§10.1)."""
    field_name = (
        "status" if ctx.payload.get("reel") else "published" if ctx.payload.get("video") else "is_published"
    )
    try:
        body = _call(ctx, "GET", remote_id, params={"fields": field_name})
    except ApiError as error:
        if error.params.get("code") == 100 and error.params.get("subcode") == 33:
            return None  # "Object with ID … does not exist"
        raise
    if ctx.payload.get("reel"):
        phase = (body.get("status") or {}).get("publishing_phase") or {}
        return bool(phase.get("publish_status") == "scheduled")
    return body.get(field_name) is False


def reschedule(ctx: Ctx, remote_id: str, at: float) -> None:
    """A new ``scheduled_publish_time`` for a scheduled post or video: ``POST /{id}``
    (§11; the same 10 min – 30 days window)."""
    state = _still_scheduled(ctx, remote_id)
    if state is None:
        raise ApiError("invalid", "api.schedule_gone", detail=remote_id)
    if not state:
        raise ApiError("invalid", "api.schedule_already_published", detail=remote_id)
    data = schedule_fields({"publish_at": at})
    data.pop("published")  # it stays unpublished; only the time changes
    _call(ctx, "POST", remote_id, data=data)


def unschedule(ctx: Ctx, remote_id: str) -> None:
    """Cancel a scheduled post: ``DELETE /{id}`` (§11) — never a post that went live
    meanwhile. One already gone counts as cancelled (a repeat after a lost answer)."""
    state = _still_scheduled(ctx, remote_id)
    if state is None:
        return
    if not state:
        raise ApiError("invalid", "api.schedule_already_published", detail=remote_id)
    delete(ctx, remote_id)


def _attached(post: dict[str, Any]) -> list[str]:
    """The photo ids a post carries: ``attachments`` targets, albums' ``subattachments``."""
    ids: list[str] = []
    for item in (post.get("attachments") or {}).get("data") or []:
        subs = (item.get("subattachments") or {}).get("data") or []
        for sub in subs or [item]:
            if sub.get("media_type", "photo") == "photo" and (sub.get("target") or {}).get("id"):
                ids.append(str(sub["target"]["id"]))
    return ids


def _find_post(ctx: Ctx) -> Result | None:
    """This job's post: the same message, made since its step first went out, carrying
    exactly this job's photos (none for a text or link post)."""
    if ctx.payload.get("publish_at"):
        return _find_scheduled(ctx)
    posts = _call(
        ctx,
        "GET",
        f"{ctx.account.external_id}/published_posts",
        params={
            "fields": "id,message,created_time,permalink_url,attachments{media_type,target,subattachments}",
            "limit": 25,
        },
    ).get("data", [])
    since = float(ctx.job.data.get("inflight_at") or ctx.job.created_at) - CLOCK_SLACK
    photos = sorted(str(ctx.done(f"photo:{i}")["photo_id"]) for i in range(len(ctx.payload["photos"])))
    for post in posts:
        created = _timestamp(str(post.get("created_time", "")))
        if (
            created >= since
            and same_text(str(post.get("message", "")), ctx.payload["text"])
            and sorted(_attached(post)) == photos
        ):
            return {"id": str(post["id"]), "permalink": str(post.get("permalink_url", ""))}
    return None


def _find_scheduled(ctx: Ctx) -> Result | None:
    """A natively scheduled post is not among the published ones: look in
    ``/{page-id}/scheduled_posts`` for this message at this time (§11)."""
    posts = _call(
        ctx,
        "GET",
        f"{ctx.account.external_id}/scheduled_posts",
        params={"fields": "id,message,scheduled_publish_time,permalink_url"},
    ).get("data", [])
    when = int(float(ctx.payload["publish_at"]))
    for post in posts:
        if (
            same_text(str(post.get("message", "")), ctx.payload["text"])
            and int(post.get("scheduled_publish_time") or 0) == when
        ):
            return {"id": str(post["id"]), "permalink": str(post.get("permalink_url", ""))}
    return None


def _timestamp(value: str) -> float:
    """Graph's ``2026-11-28T08:30:00+0000`` as Unix time."""
    try:
        return float(calendar.timegm(time.strptime(value[:19], "%Y-%m-%dT%H:%M:%S")))
    except ValueError:
        return 0.0


def _permalink(ctx: Ctx) -> Result:
    post = ctx.done("post")
    if post.get("permalink"):
        return {"permalink": post["permalink"]}
    body = _call(ctx, "GET", post["id"], params={"fields": "permalink_url"})
    return {"permalink": str(body.get("permalink_url") or f"https://www.facebook.com/{post['id']}")}


def _commented_on(ctx: Ctx) -> str:
    if not ctx.payload.get("video"):
        return str(ctx.done("post")["id"])
    return str((ctx.done("reel") or ctx.done("video"))["video_id"])


def steps(ctx: Ctx) -> list[Step]:
    comment = [first_comment.graph_step(_commented_on)] if ctx.payload.get("first_comment") else []
    if ctx.payload.get("video"):  # a video post (the media plan sends no photos with it)
        if facebook_reels.wanted(ctx):  # a 9:16 clip of 3–90 s becomes a Reel (§10.2)
            return [*facebook_reels.steps(), *comment]
        return [*facebook_video.steps(), *comment]
    photos = [_photo_step(i) for i in range(len(ctx.payload["photos"]))]
    return [*photos, Step("post", _post, _find_post), Step("permalink", _permalink), *comment]


def published(ctx: Ctx) -> Published:
    if ctx.payload.get("video") and ctx.done("reel"):
        return Published(ctx.done("reel")["video_id"], ctx.done("reel_ready")["permalink"])
    if ctx.payload.get("video"):
        return Published(ctx.done("video")["video_id"], ctx.done("video_ready")["permalink"])
    return Published(ctx.done("post")["id"], ctx.done("permalink")["permalink"])


def cleanup(ctx: Ctx) -> None:
    """Nothing to clean: the unpublished photos now belong to the post."""
