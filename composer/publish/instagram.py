"""Instagram posts through the Graph API with the linked Page's token (PLATFORMS.md §3).

Instagram fetches images from a public address (§3.6), so each photo is first hosted:
as an unpublished photo on the linked Facebook Page (its CDN address), or in the office
WordPress media library. Then containers (one per photo, plus the carousel parent),
a status check until FINISHED, ``content_publishing_limit`` read just before
``media_publish``, and the permalink read back. "Did it post?": the container's
``status_code`` — PUBLISHED means it went out (§3.5) — then the recent media list.
A video alone becomes a Reel through the resumable upload (§10.3): the bytes go to the
rupload host, so no public address is needed. With photos, the video is a carousel item
in its place (``media_type=VIDEO``, ``is_carousel_item=true``) through the same upload,
and the carousel is made once that child is FINISHED (§10.3). That path takes video
only — the resumable-upload page is "Upload Video to Meta Servers" and allows
``media_type`` REELS, STORIES or VIDEO — so photos still need the image host (§10.3:
"Images still need a public image_url"; no byte upload for photos in any source).
"""

from __future__ import annotations

import calendar
import contextlib
import time
from collections.abc import Callable
from typing import Any

from composer.accounts import facebook as graph
from composer.accounts.http import ApiError
from composer.publish import facebook, first_comment, wordpress
from composer.publish.base import Ctx, NeedsCheck, Published, Result, Step, same_text
from composer.publish.rupload import rupload

platform = "instagram"
READY_POLLS = 8
CLOCK_SLACK = 120.0  # seconds the laptop's clock may be ahead of Instagram's


def _call(ctx: Ctx, method: str, path: str, **kwargs: Any) -> Any:
    return facebook._call(ctx, method, path, **kwargs)


def _host_step(index: int) -> Step:
    def run(ctx: Ctx) -> Result:
        photo = ctx.payload["photos"][index]
        if ctx.account.settings.get("image_host") == graph.IMAGE_HOST_WORDPRESS:
            helper = ctx.helper_account("wordpress")
            if helper is None:
                raise ApiError("invalid", "api.ig_no_host")
            account, secrets = helper
            media = wordpress.upload_media(ctx.session, account, secrets, photo, ctx.media_bytes(photo["id"]))
            return {"url": media["source_url"], "wp_media": media["id"], "wp_account": account.id}
        photo_id = facebook.upload_unpublished(ctx, str(ctx.account.settings["page_id"]), photo)
        url = facebook.photo_source(ctx, photo_id)
        if not url:
            raise ApiError("server", "api.ig_fetch_failed", retry_after=30)
        return {"url": url, "photo_id": photo_id}

    return Step(f"host:{index}", run)


def _container_step(index: int, carousel: bool) -> Step:
    def run(ctx: Ctx) -> Result:
        photo = ctx.payload["photos"][index]
        data = {"image_url": ctx.done(f"host:{index}")["url"]}
        if photo.get("alt"):
            data["alt_text"] = str(photo["alt"])[:1000]
        if carousel:
            data["is_carousel_item"] = "true"
        else:
            data["caption"] = ctx.payload["text"]
        body = _call(ctx, "POST", f"{ctx.account.external_id}/media", data=data)
        ctx.progress((index + 1) / (len(ctx.payload["photos"]) + 2))
        return {"id": str(body["id"])}

    return Step(f"container:{index}", run)


def _children(ctx: Ctx) -> list[str]:
    """The carousel's items in the post's order: the video (if any) in its place."""
    children = [ctx.done(f"container:{i}")["id"] for i in range(len(ctx.payload["photos"]))]
    video = ctx.payload.get("video")
    if video:
        children.insert(int(video.get("at", len(children))), ctx.done("video_child")["id"])
    return children


def _carousel(ctx: Ctx) -> Result:
    children = _children(ctx)
    body = _call(
        ctx,
        "POST",
        f"{ctx.account.external_id}/media",
        data={"media_type": "CAROUSEL", "children": ",".join(children), "caption": ctx.payload["text"]},
    )
    return {"id": str(body["id"])}


def _creation_id(ctx: Ctx) -> str:
    return str((ctx.done("reel") or ctx.done("carousel") or ctx.done("container:0"))["id"])


def _reel(ctx: Ctx) -> Result:
    """A Reels container for the byte upload (§10.3): no public address needed."""
    body = _call(
        ctx,
        "POST",
        f"{ctx.account.external_id}/media",
        data={
            "upload_type": "resumable",
            "media_type": "REELS",
            "caption": ctx.payload["text"],
            "share_to_feed": "true",  # the default is unclear (§10.3 ❓): always send it
        },
    )
    return {"id": str(body["id"]), "uri": str(body["uri"])}


def _video_child(ctx: Ctx) -> Result:
    """A carousel item for the video, filled through the byte upload (§10.3): no
    caption on a child, ``VIDEO`` (Reels cannot be carousel items)."""
    body = _call(
        ctx,
        "POST",
        f"{ctx.account.external_id}/media",
        data={"upload_type": "resumable", "media_type": "VIDEO", "is_carousel_item": "true"},
    )
    return {"id": str(body["id"]), "uri": str(body["uri"])}


def _upload_step(container_step: str, share: float) -> Callable[[Ctx], Result]:
    def run(ctx: Ctx) -> Result:
        """The file to the rupload host (§10.2 ❓: a retry sends it again from offset 0)."""
        return rupload(ctx, ctx.done(container_step)["uri"], share, "api.ig_upload_failed")

    return run


