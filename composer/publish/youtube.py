"""Videos on YouTube with the resumable upload protocol (shared/PLATFORMS.md §4.2–4.7).

A session is started with the metadata (its URI in ``Location``), the file follows in
chunks of a multiple of 256 KiB with ``Content-Range``; after a break, an empty ``PUT``
with ``Content-Range: bytes */N`` says how far the server got (308 with ``Range``) or
that it finished (200/201 with the video) — that is also the "did it post?" check. A
404 means the session expired: a new one is started. Then the custom thumbnail.
A 401 ``authError`` (the hour-long access token ran out mid-upload) is cured by one
refresh and the same request again (§4.6); only a refresh answered ``invalid_grant``
means reconnect.
"""

from __future__ import annotations

import time
from typing import Any

from composer.accounts import youtube as google
from composer.accounts.http import ApiError, json_of
from composer.core.platforms import youtube as rules
from composer.publish import first_comment
from composer.publish.base import Ctx, Published, Result, Step
from composer.publish.chunks import read_chunks
from composer.publish.youtube_request import send as _send

platform = "youtube"
CHUNK = 8 * 256 * 1024  # a multiple of 256 KiB, as the protocol requires


def _metadata(ctx: Ctx) -> dict[str, Any]:
    payload = ctx.payload
    title = payload["title"].replace("<", "").replace(">", "")[: rules.MAX_TITLE]
    description = payload["text"].replace("<", "‹").replace(">", "›")
    while len(description.encode()) > rules.MAX_DESCRIPTION_BYTES:
        description = description[:-1]
    status: dict[str, Any] = {
        "privacyStatus": ctx.account.settings.get("privacy", "public"),
        "selfDeclaredMadeForKids": False,
    }
    if payload.get("publish_at"):
        # Scheduled: private until YouTube itself publishes it at that time (publishAt
        # needs privacyStatus=private, PLATFORMS.md §4.4).
        when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(float(payload["publish_at"])))
        status.update({"privacyStatus": "private", "publishAt": when})
    return {
        "snippet": {
            "title": title,
            "description": description,
            "tags": list(payload.get("tags") or []),
            "categoryId": "25",
        },
        "status": status,
    }


def _start(ctx: Ctx, size: int) -> str:
    video = ctx.payload["video"]
    answer = _send(
        ctx,
        "POST",
        f"{ctx.account.api_base.rstrip('/')}/upload/youtube/v3/videos",
        {"X-Upload-Content-Length": str(size), "X-Upload-Content-Type": video["mime"]},
        params={"uploadType": "resumable", "part": "snippet,status"},
        json=_metadata(ctx),
    )
    if answer.status_code != 200 or not answer.headers.get("Location"):
        raise google.interpret(answer)
    return answer.headers["Location"]


def _size(ctx: Ctx) -> int:
    return ctx.path(ctx.payload["video"]["id"]).stat().st_size


def _session(ctx: Ctx) -> Result:
    return {"uri": _start(ctx, _size(ctx))}


def _where(ctx: Ctx, uri: str, size: int) -> tuple[int, Result | None]:
    """(next byte to send, the video if the upload already finished)."""
    answer = _send(ctx, "PUT", uri, {"Content-Range": f"bytes */{size}"}, data=b"")
    if answer.status_code in (200, 201):
        return size, {"video_id": str((json_of(answer) or {})["id"])}
    if answer.status_code == 308:
        received = answer.headers.get("Range", "")
        return (int(received.rsplit("-", 1)[-1]) + 1 if received else 0), None
    if answer.status_code == 404:
        return -1, None
    raise google.interpret(answer)


def _upload(ctx: Ctx) -> Result:
    path = ctx.path(ctx.payload["video"]["id"])
    size = path.stat().st_size
    uri = ctx.done("session")["uri"]
    offset, finished = _where(ctx, uri, size)
    if finished is not None:
        return finished
    if offset < 0:  # the session expired: start over with a new one
        uri, offset = _start(ctx, size), 0
    while True:
        # Read from disk one chunk at a time (issue 13 item 2): never the whole file.
        chunk = next(read_chunks(path, offset, CHUNK), (offset, b""))[1]
        last = offset + len(chunk) - 1
        answer = _send(ctx, "PUT", uri, {"Content-Range": f"bytes {offset}-{last}/{size}"}, data=chunk)
        if answer.status_code in (200, 201):
            ctx.progress(1.0)
            return {"video_id": str((json_of(answer) or {})["id"])}
        if answer.status_code != 308:
            raise google.interpret(answer)
        received = answer.headers.get("Range", "")
        offset = int(received.rsplit("-", 1)[-1]) + 1 if received else 0
        ctx.progress(offset / size)


