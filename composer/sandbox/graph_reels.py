"""Facebook Page Reels on the fake Graph API (PLATFORMS.md §10.2).

Three calls [developers.facebook.com/documentation/video-api/guides/reels-publishing;
fb-reels-sample; fb-sdk ``create_video_reel``]:

1. ``POST /{page-id}/video_reels upload_phase=start`` (Page token) answers
   ``{"video_id", "upload_url"}``; the upload URL is on the rupload host
   (``/video-upload/vNN/<video_id>``).
2. ``POST <upload_url>`` with ``Authorization: OAuth <page token>``, ``offset`` and
   ``file_size`` headers and the raw file as body: ``{"success": true}``. Errors use
   rupload's own envelope ``{"debug_info": {"retriable", "type", "message"}}`` (§10.3).
   How to resume mid-file is not documented (§10.2 ❓): ``offset: 0`` starts the bytes
   again, any other offset must be exactly what arrived so far.
3. ``POST /{page-id}/video_reels upload_phase=finish&video_id=…&video_state=PUBLISHED|
   DRAFT|SCHEDULED&description=…`` (``scheduled_publish_time`` for SCHEDULED, §11).

``GET /{video-id}?fields=status`` shows ``video_status`` and the ``uploading_phase``,
``processing_phase`` (with ``errors``) and ``publishing_phase`` (§10.1). Processing checks
the documented specs the fake can read from the file: 9:16 and 3–90 s (§10.2); anything
else ends in ``video_status: error``. Frame rate (24–60 fps) is not checked: the tests'
tiny clips hold three frames. The cap of 30 API-published reels per Page per rolling
24 h is refused on ``start`` (§10.2: "enforced on POST /{page_id}/video_reels"); Meta
does not document the error code (❓), the fake answers code 4 "request limit reached".
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from composer.sandbox.graph_common import graph_error
from composer.sandbox.server import Request, Response, next_id

if TYPE_CHECKING:
    from composer.sandbox.graph import GraphServer

DAILY_REELS = 30
MIN_SECONDS, MAX_SECONDS = 3.0, 90.0
STATES = ("PUBLISHED", "DRAFT", "SCHEDULED")


@dataclass
class Reel:
    id: str
    page_id: str
    created: float = field(default_factory=time.time)
    size: int = 0  # file_size as the upload declared it
    received: bytearray = field(default_factory=bytearray)
    state: str = ""  # video_state once finished
    description: str = ""
    scheduled_at: int = 0
    polls: int = 0
    problem: str = ""  # why processing failed, decided when the upload finished
    uploads: int = 0  # upload requests that reached the reel (resends included)


def install(server: GraphServer) -> None:
    server.reels = {}
    server.reel_polls_needed = 1  # "processing" for this many status reads
    server.reel_upload_rejects = 0  # the next uploads answered with a retriable error
    server.page_reel_fails = False  # processing ends in error whatever the file
    v = r"/v\d+\.\d+"
    server.route("POST", v + r"/(?P<page>\d+)/video_reels", lambda r: _video_reels(server, r))
    server.route("POST", r"/video-upload" + v + r"/(?P<id>\d+)", lambda r: _upload(server, r))


def _video_reels(server: GraphServer, request: Request) -> Response:
    assert request.match is not None
    page_id = request.match.group("page")
    if (error := server._page_token(request, page_id)) is not None:
        return error
    q = request.params()
    phase = q.get("upload_phase", "")
    if phase == "start":
        day = [
            r
            for r in server.reels.values()
            if r.page_id == page_id and r.state and time.time() - r.created < 86400
        ]
        if len(day) >= DAILY_REELS:
            return graph_error(400, "(#4) Application request limit reached: 30 reels per 24 hours", 4)
        new = Reel(str(next_id()), page_id)
        server.reels[new.id] = new
        version = request.path.split("/")[1]
        return Response(
            200, {"video_id": new.id, "upload_url": f"{server.base_url}/video-upload/{version}/{new.id}"}
        )
    if phase != "finish":
        return graph_error(400, "(#100) upload_phase must be start or finish", 100)
    reel = server.reels.get(q.get("video_id", ""))
    if reel is None or reel.page_id != page_id:
        return graph_error(400, "(#100) Invalid video_id", 100)
    if not reel.size or len(reel.received) != reel.size:
        return graph_error(400, "(#6000) There was a problem uploading your video file", 6000, 1363030)
    state = q.get("video_state", "")
    if state not in STATES:
        return graph_error(400, "(#100) video_state must be one of PUBLISHED, DRAFT, SCHEDULED", 100)
    if state == "SCHEDULED" and (refused := server._schedule_refused(q)) is not None:
        return refused
    if not reel.state:  # a second finish changes nothing (stricter: no second post)
        reel.state = state
        reel.description = q.get("description", "")
        reel.problem = "" if not server.page_reel_fails else "The video file you tried to upload is corrupt."
        reel.problem = reel.problem or _spec_problem(bytes(reel.received))
        if state == "SCHEDULED":
            reel.scheduled_at = int(q["scheduled_publish_time"])
    return Response(200, {"success": True})


def _upload(server: GraphServer, request: Request) -> Response:
    assert request.match is not None

    def refused(status: int, message: str, kind: str, retriable: bool = False) -> Response:
        return Response(status, {"debug_info": {"retriable": retriable, "type": kind, "message": message}})

    reel = server.reels.get(request.match.group("id"))
    auth = request.header("authorization")
    token = server.tokens.get(auth[len("OAuth ") :]) if auth.startswith("OAuth ") else None
    if token is None or token.revoked:
        return refused(401, "Invalid OAuth access token", "AuthError")
    if reel is None or token.kind != "page" or token.owner != reel.page_id:
        return refused(400, "Unknown video", "ProcessingFailedError")
    if request.header("file_url") and not request.body:
        # A hosted file is documented (§10.2), but the sandbox reaches nothing public.
        return refused(400, "file_url is not reachable from the sandbox", "ProcessingFailedError")
    try:
        offset, size = int(request.header("offset")), int(request.header("file_size"))
    except ValueError:
        return refused(400, "offset and file_size headers are required", "ProcessingFailedError")
    if reel.state:
        return refused(400, "The video was already finished", "ProcessingFailedError")
    reel.uploads += 1
    if server.reel_upload_rejects > 0:  # the upload (or a chunk of it) refused mid-way
        server.reel_upload_rejects -= 1
        return refused(503, "Upload failed, please retry", "ServiceUnavailableError", retriable=True)
    if offset == 0:
        reel.received = bytearray()  # sent again from the start (§10.2: the safe resume)
    elif offset != len(reel.received):
        return refused(
            400, f"offset {offset} does not match {len(reel.received)} bytes received", "OffsetError"
        )
    if size <= 0 or offset + len(request.body) > size:
        return refused(400, "file_size does not match the bytes sent", "ProcessingFailedError")
    reel.size = size
    reel.received.extend(request.body)
    return Response(200, {"success": True})


def _spec_problem(data: bytes) -> str:
    """Why Facebook's processing would refuse this file as a Reel, or "" (§10.2 specs)."""
    import av

    try:
        with av.open(io.BytesIO(data), "r") as container:
            stream = container.streams.video[0]
            width, height = stream.codec_context.width, stream.codec_context.height
            seconds = float(container.duration or 0) / 1_000_000
    except (av.FFmpegError, IndexError):
        return "The video file you tried to upload is corrupt."
    if not width or not height or abs(width / height - 9 / 16) > 0.01:
        return f"Reels must be 9:16; this video is {width}×{height}."
    if not MIN_SECONDS <= seconds <= MAX_SECONDS:
        return f"Reels must last 3 to 90 seconds; this video lasts {seconds:.1f} s."
    return ""


