"""Posts on X through API v2 (shared/PLATFORMS.md §1.3–1.6).

Each photo (and a video, streamed from disk, §10.4) goes up with the chunked media endpoints (initialize — JSON; append —
multipart segments; finalize; status while ``processing_info`` says so) and gets its
alt text through ``/2/media/metadata``; then ``POST /2/tweets``. Media ids are private
until used, so uploads may repeat; the post may not. "Did it post?" (§1.6): the
account's posts since this job's ``POST /2/tweets`` first went out, matched on the text
after t.co substitution (X returns every URL as a t.co link and appends one t.co link
to the media) and on the media keys this job uploaded. X's duplicate-content 403 is
only a hint to look; it is never taken as proof.
"""

from __future__ import annotations

import calendar
import html
import re
import time
import unicodedata
from typing import Any

from composer.accounts import x as x_account
from composer.accounts.http import ApiError, json_of, request
from composer.core.text.twitter_text import extract_urls
from composer.publish.base import Ctx, Published, Result, Step, same_text
from composer.publish.chunks import read_chunks

platform = "x"
CHUNK = 1024 * 1024  # append segments; the v1.1 docs allowed ≤5 MB, community code uses 1–4 MB
STATUS_POLLS = 30
CLOCK_SLACK = 120.0  # seconds the laptop's clock may be ahead of X's
_TCO = re.compile(r"https://t\.co/\w+")


def _base(ctx: Ctx) -> str:
    return ctx.account.api_base.rstrip("/")


def _call(ctx: Ctx, method: str, path: str, **kwargs: Any) -> Any:
    answer = request(ctx.session, method, f"{_base(ctx)}{path}", auth=ctx.auth, **kwargs)
    if not 200 <= answer.status_code < 300:
        raise x_account.interpret(answer)
    return json_of(answer) or {}


def _upload(ctx: Ctx, photo: dict[str, Any], on_bytes: Any) -> str:
    data = ctx.media_bytes(photo["id"])
    init = _call(
        ctx,
        "POST",
        "/2/media/upload/initialize",
        json={"media_type": photo["mime"], "total_bytes": len(data), "media_category": "tweet_image"},
    )
    media_id = str(init["data"]["id"])
    for index, start in enumerate(range(0, len(data), CHUNK)):
        chunk = data[start : start + CHUNK]
        _call(
            ctx,
            "POST",
            f"/2/media/upload/{media_id}/append",
            data={"segment_index": str(index)},
            files={"media": ("blob", chunk, "application/octet-stream")},
        )
        on_bytes(start + len(chunk))
    info = _call(ctx, "POST", f"/2/media/upload/{media_id}/finalize")["data"].get("processing_info")
    for _poll in range(STATUS_POLLS):
        if not info or info.get("state") == "succeeded":
            break
        if info.get("state") == "failed":
            raise ApiError(
                "invalid", "api.x_media_failed", detail=str((info.get("error") or {}).get("message", ""))
            )
        ctx.sleep(float(info.get("check_after_secs") or 1))
        info = _call(ctx, "GET", "/2/media/upload", params={"media_id": media_id, "command": "STATUS"})[
            "data"
        ].get("processing_info")
    else:
        raise ApiError("server", "api.x_media_processing", retry_after=60)
    if photo.get("alt"):
        _call(
            ctx,
            "POST",
            "/2/media/metadata",
            json={"id": media_id, "metadata": {"alt_text": {"text": str(photo["alt"])[:1000]}}},
        )
    return media_id


def _media_step(index: int) -> Step:
    def run(ctx: Ctx) -> Result:
        photos = ctx.payload["photos"]
        total = sum(1 for _ in photos) or 1
        media_id = _upload(ctx, photos[index], lambda _sent: None)
        ctx.progress((index + 1) / (total + 1))
        return {"media_id": media_id}

    return Step(f"media:{index}", run)


def _processed(ctx: Ctx, media_id: str, info: dict[str, Any] | None) -> None:
    """Wait while X processes the upload (``check_after_secs``), §10.4: pending →
    in_progress → succeeded | failed."""
    for _poll in range(STATUS_POLLS):
        if not info or info.get("state") == "succeeded":
            return
        if info.get("state") == "failed":
            # The spec defines no error object here (§10.4 ❓): show what X sent.
            detail = str((info.get("error") or {}).get("message", "") or info)
            raise ApiError("invalid", "api.x_video_failed", detail=detail)
        ctx.sleep(float(info.get("check_after_secs") or 1))
        info = _call(ctx, "GET", "/2/media/upload", params={"media_id": media_id, "command": "STATUS"})[
            "data"
        ].get("processing_info")
    raise ApiError("server", "api.x_media_processing", retry_after=60)


