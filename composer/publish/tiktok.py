"""Posts on TikTok through the Content Posting API (shared/PLATFORMS.md §13).

A video goes up with ``FILE_UPLOAD``: ``init`` (direct post: ``/v2/post/publish/video/
init/`` with ``post_info``; upload to inbox: ``/v2/post/publish/inbox/video/init/``
with ``source_info`` only) returns a ``publish_id`` and an ``upload_url``; the file is
``PUT`` there in sequential chunks read from disk one at a time (each 5–64 MB, the last
one takes the remainder, a file under 5 MB is one chunk [OFFICIAL media-transfer
guide]); then ``/v2/post/publish/status/fetch/`` is polled until ``PUBLISH_COMPLETE``
(direct) or ``SEND_TO_USER_INBOX`` (inbox: the creator finishes in the TikTok app).

The last chunk is the step that makes the post happen, so "did it post?" (§7) is the
status endpoint for this ``publish_id``: past ``PROCESSING_UPLOAD``, or all bytes
received, means it went; otherwise the upload resumes after the bytes TikTok has.

Photos reach TikTok only by ``PULL_FROM_URL`` from a verified domain (the photo-post
reference shows no byte upload, §13 ❓), so each photo is first put in the office
website's media library — the account's ``photo_host`` — and ``/v2/post/publish/
content/init/`` names their addresses. That init is the visible step; TikTok offers no
list of the creator's posts under these scopes, so when its answer is lost the officer
checks (``NeedsCheck``) rather than Siar posting twice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import requests

from composer.accounts import tiktok as account_api
from composer.accounts.http import ApiError, json_of, request
from composer.accounts.model import Account
from composer.core.platforms import tiktok as rules
from composer.core.platforms.base import images, videos
from composer.core.post import PlatformContent
from composer.publish import wordpress
from composer.publish.base import Ctx, NeedsCheck, Published, Result, Step
from composer.store.outbox import Job

platform = "tiktok"
MIN_CHUNK = 5 * 1024 * 1024  # [OFFICIAL media-transfer guide] each chunk 5–64 MB
MAX_CHUNK = 64 * 1024 * 1024
CHUNK = 10 * 1024 * 1024  # what Siar sends: small enough to resend cheaply after a break
STATUS_POLLS = 15  # 30 s at most in one run; then the outbox asks again later
POLL_SECONDS = 2.0  # status/fetch allows 30 requests a minute per token: one every 2 s
PHOTO_HOST_WORDPRESS = "wordpress"
DONE_STATES = {"PUBLISH_COMPLETE", "SEND_TO_USER_INBOX"}


def chunk_plan(size: int, chunk: int | None = None) -> tuple[int, int]:
    """(chunk_size, total_chunk_count) as the media-transfer guide counts them: under
    5 MB (or under one chunk) the whole file is one chunk; otherwise
    ``floor(size / chunk_size)`` chunks, the last one absorbing the remainder."""
    chunk = max(MIN_CHUNK, min(MAX_CHUNK, CHUNK if chunk is None else chunk))
    if size <= chunk:
        return size, 1
    return chunk, size // chunk


def chunk_range(index: int, size: int, chunk_size: int, count: int) -> tuple[int, int]:
    """[first, end) of chunk *index*; the last one runs to the end of the file."""
    first = index * chunk_size
    return first, size if index == count - 1 else first + chunk_size


def _base(ctx: Ctx) -> str:
    return ctx.account.api_base.rstrip("/")


def _api(ctx: Ctx, path: str, body: dict[str, Any], *, again: bool = True) -> dict[str, Any]:
    answer = request(
        ctx.session,
        "POST",
        f"{_base(ctx)}{path}",
        json=body,
        auth=ctx.auth,
        headers={"Content-Type": "application/json; charset=UTF-8"},
    )
    envelope = json_of(answer)
    ok = isinstance(envelope, dict) and str((envelope.get("error") or {}).get("code", "ok")) == "ok"
    if answer.status_code == 200 and isinstance(envelope, dict) and ok:
        return dict(envelope.get("data") or {})
    error = account_api.interpret(answer)
    if error.code == "api.auth_invalid" and again and isinstance(ctx.auth, account_api.TikTokAuth):
        # The 24 h token ended sooner than our clock thought: refresh once, then ask again.
        ctx.auth.token(force=True)
        return _api(ctx, path, body, again=False)
    raise error


def _direct(ctx: Ctx) -> bool:
    return ctx.account.settings.get("mode") == account_api.DIRECT


def _post_info(ctx: Ctx, caption_key: str, limit: int) -> dict[str, Any]:
    settings = ctx.account.settings
    text = ctx.payload["text"]
    while rules.utf16_length(text) > limit:
        text = text[:-1]
    return {
        caption_key: text,
        "privacy_level": str(settings.get("privacy") or "SELF_ONLY"),
        # TikTok's UX rules: interactions are the creator's choice, off by default (§13).
        "disable_comment": not settings.get("allow_comments", False),
    }


def _video_path(ctx: Ctx) -> Path:
    if ctx.media_path is None:
        raise ApiError("invalid", "api.media_missing")
    return ctx.media_path(ctx.payload["video"]["id"])


# --- video ---------------------------------------------------------------------------------
def _init_video(ctx: Ctx) -> Result:
    if _direct(ctx):
        # Always first: the creator's current options (§13); a privacy the creator no
        # longer offers would be refused (privacy_level_option_mismatch).
        creator = _api(ctx, "/v2/post/publish/creator_info/query/", {})
        options = [str(o) for o in creator.get("privacy_level_options") or []]
        privacy = str(ctx.account.settings.get("privacy") or "")
        if options and privacy not in options:
            raise ApiError("invalid", "api.tiktok_privacy", detail=f"{privacy} not in {options}")
    size = _video_path(ctx).stat().st_size
    chunk_size, count = chunk_plan(size)
    source = {
        "source": "FILE_UPLOAD",
        "video_size": size,
        "chunk_size": chunk_size,
        "total_chunk_count": count,
    }
    if _direct(ctx):
        info = _post_info(ctx, "title", rules.MAX_CAPTION)
        info.update({"disable_duet": True, "disable_stitch": True, "video_cover_timestamp_ms": 1000})
        data = _api(ctx, "/v2/post/publish/video/init/", {"post_info": info, "source_info": source})
    else:
        data = _api(ctx, "/v2/post/publish/inbox/video/init/", {"source_info": source})
    return {
        "publish_id": str(data["publish_id"]),
        "upload_url": str(data["upload_url"]),
        "size": size,
        "chunk_size": chunk_size,
        "count": count,
    }


def _status(ctx: Ctx, publish_id: str) -> dict[str, Any]:
    return _api(ctx, "/v2/post/publish/status/fetch/", {"publish_id": publish_id})


def _put_chunks(ctx: Ctx, plan: Result, start_byte: int) -> None:
    size, chunk_size, count = int(plan["size"]), int(plan["chunk_size"]), int(plan["count"])
    mime = str(ctx.payload["video"].get("mime") or "video/mp4")
    with _video_path(ctx).open("rb") as video:
        for index in range(min(start_byte // chunk_size, count - 1) if start_byte else 0, count):
            first, end = chunk_range(index, size, chunk_size, count)
            if end <= start_byte:
                continue
            video.seek(first)
            data = video.read(end - first)  # one chunk in memory at a time, never the file
            answer = request(
                ctx.session,
                "PUT",
                str(plan["upload_url"]),
                data=data,
                headers={
                    "Content-Type": mime,
                    "Content-Length": str(len(data)),
                    "Content-Range": f"bytes {first}-{end - 1}/{size}",
                },
            )
            if answer.status_code not in (200, 201, 206):
                raise _upload_error(answer)
            ctx.progress(0.05 + 0.85 * end / size)


def _upload_error(answer: requests.Response) -> ApiError:
    if answer.status_code in (403, 404):  # the upload URL lasts an hour [media-transfer guide]
        return ApiError("server", "api.tiktok_upload_expired", answer.status_code, retry_after=5)
    if answer.status_code == 416:
        return ApiError("server", "api.tiktok_chunk_refused", answer.status_code, retry_after=5)
    return account_api.interpret(answer)


def _received(status: dict[str, Any], size: int) -> bool:
    state = str(status.get("status", ""))
    return state not in ("PROCESSING_UPLOAD", "FAILED", "") or int(status.get("uploaded_bytes") or 0) >= size


def _upload(ctx: Ctx) -> Result:
    plan = ctx.done("init")
    status = _status(ctx, str(plan["publish_id"]))
    if _received(status, int(plan["size"])):
        return {"publish_id": plan["publish_id"]}
    try:
        _put_chunks(ctx, plan, int(status.get("uploaded_bytes") or 0))
    except ApiError as error:
        if error.code != "api.tiktok_upload_expired":
            raise
        # The upload address ran out (an hour): nothing was posted; start a new upload.
        plan = _init_video(ctx)
        _put_chunks(ctx, plan, 0)
    return {"publish_id": plan["publish_id"]}


def _find_upload(ctx: Ctx) -> Result | None:
    """Did the last chunk arrive (and so the post start)? None: resume the upload."""
    plan = ctx.done("init")
    status = _status(ctx, str(plan["publish_id"]))
    return {"publish_id": plan["publish_id"]} if _received(status, int(plan["size"])) else None


# --- photos --------------------------------------------------------------------------------
def _host_step(index: int) -> Step:
    def run(ctx: Ctx) -> Result:
        photo = ctx.payload["photos"][index]
        helper = ctx.helper_account("wordpress")
        if ctx.account.settings.get("photo_host") != PHOTO_HOST_WORDPRESS or helper is None:
            raise ApiError("invalid", "api.tiktok_no_photo_host")
        account, secrets = helper
        media = wordpress.upload_media(ctx.session, account, secrets, photo, ctx.media_bytes(photo["id"]))
        ctx.progress((index + 1) / (len(ctx.payload["photos"]) + 2))
        return {"url": media["source_url"], "wp_media": media["id"], "wp_account": account.id}

    return Step(f"host:{index}", run)


def _photo_post(ctx: Ctx) -> Result:
    photos = ctx.payload["photos"][: rules.MAX_PHOTOS]
    info = _post_info(ctx, "description", rules.MAX_PHOTO_DESCRIPTION)
    title = str(ctx.payload.get("title") or "")
    while rules.utf16_length(title) > rules.MAX_PHOTO_TITLE:
        title = title[:-1]
    info.update({"title": title, "auto_add_music": True})
    if not _direct(ctx):
        info.pop("privacy_level")  # in the inbox the creator chooses in the app
    body = {
        "media_type": "PHOTO",
        "post_mode": "DIRECT_POST" if _direct(ctx) else "MEDIA_UPLOAD",
        "post_info": info,
        "source_info": {
            "source": "PULL_FROM_URL",
            "photo_images": [ctx.done(f"host:{i}")["url"] for i in range(len(photos))],
            "photo_cover_index": 0,
        },
    }
    return {"publish_id": str(_api(ctx, "/v2/post/publish/content/init/", body)["publish_id"])}


def _photo_unknown(ctx: Ctx) -> Result | None:
    raise NeedsCheck("TikTok has no way to ask whether a photo post request arrived")


# --- both ------------------------------------------------------------------------------------
def _publish_id(ctx: Ctx) -> str:
    return str((ctx.done("upload") or ctx.done("photo"))["publish_id"])


def _wait(ctx: Ctx) -> Result:
    """Poll until TikTok has published it (direct) or put it in the creator's inbox."""
    for poll in range(STATUS_POLLS):
        status = _status(ctx, _publish_id(ctx))
        state = str(status.get("status", ""))
        if state == "FAILED":
            raise ApiError("invalid", "api.tiktok_failed", detail=str(status.get("fail_reason", "")))
        if state in DONE_STATES:
            ids = status.get("publicaly_available_post_id") or []  # sic: TikTok's spelling
            ctx.progress(1.0)
            return {"state": state, "post_id": str(ids[0]) if ids else ""}
        if poll < STATUS_POLLS - 1:
            ctx.sleep(POLL_SECONDS)
    # Still processing or in moderation (can take hours, §13): the post is on its way;
    # the outbox asks again later.
    raise ApiError("server", "api.tiktok_processing", retry_after=120)