def status(server: GraphServer, request: Request, reel: Reel) -> Response:
    """``GET /{video-id}?fields=status,permalink_url`` for a reel (§10.1, §10.2)."""
    if (error := server._page_token(request, reel.page_id)) is not None:
        return error
    uploaded = bool(reel.size) and len(reel.received) == reel.size
    phases: dict[str, Any] = {
        "uploading_phase": {
            "status": "complete" if uploaded else ("in_progress" if reel.received else "not_started"),
            "bytes_transferred": len(reel.received),
        },
        "processing_phase": {"status": "not_started"},
        "publishing_phase": {"status": "not_started"},
    }
    if not reel.state:
        video_status = "upload_complete" if uploaded else "uploading"
    else:
        reel.polls += 1
        if reel.polls <= server.reel_polls_needed:
            video_status = "processing"
            phases["processing_phase"] = {"status": "in_progress"}
        elif reel.problem:
            video_status = "error"
            errors = [{"code": 1363008, "message": reel.problem}]
            phases["processing_phase"] = {"status": "error", "errors": errors}
        else:
            video_status = "ready"
            phases["processing_phase"] = {"status": "complete"}
            if reel.state == "PUBLISHED":
                _posted(server, reel)
                phases["publishing_phase"] = {"status": "complete", "publish_status": "published"}
            elif reel.state == "SCHEDULED":
                phases["publishing_phase"] = {
                    "status": "not_started",
                    "publish_status": "scheduled",
                    "publish_time": reel.scheduled_at,
                }
    return Response(
        200,
        {
            "id": reel.id,
            "status": {"video_status": video_status, **phases},
            "permalink_url": f"/reel/{reel.id}",
        },
    )


def _posted(server: GraphServer, reel: Reel) -> None:
    """The published reel on the Page (once), as a video post in its feed."""
    page = server.pages[reel.page_id]
    if not any(p.get("video_id") == reel.id for p in page.posts):
        server._new_post(page, reel.description, video_id=reel.id, reel=True)