def _video(ctx: Ctx) -> Result:
    """The video through the chunked upload (§1.3, §10.4), streamed from disk one segment
    at a time; after each acknowledged APPEND the next segment and offset are
    checkpointed, so a restart (kill -9 included) resumes there with the same media id."""
    video = ctx.payload["video"]
    path = ctx.path(video["id"])
    size = path.stat().st_size
    state = ctx.partial("video")
    if not state:
        init = _call(
            ctx,
            "POST",
            "/2/media/upload/initialize",
            json={"media_type": video["mime"], "total_bytes": size, "media_category": "tweet_video"},
        )
        state = {"media_id": str(init["data"]["id"]), "segment": 0, "offset": 0}
        ctx.checkpoint("video", state)
    media_id = str(state["media_id"])
    segment, offset = int(state["segment"]), int(state["offset"])
    for start, chunk in read_chunks(path, offset, CHUNK):
        _call(
            ctx,
            "POST",
            f"/2/media/upload/{media_id}/append",
            data={"segment_index": str(segment)},
            files={"media": ("blob", chunk, "application/octet-stream")},
        )
        segment, offset = segment + 1, start + len(chunk)
        ctx.checkpoint("video", {"media_id": media_id, "segment": segment, "offset": offset})
        ctx.progress(0.9 * offset / size)
    info = _call(ctx, "POST", f"/2/media/upload/{media_id}/finalize")["data"].get("processing_info")
    _processed(ctx, media_id, info)
    if video.get("alt"):  # the same metadata call as a photo's (§1.3); harmless to repeat
        _call(
            ctx,
            "POST",
            "/2/media/metadata",
            json={"id": media_id, "metadata": {"alt_text": {"text": str(video["alt"])[:1000]}}},
        )
    ctx.progress(0.95)
    return {"media_id": media_id}


def _media_ids(ctx: Ctx) -> list[str]:
    ids = [str(ctx.done(f"media:{i}")["media_id"]) for i in range(len(ctx.payload["photos"]))]
    return ids + ([str(ctx.done("video")["media_id"])] if ctx.payload.get("video") else [])


def _post(ctx: Ctx) -> Result:
    body: dict[str, Any] = {"text": ctx.payload["text"]}
    ids = _media_ids(ctx)
    if ids:
        body["media"] = {"media_ids": ids}
    answer = _call(ctx, "POST", "/2/tweets", json=body)
    return {"id": str(answer["data"]["id"])}


def _ours(text: str) -> str:
    """Our text the way X will show it, with each URL as a placeholder."""
    text = unicodedata.normalize("NFC", text)
    for url in sorted(extract_urls(text), key=lambda e: e.start, reverse=True):
        text = text[: url.start] + "\x00" + text[url.end :]
    return text


def _theirs(text: str, has_media: bool) -> str:
    """X's text on read: HTML entities undone, the trailing media link dropped, t.co links
    as placeholders (§1.6)."""
    text = unicodedata.normalize("NFC", html.unescape(text)).rstrip()
    if has_media:
        text = re.sub(r"\s*https://t\.co/\w+$", "", text)
    return _TCO.sub("\x00", text)


def _epoch(value: str) -> float:
    try:
        return float(calendar.timegm(time.strptime(value[:19], "%Y-%m-%dT%H:%M:%S")))
    except ValueError:
        return 0.0


def _find_post(ctx: Ctx) -> Result | None:
    """This job's post among the account's posts since its step first went out: the same
    text after t.co substitution, and the same media (keys where X shows them)."""
    user_id = ctx.account.external_id
    since = float(ctx.job.data.get("inflight_at") or ctx.job.created_at) - CLOCK_SLACK
    answer = _call(
        ctx,
        "GET",
        f"/2/users/{user_id}/tweets",
        params={
            "max_results": 20,
            "tweet.fields": "created_at,attachments",
            "start_time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(since)),
        },
    )
    media = _media_ids(ctx)
    wanted = _ours(ctx.payload["text"])
    for tweet in answer.get("data") or []:
        keys = [str(k).split("_", 1)[-1] for k in (tweet.get("attachments") or {}).get("media_keys", [])]
        if "attachments" in tweet or not media:
            same_media = sorted(keys) == sorted(media)
        else:  # X did not show the attachments: the text's trailing media link must be there
            same_media = bool(_TCO.search(str(tweet.get("text", ""))))
        if (
            same_media
            and _epoch(str(tweet.get("created_at", ""))) >= since
            and same_text(_theirs(str(tweet.get("text", "")), bool(media)), wanted)
        ):
            return {"id": str(tweet["id"])}
    return None


def steps(ctx: Ctx) -> list[Step]:
    media = [_media_step(i) for i in range(len(ctx.payload["photos"]))]
    video = [Step("video", _video)] if ctx.payload.get("video") else []
    return [*media, *video, Step("post", _post, _find_post)]


def published(ctx: Ctx) -> Published:
    post_id = ctx.done("post")["id"]
    handle = ctx.account.handle.lstrip("@") or "i"
    return Published(post_id, f"https://x.com/{handle}/status/{post_id}")


def cleanup(ctx: Ctx) -> None:
    """Unused media ids expire on their own (expires_after_secs)."""