def _find_upload(ctx: Ctx) -> Result | None:
    _offset, finished = _where(ctx, ctx.done("session")["uri"], _size(ctx))
    return finished  # None: not finished — uploading resumes where the server got to


def _thumbnail(ctx: Ctx) -> Result:
    photo = ctx.payload["photos"][0]
    answer = _send(
        ctx,
        "POST",
        f"{ctx.account.api_base.rstrip('/')}/upload/youtube/v3/thumbnails/set",
        {"Content-Type": photo["mime"]},
        params={"videoId": ctx.done("upload")["video_id"]},
        data=ctx.media_bytes(photo["id"]),
    )
    if answer.status_code != 200:
        error = google.interpret(answer)
        if error.kind == "permission":  # an unverified channel: the video is up, only the thumbnail is not
            return {"skipped": error.code}
        raise error
    return {"set": True}


def _video_status(ctx: Ctx, video_id: str) -> dict[str, Any] | None:
    """``videos.list?part=status`` (1 unit, §11): the video's status, None when gone."""
    answer = _send(
        ctx,
        "GET",
        f"{ctx.account.api_base.rstrip('/')}/youtube/v3/videos",
        params={"part": "status", "id": video_id},
    )
    if answer.status_code != 200:
        raise google.interpret(answer)
    items = (json_of(answer) or {}).get("items") or []
    return dict(items[0].get("status") or {}) if items else None


def _update_status(ctx: Ctx, video_id: str, status: dict[str, Any]) -> None:
    # videos.update replaces the whole status part: what Siar set at upload goes again.
    answer = _send(
        ctx,
        "PUT",
        f"{ctx.account.api_base.rstrip('/')}/youtube/v3/videos",
        params={"part": "status"},
        json={"id": video_id, "status": {"selfDeclaredMadeForKids": False, **status}},
    )
    if answer.status_code != 200:
        raise google.interpret(answer)


def _still_scheduled(status: dict[str, Any]) -> bool:
    return status.get("privacyStatus") == "private" and bool(status.get("publishAt"))


def reschedule(ctx: Ctx, remote_id: str, at: float) -> None:
    """A new ``publishAt``: ``videos.update`` with ``privacyStatus=private`` sent again
    with it (§11) — only while the video was never published."""
    status = _video_status(ctx, remote_id)
    if status is None:
        raise ApiError("invalid", "api.schedule_gone", detail=remote_id)
    if not _still_scheduled(status):
        raise ApiError("invalid", "api.schedule_already_published", detail=str(status.get("privacyStatus")))
    when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at))
    _update_status(ctx, remote_id, {"privacyStatus": "private", "publishAt": when})


def unschedule(ctx: Ctx, remote_id: str) -> None:
    """Cancel: ``videos.update`` with ``privacyStatus=private`` and no ``publishAt`` (§11).
    The video stays on the channel, private (deleting an upload is the officer's call)."""
    status = _video_status(ctx, remote_id)
    if status is None or (status.get("privacyStatus") == "private" and not status.get("publishAt")):
        return  # gone, or already private with no time: nothing left to cancel
    if not _still_scheduled(status):
        raise ApiError("invalid", "api.schedule_already_published", detail=str(status.get("privacyStatus")))
    _update_status(ctx, remote_id, {"privacyStatus": "private"})


def steps(ctx: Ctx) -> list[Step]:
    if not ctx.payload.get("video"):
        raise ApiError("invalid", "api.yt_needs_video")
    thumb = [Step("thumbnail", _thumbnail)] if ctx.payload["photos"] else []
    # The first comment once the video is up (and public: a post with a comment is held
    # by the outbox, never scheduled natively), its own exactly-once step.
    comment = [first_comment.youtube_step(_video_id)] if ctx.payload.get("first_comment") else []
    return [Step("session", _session), Step("upload", _upload, _find_upload), *thumb, *comment]


def _video_id(ctx: Ctx) -> str:
    return str(ctx.done("upload")["video_id"])


def published(ctx: Ctx) -> Published:
    video_id = ctx.done("upload")["video_id"]
    return Published(video_id, f"https://www.youtube.com/watch?v={video_id}")


def cleanup(ctx: Ctx) -> None:
    """Nothing: an unfinished session expires on Google's side."""
