"""The fake YouTube's ``videos.update`` for a video's status: its scheduled time
(PLATFORMS.md §11; [OFFICIAL developers.google.com/youtube/v3/docs/videos/update] and
the ``status.publishAt`` field of the Video resource).

- ``PUT /youtube/v3/videos?part=status`` with ``{"id", "status"}``; the status part is
  replaced as sent (the API resets what is left out; ``uploadStatus`` is YouTube's own).
- ``status.publishAt`` only with ``privacyStatus: private`` and only for a video that was
  never published; a time in the past is refused like at upload (the stricter reading of
  "a past time publishes immediately"): 400 ``invalidPublishAt``.
- An unknown video: 404 ``videoNotFound``. ``part`` missing: 400 ``missingRequiredParameter``.
- A scheduled video whose time has come is public the next time anyone asks.
"""

from __future__ import annotations

import calendar
import time
from typing import TYPE_CHECKING, Any

from composer.sandbox.google_common import google_error
from composer.sandbox.server import Request, Response

if TYPE_CHECKING:
    from composer.sandbox.google import GoogleServer

INVALID_TIME = "The request metadata specifies an invalid scheduled publishing time."


def install(server: GoogleServer) -> None:
    server.route("PUT", r"/youtube/v3/videos", lambda r: _update(server, r))


def _when(value: object) -> float | None:
    try:
        return float(calendar.timegm(time.strptime(str(value)[:19], "%Y-%m-%dT%H:%M:%S")))
    except ValueError:
        return None


def publish_due(server: GoogleServer) -> None:
    """YouTube makes a scheduled video public at its ``publishAt``."""
    now = time.time()
    for video in server.videos:
        status = video["status"]
        at = _when(status.get("publishAt")) if status.get("publishAt") else None
        if at is not None and at <= now:
            status.pop("publishAt")
            status["privacyStatus"] = "public"
        if status.get("privacyStatus") in ("public", "unlisted"):
            video["_published"] = True


def _update(server: GoogleServer, request: Request) -> Response:
    if (error := server._authorized(request)) is not None:
        return error
    if "status" not in request.query.get("part", "").split(","):
        return google_error(400, "No filter selected.", "missingRequiredParameter", "global")
    body = request.json()
    if not isinstance(body, dict) or not isinstance(body.get("status"), dict):
        return google_error(400, "Invalid JSON payload.", "parseError", "global")
    publish_due(server)
    video: dict[str, Any] | None = next((v for v in server.videos if v["id"] == body.get("id")), None)
    if video is None:
        return google_error(404, "The video that you are trying to update cannot be found.", "videoNotFound")
    status = dict(body["status"])
    if status.get("publishAt"):
        at = _when(status["publishAt"])
        if (
            at is None
            or at < time.time()
            or status.get("privacyStatus") != "private"
            or video.get("_published")
        ):
            return google_error(400, INVALID_TIME, "invalidPublishAt")
    video["status"] = {**status, "uploadStatus": video["status"].get("uploadStatus", "processed")}
    publish_due(server)
    return Response(200, {k: v for k, v in video.items() if not k.startswith("_")})
