"""A Facebook Page video through the chunked upload on ``/{page-id}/videos``
(PLATFORMS.md §10.1, path 2: Page token only, so no user token is needed).

``upload_phase=start`` opens a session and says which byte range to send first;
each ``transfer`` sends that range (read from disk, never the whole file) and is answered
with the next range; both are checkpointed in the job's data, so a retry or a kill -9
resumes at the range Facebook asked for last. ``finish`` publishes the video with the
post's text as its description — the visible step, reconciled by reading the video's
``status`` — and then the video is polled until Facebook has processed it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from composer.accounts import facebook as graph
from composer.accounts.http import ApiError, json_of, request
from composer.publish.base import Ctx, Result, Step
from composer.publish.facebook_schedule import schedule_fields

STATUS_POLLS = 60  # Postiz gives up after 8 min at 10 s (§10.1)
POLL_SECONDS = 10.0
VIDEO_HOST = "graph-video.facebook.com"  # /videos lives on its own host (§10.1)


def _url(ctx: Ctx, path: str) -> str:
    url = graph.url(
        ctx.account.api_base, path, ctx.account.settings.get("graph_version", graph.GRAPH_VERSION)
    )
    parts = urlsplit(url)
    if parts.hostname == "graph.facebook.com":
        parts = parts._replace(netloc=VIDEO_HOST)
    return urlunsplit(parts)


def _call(ctx: Ctx, method: str, path: str, **kwargs: Any) -> Any:
    headers = {"Authorization": f"Bearer {ctx.secrets['page_token']}"}
    answer = request(ctx.session, method, _url(ctx, path), headers=headers, **kwargs)
    if answer.status_code != 200:
        raise graph.interpret(answer)
    return json_of(answer) or {}


def _upload(ctx: Ctx) -> Result:
    video = ctx.payload["video"]
    page_id = ctx.account.external_id
    path = ctx.path(video["id"])
    size = path.stat().st_size
    state = ctx.partial("video")
    if not state:
        opened = _call(
            ctx, "POST", f"{page_id}/videos", data={"upload_phase": "start", "file_size": str(size)}
        )
        state = {
            "session": str(opened["upload_session_id"]),
            "video_id": str(opened["video_id"]),
            "start": int(opened["start_offset"]),
            "end": int(opened["end_offset"]),
        }
        ctx.checkpoint("video", state)
    start, end = int(state["start"]), int(state["end"])
    with path.open("rb") as fh:
        while start < end:  # equal offsets: Facebook has the whole file
            fh.seek(start)
            chunk = fh.read(end - start)
            answer = _call(
                ctx,
                "POST",
                f"{page_id}/videos",
                data={
                    "upload_phase": "transfer",
                    "upload_session_id": state["session"],
                    "start_offset": str(start),
                },
                files={"video_file_chunk": ("chunk", chunk, "application/octet-stream")},
            )
            start, end = int(answer["start_offset"]), int(answer["end_offset"])
            ctx.checkpoint("video", {**state, "start": start, "end": end})
            ctx.progress(0.8 * start / size)
    return {"session": state["session"], "video_id": state["video_id"]}


def _status(ctx: Ctx) -> dict[str, Any]:
    body = _call(ctx, "GET", ctx.done("video")["video_id"], params={"fields": "status,permalink_url"})
    return dict(body)


def _finish(ctx: Ctx) -> Result:
    payload = ctx.payload
    data = {
        "upload_phase": "finish",
        "upload_session_id": ctx.done("video")["session"],
        "description": payload["text"],
        "title": payload.get("title", ""),
        **schedule_fields(payload),  # /videos takes it too (§11)
    }
    answer = _call(ctx, "POST", f"{ctx.account.external_id}/videos", data=data)
    if not answer.get("success"):
        raise ApiError("server", "api.fb_video_failed", detail=str(answer))
    return {"finished": True}


def _find_finished(ctx: Ctx) -> Result | None:
    """Finish reached Facebook if the video left the upload phase (§10.1 status)."""
    status = (_status(ctx).get("status") or {}).get("video_status", "")
    return {"finished": True} if status in ("processing", "ready", "upload_complete") else None


def _ready(ctx: Ctx) -> Result:
    """Processed and, unless scheduled, published: poll ``status`` (§10.1)."""
    return wait_processed(
        ctx, _status, ctx.done("video")["video_id"], lambda status: status.get("video_status") == "ready"
    )


def wait_processed(
    ctx: Ctx,
    status_of: Callable[[Ctx], dict[str, Any]],
    video_id: str,
    done: Callable[[dict[str, Any]], bool],
) -> Result:
    """Poll a Page video's (or Reel's) ``status`` until *done* says so; an ``error``
    status fails the job with Facebook's reasons (§10.1 "Status and permalink")."""
    for _poll in range(STATUS_POLLS):
        body = status_of(ctx)
        status = body.get("status") or {}
        if status.get("video_status") == "error":
            errors = (status.get("processing_phase") or {}).get("errors") or []
            detail = "; ".join(str(e.get("message", e)) for e in errors) or str(status)
            raise ApiError("invalid", "api.fb_video_failed", detail=detail)
        if done(status):
            link = str(body.get("permalink_url") or "")
            if link.startswith("/"):  # relative for videos (§10.1 ❓)
                link = "https://www.facebook.com" + link
            ctx.progress(1.0)
            return {"permalink": link or f"https://www.facebook.com/reel/{video_id}"}
        ctx.sleep(POLL_SECONDS)
    raise ApiError("server", "api.fb_video_processing", retry_after=60)


def steps() -> list[Step]:
    return [
        Step("video", _upload),
        Step("video_finish", _finish, _find_finished),
        Step("video_ready", _ready),
    ]
