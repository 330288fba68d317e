"""A fake Google OAuth + YouTube Data API v3 on 127.0.0.1 (shared/PLATFORMS.md §4, §8).

The consent page redirects straight back to the loopback address (the sandbox approves
for the officer), the token endpoint checks PKCE and answers ``invalid_grant`` for a
revoked refresh token (Google's do not rotate), ``channels.list?mine=true`` names the
channel, and uploads follow the resumable protocol: a session in ``Location``, ``308``
with ``Range`` for partial data, the empty ``PUT`` status query, then the Video resource.
"""

from __future__ import annotations

import calendar
import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from composer.sandbox import google_schedule
from composer.sandbox.comments import CommentBook
from composer.sandbox.google_comments import install_google_comments
from composer.sandbox.google_common import google_error
from composer.sandbox.server import FakeServer, Request, Response, bearer, next_id, pkce_matches

CLIENT_ID = "000000000000-sandbox.apps.googleusercontent.com"
CLIENT_SECRET = "GOCSPX-sandbox-not-secret"
ACCESS_SECONDS = 3599
THUMB_MAX = 2 * 1024 * 1024


@dataclass
class Session:
    id: str
    total: int
    metadata: dict[str, Any]
    received: bytearray
    video_id: str = ""


class GoogleServer(FakeServer):
    name = "google"
    video_comments: CommentBook  # issue 15's inbox (google_comments.py)
    comment_grants: set[str]
    comment_units: int

    def __init__(self, port: int = 0, latency: float = 0.0) -> None:
        super().__init__(port, latency)
        self.channel = {"id": "UCsandboxKanimContoh0001", "title": "Kantor Imigrasi Contoh (Sandbox)"}
        self.codes: dict[str, dict[str, str]] = {}
        self.access: dict[str, float] = {}
        self.refresh: dict[str, bool] = {}  # token → revoked
        self.sessions: dict[str, Session] = {}
        self.videos: list[dict[str, Any]] = []
        self.thumbnails: dict[str, bytes] = {}
        self.uploads_left = 100
        # What the officer ticked on the consent screen; the token answers say so in "scope".
        self.scopes = {
            "https://www.googleapis.com/auth/youtube.upload",
            "https://www.googleapis.com/auth/youtube.readonly",
            "https://www.googleapis.com/auth/youtube.force-ssl",
            "https://www.googleapis.com/auth/yt-analytics.readonly",
        }
        self.route("GET", r"/o/oauth2/v2/auth", self._auth)
        self.route("POST", r"/token", self._token)
        self.route("GET", r"/youtube/v3/channels", self._channels)
        self.route("GET", r"/youtube/v3/playlistItems", self._playlist_items)
        self.route("POST", r"/(?:resumable/)?upload/youtube/v3/videos", self._start_upload)
        self.route("PUT", r"/upload/session/(?P<id>\w+)", self._put)
        self.route("POST", r"/upload/youtube/v3/thumbnails/set", self._thumbnail)
        google_schedule.install(self)  # videos.update of a scheduled video's status (§11)
        install_google_comments(self)

    # --- OAuth -------------------------------------------------------------------------------
    def _auth(self, request: Request) -> Response:
        q = request.query
        redirect = q.get("redirect_uri", "")
        if q.get("client_id") != CLIENT_ID:
            return Response(
                401, raw=b"<h1>Error 401: invalid_client</h1>", headers={"Content-Type": "text/html"}
            )
        if not redirect.startswith(("http://127.0.0.1:", "http://[::1]:")):
            return Response(
                400, raw=b"<h1>Error 400: redirect_uri_mismatch</h1>", headers={"Content-Type": "text/html"}
            )
        code = "4/0A" + secrets.token_urlsafe(30)
        self.codes[code] = {"challenge": q.get("code_challenge", ""), "redirect_uri": redirect}
        query = urlencode({"state": q.get("state", ""), "code": code, "scope": q.get("scope", "")})
        return Response(
            302, raw=b"", headers={"Location": f"{redirect}?{query}", "Content-Type": "text/html"}
        )

    def issue(self) -> tuple[str, str]:
        access = "ya29.sandbox" + secrets.token_urlsafe(24)
        refresh = "1//0sandbox" + secrets.token_urlsafe(24)
        self.access[access] = time.time() + ACCESS_SECONDS
        self.refresh[refresh] = False
        return access, refresh

    def _token(self, request: Request) -> Response:
        form = request.form()
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return Response(401, {"error": "invalid_client", "error_description": "Unauthorized"})
        if form.get("grant_type") == "authorization_code":
            code = self.codes.pop(form.get("code", ""), None)
            if not pkce_matches(code, form):
                return Response(400, {"error": "invalid_grant", "error_description": "Bad Request"})
            access, refresh = self.issue()
            return Response(
                200,
                {
                    "access_token": access,
                    "expires_in": ACCESS_SECONDS,
                    "refresh_token": refresh,
                    "scope": " ".join(sorted(self.scopes)),
                    "token_type": "Bearer",
                },
            )
        if form.get("grant_type") == "refresh_token":
            value = form.get("refresh_token", "")
            if self.refresh.get(value, True):
                return Response(
                    400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}
                )
            access = "ya29.sandbox" + secrets.token_urlsafe(24)
            self.access[access] = time.time() + ACCESS_SECONDS
            return Response(
                200,
                {
                    "access_token": access,
                    "expires_in": ACCESS_SECONDS,
                    "scope": " ".join(sorted(self.scopes)),
                    "token_type": "Bearer",
                },
            )
        return Response(400, {"error": "unsupported_grant_type"})

    def revoke_all(self) -> None:
        for token in self.refresh:
            self.refresh[token] = True
        self.access.clear()

    def expire_access_tokens(self) -> None:
        """Every access token runs out (an upload that outlived its hour); refresh cures it."""
        for token in self.access:
            self.access[token] = time.time() - 1

    def _authorized(self, request: Request) -> Response | None:
        # 401 authError for a missing or expired access token (PLATFORMS.md §4.6: "401
        # authError (refresh the token)").
        expires = self.access.get(bearer(request))
        if expires is None or expires < time.time():
            return google_error(401, "Request had invalid authentication credentials.", "authError", "global")
        return None

    # --- channel -----------------------------------------------------------------------------
    def _channels(self, request: Request) -> Response:
        if (error := self._authorized(request)) is not None:
            return error
        if request.query.get("mine") != "true":
            return google_error(400, "No filter selected.", "missingRequiredParameter")
        item = {
            "kind": "youtube#channel",
            "id": self.channel["id"],
            "snippet": {
                "title": self.channel["title"],
                "thumbnails": {"default": {"url": f"{self.base_url}/avatar/{self.channel['id']}.png"}},
            },
            "contentDetails": {"relatedPlaylists": {"uploads": "UU" + self.channel["id"][2:]}},
        }
        return Response(200, {"kind": "youtube#channelListResponse", "items": [item]})

    def _playlist_items(self, request: Request) -> Response:
        if (error := self._authorized(request)) is not None:
            return error
        limit = int(request.query.get("maxResults", "5") or 5)
        items = [
            {
                "snippet": {
                    "title": v["snippet"]["title"],
                    "publishedAt": v["publishedAt"],
                    "resourceId": {"videoId": v["id"]},
                }
            }
            for v in self.videos[:limit]
        ]
        return Response(200, {"items": items})

    # --- resumable upload -----------------------------------------------------------------------
    def _start_upload(self, request: Request) -> Response:
        if (error := self._authorized(request)) is not None:
            return error
        if request.query.get("uploadType") != "resumable":
            return google_error(400, "Use uploadType=resumable", "badRequest", "global")
        if self.uploads_left <= 0:
            # The 2026 bucket model's answer when the day's videos.insert calls are spent:
            # 429 with reason rateLimitExceeded and "per day" in the message (§4.6).
            return Response(
                429,
                {
                    "error": {
                        "code": 429,
                        "message": "Quota exceeded for quota metric 'Video Uploads' and limit 'Video Uploads per day' of service 'youtube.googleapis.com'",
                        "errors": [{"domain": "global", "reason": "rateLimitExceeded"}],
                    }
                },
            )
        body = request.json()
        if not isinstance(body, dict):
            return google_error(400, "Invalid JSON payload.", "parseError", "global")
        snippet = body.get("snippet") or {}
        title = str(snippet.get("title", ""))
        description = str(snippet.get("description", ""))
        if not title or len(title) > 100 or "<" in title or ">" in title:
            return google_error(400, "The request metadata specifies an invalid video title.", "invalidTitle")
        if len(description.encode()) > 5000 or "<" in description or ">" in description:
            return google_error(
                400, "The request metadata specifies an invalid video description.", "invalidDescription"
            )
        status = body.get("status") or {}
        if status.get("publishAt"):
            try:
                when = calendar.timegm(time.strptime(str(status["publishAt"])[:19], "%Y-%m-%dT%H:%M:%S"))
            except ValueError:
                return google_error(
                    400,
                    "The request metadata specifies an invalid scheduled publishing time.",
                    "invalidPublishAt",
                )
            if status.get("privacyStatus") != "private" or when < time.time():
                return google_error(
                    400,
                    "The request metadata specifies an invalid scheduled publishing time.",
                    "invalidPublishAt",
                )
        total = int(request.header("x-upload-content-length") or 0)
        session = Session(secrets.token_hex(12), total, body, bytearray())
        self.sessions[session.id] = session
        return Response(
            200,
            raw=b"",
            headers={"Location": f"{self.base_url}/upload/session/{session.id}?upload_id={session.id}"},
        )

    def _put(self, request: Request) -> Response:
        assert request.match is not None
        session = self.sessions.get(request.match.group("id"))
        if session is None:
            return google_error(404, "Upload session not found", "notFound", "global")
        # The protocol's PUTs carry the Bearer token like the first POST
        # (developers.google.com/youtube/v3/guides/using_resumable_upload_protocol, step 2).
        # Stricter reading: an expired token gets 401 authError here too, mid-upload.
        if (error := self._authorized(request)) is not None:
            return error
        if session.video_id:
            return Response(200, self._video(session.video_id))
        content_range = request.header("content-range")
        if content_range.startswith("bytes */"):
            return self._progress(session)
        if content_range.startswith("bytes "):
            first = int(content_range[6:].split("-", 1)[0])
            if first != len(session.received):
                return self._progress(session)
        session.received.extend(request.body)
        if len(session.received) < session.total:
            return self._progress(session)
        self.uploads_left -= 1
        video: dict[str, Any] = {
            "kind": "youtube#video",
            "id": secrets.token_urlsafe(8)[:11],
            "snippet": {**(session.metadata.get("snippet") or {}), "channelId": self.channel["id"]},
            "status": {**(session.metadata.get("status") or {}), "uploadStatus": "uploaded"},
            "publishedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "_n": next_id(),
        }
        self.videos.insert(0, video)
        session.video_id = str(video["id"])
        return Response(201, self._video(session.video_id))

    def _video(self, video_id: str) -> dict[str, Any]:
        video = next(v for v in self.videos if v["id"] == video_id)
        return {k: v for k, v in video.items() if not k.startswith("_")}

    @staticmethod
    def _progress(session: Session) -> Response:
        headers = {"Range": f"bytes=0-{len(session.received) - 1}"} if session.received else {}
        return Response(308, raw=b"", headers=headers)

    def _thumbnail(self, request: Request) -> Response:
        if (error := self._authorized(request)) is not None:
            return error
        video_id = request.query.get("videoId", "")
        if not any(v["id"] == video_id for v in self.videos):
            return google_error(
                404, "The video that you are trying to update cannot be found.", "videoNotFound"
            )
        if len(request.body) > THUMB_MAX:
            return google_error(400, "The thumbnail image file is too large.", "mediaBodyRequired")
        self.thumbnails[video_id] = request.body
        return Response(
            200,
            {
                "kind": "youtube#thumbnailSetResponse",
                "items": [{"default": {"url": f"{self.base_url}/vi/{video_id}/default.jpg"}}],
            },
        )