def steps(ctx: Ctx) -> list[Step]:
    if ctx.payload.get("video"):
        return [Step("init", _init_video), Step("upload", _upload, _find_upload), Step("status", _wait)]
    photos = ctx.payload.get("photos") or []
    if not photos:
        raise ApiError("invalid", "api.tiktok_needs_media")
    hosts = [_host_step(i) for i in range(min(len(photos), rules.MAX_PHOTOS))]
    return [*hosts, Step("photo", _photo_post, _photo_unknown), Step("status", _wait)]


def preflight(
    content: PlatformContent, account: Account, everyone: list[Account]
) -> list[tuple[str, str, dict[str, str | int | float]]]:
    """What this account's way of posting does to the post: (severity, message code, params)."""
    found: list[tuple[str, str, dict[str, str | int | float]]] = []
    settings = account.settings
    has_video = bool(videos(content))
    if not has_video and images(content):
        host_ok = settings.get("photo_host") == PHOTO_HOST_WORDPRESS and any(
            a.platform == "wordpress" and a.auth != "manual" for a in everyone
        )
        if not host_ok:
            found.append(("error", "api.tiktok_no_photo_host", {}))
    if settings.get("mode") == account_api.DIRECT:
        if not settings.get("audited") and settings.get("privacy") != "SELF_ONLY":
            found.append(("error", "api.tiktok_unaudited_public", {}))
    elif has_video or images(content):
        found.append(("warning", "api.tiktok_inbox", {}))
    return found


def nothing_posted(job: Job) -> bool:
    """For the outbox: this failed job left nothing on TikTok, so the draft may go again —
    refused before the upload or photo request, or TikTok's processing failed after it."""
    made = any(step in job.steps for step in ("upload", "photo", "kit"))
    return job.error_code == "api.tiktok_failed" or not made


def published(ctx: Ctx) -> Published:
    done = ctx.done("status")
    handle = ctx.account.handle.lstrip("@")
    post_id = str(done.get("post_id") or "")
    if done.get("state") == "SEND_TO_USER_INBOX":
        return Published(_publish_id(ctx), "")  # not on the profile until the creator posts it
    if post_id and handle:
        return Published(post_id, f"https://www.tiktok.com/@{handle}/video/{post_id}")
    # In the inbox (or private, or still in moderation) there is no public address yet.
    return Published(post_id or _publish_id(ctx), f"https://www.tiktok.com/@{handle}" if handle else "")


def cleanup(ctx: Ctx) -> None:
    """Nothing: an unfinished upload expires on TikTok's side after an hour."""