def _status(ctx: Ctx, container: str) -> str:
    return str(_call(ctx, "GET", container, params={"fields": "status_code,status"}).get("status_code", ""))


def _ready(ctx: Ctx) -> Result:
    return _wait_for(ctx, _creation_id(ctx))


def _video_child_ready(ctx: Ctx) -> Result:
    """The video item processed before the carousel is made of it (§10.3 ❓ practice)."""
    return _wait_for(ctx, ctx.done("video_child")["id"])


def _wait_for(ctx: Ctx, container: str) -> Result:
    for attempt in range(READY_POLLS):
        status = _status(ctx, container)
        if status in ("FINISHED", "PUBLISHED"):
            return {"status": status}
        if status == "ERROR":
            raise ApiError("invalid", "api.ig_container_error")
        if status == "EXPIRED":
            raise ApiError("invalid", "api.ig_container_expired")
        ctx.sleep(min(1.0 + attempt, 5.0))
    raise ApiError("server", "api.ig_not_ready", retry_after=60)


def _publish(ctx: Ctx) -> Result:
    limit = _call(
        ctx,
        "GET",
        f"{ctx.account.external_id}/content_publishing_limit",
        params={"fields": "quota_usage,config"},
    )
    entry = (limit.get("data") or [{}])[0]
    total = int((entry.get("config") or {}).get("quota_total") or 50)
    if int(entry.get("quota_usage") or 0) >= total:
        raise ApiError("quota", "api.ig_daily_limit", retry_after=3600)
    body = _call(
        ctx, "POST", f"{ctx.account.external_id}/media_publish", data={"creation_id": _creation_id(ctx)}
    )
    return {"id": str(body["id"])}


def _find_published(ctx: Ctx) -> Result | None:
    """PUBLISHED on this job's own container means it went out (§3.5); then the media is
    the one with this caption and kind, published since the step first went out."""
    status = _status(ctx, _creation_id(ctx))
    if status != "PUBLISHED":
        return None  # FINISHED / IN_PROGRESS: it did not go out; publishing again is safe
    media = _call(
        ctx,
        "GET",
        f"{ctx.account.external_id}/media",
        params={"fields": "id,caption,media_type,permalink,timestamp", "limit": 25},
    ).get("data", [])
    since = float(ctx.job.data.get("inflight_at") or ctx.job.created_at) - CLOCK_SLACK
    items = len(ctx.payload["photos"]) + (1 if ctx.payload.get("video") else 0)
    kind = "CAROUSEL_ALBUM" if items > 1 else ("VIDEO" if ctx.payload.get("video") else "IMAGE")
    for item in media:
        if (
            same_text(str(item.get("caption", "")), ctx.payload["text"])
            and str(item.get("media_type", kind)) == kind
            and _timestamp(str(item.get("timestamp", ""))) >= since
        ):
            return {"id": str(item["id"])}
    raise NeedsCheck("Instagram says the post was published but it is not among the latest posts.")


def _timestamp(value: str) -> float:
    """Graph's ``2026-11-28T08:30:00+0000`` as Unix time."""
    try:
        return float(calendar.timegm(time.strptime(value[:19], "%Y-%m-%dT%H:%M:%S")))
    except ValueError:
        return 0.0


def _permalink(ctx: Ctx) -> Result:
    body = _call(ctx, "GET", ctx.done("publish")["id"], params={"fields": "permalink,shortcode"})
    return {"permalink": str(body.get("permalink", ""))}


def _cleanup_step(ctx: Ctx) -> Result:
    cleanup(ctx)
    return {"cleaned": True}


def _media_id(ctx: Ctx) -> str:
    return str(ctx.done("publish")["id"])


def _comment(ctx: Ctx) -> list[Step]:
    if not ctx.payload.get("first_comment"):
        return []
    return [first_comment.graph_step(_media_id)]


def steps(ctx: Ctx) -> list[Step]:
    photos = ctx.payload["photos"]
    if ctx.payload.get("video") and not photos:  # a video alone: a Reel
        return [
            Step("reel", _reel),
            Step("reel_upload", _upload_step("reel", 0.7)),
            Step("ready", _ready),
            Step("publish", _publish, _find_published),
            Step("permalink", _permalink),
            *_comment(ctx),
        ]
    if not photos:
        raise ApiError("invalid", "api.ig_needs_image")
    video = bool(ctx.payload.get("video"))  # with photos: a carousel item (§10.3)
    carousel = len(photos) + video > 1
    out = [_host_step(i) for i in range(len(photos))]
    out += [_container_step(i, carousel) for i in range(len(photos))]
    if video:
        out += [
            Step("video_child", _video_child),
            Step("video_upload", _upload_step("video_child", 0.6)),
            Step("video_child_ready", _video_child_ready),
        ]
    if carousel:
        out.append(Step("carousel", _carousel))
    out += [
        Step("ready", _ready),
        Step("publish", _publish, _find_published),
        Step("permalink", _permalink),
        *_comment(ctx),
        Step("cleanup", _cleanup_step),
    ]
    return out


def published(ctx: Ctx) -> Published:
    return Published(ctx.done("publish")["id"], ctx.done("permalink")["permalink"])


def cleanup(ctx: Ctx) -> None:
    """Remove the unpublished Page photos that only served as image hosts (best effort)."""
    for index in range(len(ctx.payload["photos"])):
        photo_id = ctx.done(f"host:{index}").get("photo_id")
        if photo_id:
            with contextlib.suppress(ApiError):  # best effort: a leftover is invisible
                facebook.delete(ctx, str(photo_id))
