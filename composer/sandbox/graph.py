"""A fake Graph API (Facebook Pages and Instagram with Facebook Login) on 127.0.0.1.

Wire format as in shared/PLATFORMS.md §2–3 and §8: version prefix ``/vNN.0/``, the access
token in the query, a form/JSON field or a Bearer header, the error envelope
``{"error":{"message","type","code","error_subcode","fbtrace_id"}}``, usage headers on
every answer, the long-lived token exchange, ``/me/accounts`` with Page tokens,
``debug_token`` (asked only by the app token or a developer's user token), ``/photos``
(published or not, with ``alt_text_custom``) and ``/feed`` with ``attached_media``,
posts read back with their ``attachments``,
the Instagram container state machine, ``content_publishing_limit`` and an ``image_url``
fetch that refuses anything but a reachable JPEG.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

import requests

from composer.sandbox import graph_device, graph_login, graph_reels, graph_schedule
from composer.sandbox.comments import CommentBook
from composer.sandbox.graph_comments import install_graph_comments

# Re-exported: the sandbox, the demo and ``siar sandbox`` read them here.
from composer.sandbox.graph_common import APP_ID as APP_ID
from composer.sandbox.graph_common import LONG_LIVED_SECONDS, SHORT_LIVED_SECONDS
from composer.sandbox.graph_common import graph_error as graph_error
from composer.sandbox.server import FakeServer, Request, Response, bearer, next_id

APP_SECRET = "sandbox-app-secret-2f9c"  # a sandbox value, not a real secret
SHORT_USER_TOKEN = "EAAsandboxSHORTusertoken"
VERSION = "v26.0"  # the version the fake serves under (any vNN.N is routed)
PUBLISH_QUOTA = 50  # PLATFORMS.md §3.3: design for 50 per 24 h


@dataclass
class Token:
    kind: str  # "user" | "page"
    owner: str  # user id or page id
    expires_at: int  # 0 = never
    revoked: bool = False
    scopes: tuple[str, ...] = (
        "pages_show_list",
        "pages_read_engagement",
        "pages_manage_posts",
        "instagram_basic",
        "instagram_content_publish",
    )


@dataclass
class Photo:
    id: str
    page_id: str
    data: bytes
    published: bool
    caption: str = ""
    alt_text_custom: str = ""


@dataclass
class VideoUpload:
    """A Page video on the chunked ``/videos`` upload (PLATFORMS.md §10.1, path 2)."""

    id: str
    session: str
    page_id: str
    size: int
    received: bytearray = field(default_factory=bytearray)
    finished: bool = False
    fails: bool = False
    polls: int = 0
    description: str = ""


@dataclass
class Container:
    id: str
    ig_id: str
    caption: str
    children: tuple[str, ...] = ()
    image_url: str = ""
    alt_text: str = ""
    polls: int = 0
    status: str = "IN_PROGRESS"
    created: float = field(default_factory=time.time)
    media_id: str = ""
    media_type: str = ""  # REELS / VIDEO for a resumable video container (§10.3)
    video: bytearray = field(default_factory=bytearray)
    video_size: int = 0  # file_size once the upload completed
    fails: bool = False


@dataclass
class PageState:
    id: str
    name: str
    ig_id: str = ""
    posts: list[dict[str, Any]] = field(default_factory=list)
    scheduled: list[dict[str, Any]] = field(default_factory=list)  # published=false + a time (§11)


@dataclass
class IgState:
    id: str
    username: str
    name: str
    page_id: str
    media: list[dict[str, Any]] = field(default_factory=list)


class GraphServer(FakeServer):
    name = "graph"
    page_comments: CommentBook  # issue 15's inbox (graph_comments.py)
    ig_comments: CommentBook
    comment_grants: set[str]
    page_likes: list[str]  # Facebook comments the Page liked, one entry per accepted like
    reels: dict[str, graph_reels.Reel]  # Page Reels (graph_reels.py, §10.2)
    reel_polls_needed: int
    reel_upload_rejects: int
    page_reel_fails: bool

    def __init__(self, port: int = 0, latency: float = 0.0) -> None:
        super().__init__(port, latency)
        self.user_id = "5550001"
        self.user_name = "Petugas Humas (Sandbox)"
        self.tokens: dict[str, Token] = {
            SHORT_USER_TOKEN: Token("user", self.user_id, int(time.time()) + SHORT_LIVED_SECONDS),
        }
        self.pages: dict[str, PageState] = {}
        self.igs: dict[str, IgState] = {}
        self.page_tokens: dict[str, str] = {}  # page id → the token /me/accounts hands out
        self.photos: dict[str, Photo] = {}
        self.containers: dict[str, Container] = {}
        self.container_polls_needed = 1  # IN_PROGRESS for this many status reads
        self.videos: dict[str, VideoUpload] = {}  # by video id
        self.video_chunk = 4 * 1024 * 1024  # the byte range Facebook asks for per transfer
        self.video_polls_needed = 1  # "processing" for this many status reads
        self.video_processing_fails = False
        self.transfers: list[tuple[str, int]] = []  # (video id, start_offset) accepted
        self.reel_processing_fails = False  # the next video containers end in ERROR
        self.add_page("1090000001", "Kantor Imigrasi Contoh (Sandbox)", ig_username="kanim.contoh")
        self.add_page("1090000002", "Seksi Lalu Lintas Keimigrasian (Sandbox)")
        v = r"/v\d+\.\d+"
        self.route("GET", v + r"/oauth/access_token", self._exchange)
        self.route("GET", v + r"/debug_token", self._debug_token)
        self.route("GET", v + r"/me/accounts", self._me_accounts)
        self.route("GET", v + r"/me", self._me)
        self.route("POST", v + r"/(?P<page>\d+)/feed", self._feed)
        self.route("POST", v + r"/(?P<page>\d+)/photos", self._photos)
        self.route("GET", v + r"/(?P<page>\d+)/published_posts", self._published_posts)
        self.route("POST", v + r"/(?P<ig>\d+)/media", self._ig_media)
        self.route("GET", v + r"/(?P<ig>\d+)/media", self._ig_media_list)
        self.route("POST", v + r"/(?P<ig>\d+)/media_publish", self._ig_publish)
        self.route("GET", v + r"/(?P<ig>\d+)/content_publishing_limit", self._ig_limit)
        self.route("POST", v + r"/(?P<page>\d+)/videos", self._videos)
        self.route("GET", v + r"/(?P<page>\d+)/scheduled_posts", self._scheduled_posts)
        self.route("POST", r"/ig-api-upload" + v + r"/(?P<id>\d+)", self._rupload)
        self.route("GET", v + r"/(?P<id>[\w]+)", self._node)
        self.route("DELETE", v + r"/(?P<id>\d+)", self._delete)
        self.route("GET", r"/cdn/(?P<id>\d+)\.jpg", self._cdn)
        graph_schedule.install(self)  # before the comments' POST /{id}: it hands others on
        install_graph_comments(self)
        self.device_grants: dict[str, graph_device.DeviceGrant] = {}
        self.device_interval = graph_device.INTERVAL
        self.device_expires_in = graph_device.EXPIRES_IN
        graph_device.install(self)  # Facebook Login for Devices (§14.2)
        graph_login.install(self)  # the manual login flow for desktop apps (§14.3)
        graph_reels.install(self)  # Page Reels through the rupload host (§10.2)

    # --- set-up (tests, demo) --------------------------------------------------------------
    def add_page(self, page_id: str, name: str, ig_username: str = "") -> None:
        page = PageState(page_id, name)
        if ig_username:
            ig_id = str(17841400000000000 + len(self.igs) + 1)
            self.igs[ig_id] = IgState(ig_id, ig_username, name, page_id)
            page.ig_id = ig_id
        self.pages[page_id] = page

    def issue_user_token(self, *, long_lived: bool) -> str:
        token = ("EAAsandboxLONG" if long_lived else "EAAsandboxSHORT") + secrets.token_hex(12)
        life = LONG_LIVED_SECONDS if long_lived else SHORT_LIVED_SECONDS
        self.tokens[token] = Token("user", self.user_id, int(time.time()) + life)
        return token

    def page_token(self, page_id: str, *, expires_at: int = 0) -> str:
        token = "EAAsandboxPAGE" + secrets.token_hex(12)
        self.tokens[token] = Token("page", page_id, expires_at)
        self.page_tokens[page_id] = token
        return token

    def revoke(self, token: str) -> None:
        self.tokens[token].revoked = True

    def _headers(self) -> dict[str, str]:
        usage = {"call_count": 3, "total_cputime": 1, "total_time": 2}
        return {
            "X-App-Usage": json.dumps(usage),
            "X-Business-Use-Case-Usage": json.dumps(
                {"9990001": [{"type": "pages", **usage, "estimated_time_to_regain_access": 0}]}
            ),
        }

    def _handle(self, request: Request) -> Response:
        response = super()._handle(request)
        response.headers = {**self._headers(), **response.headers}
        return response

    # --- tokens ------------------------------------------------------------------------------
    def _token(self, request: Request) -> tuple[Token | None, Response | None]:
        value = bearer(request)
        token = self.tokens.get(value)
        if not value:
            return None, graph_error(
                400, "An active access token must be used to query information about the current user.", 2500
            )
        if token is None:
            return None, graph_error(400, "Invalid OAuth access token - Cannot parse access token", 190)
        if token.revoked:
            return None, graph_error(
                400,
                "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.",
                190,
                460,
            )
        if token.expires_at and token.expires_at < time.time():
            return None, graph_error(400, "Error validating access token: Session has expired.", 190, 463)
        return token, None

    def _page_token(self, request: Request, page_id: str) -> Response | None:
        token, error = self._token(request)
        if error is not None:
            return error
        assert token is not None
        if page_id not in self.pages:
            return graph_error(
                400,
                f"Unsupported post request. Object with ID '{page_id}' does not exist",
                100,
                33,
                "GraphMethodException",
            )
        if token.kind != "page" or token.owner != page_id:
            return graph_error(
                403, "(#200) The user hasn't authorized the application to perform this action", 200
            )
        return None

    def _ig_token(self, request: Request, ig_id: str) -> Response | None:
        ig = self.igs.get(ig_id)
        if ig is None:
            return graph_error(
                400,
                f"Unsupported request. Object with ID '{ig_id}' does not exist",
                100,
                33,
                "GraphMethodException",
            )
        return self._page_token(request, ig.page_id)

    def _exchange(self, request: Request) -> Response:
        q = request.params()
        if q.get("grant_type") != "fb_exchange_token":
            return graph_error(400, "Unsupported grant_type", 100)
        if q.get("client_id") != APP_ID:
            return graph_error(400, "Error validating application. Invalid application ID.", 101)
        if q.get("client_secret") != APP_SECRET:
            return graph_error(400, "Error validating client secret.", 1)
        token = self.tokens.get(q.get("fb_exchange_token", ""))
        if (
            token is None
            or token.revoked
            or token.kind != "user"
            or (token.expires_at and token.expires_at < time.time())
        ):
            return graph_error(400, "Error validating access token: Session has expired.", 190, 463)
        long_token = self.issue_user_token(long_lived=True)
        return Response(
            200, {"access_token": long_token, "token_type": "bearer", "expires_in": LONG_LIVED_SECONDS}
        )

    def _debug_token(self, request: Request) -> Response:
        q = request.params()
        # The caller must be the app access token (APP_ID|APP_SECRET) or a user token of
        # one of the app's developers (PLATFORMS.md §2.2; developers.facebook.com/docs/
        # facebook-login/guides/advanced/manual-flow#checktoken: "an app access token or
        # an app developer's user access token for the app"). Stricter reading: a Page
        # token as the caller is refused the way an independent check saw it refused,
        # 190/467 (❓ the exact code for this misuse is not documented).
        if bearer(request) != f"{APP_ID}|{APP_SECRET}":
            caller, error = self._token(request)  # the asking token must itself be valid
            if error is not None:
                return error
            assert caller is not None
            if caller.kind != "user":
                return graph_error(
                    400,
                    "Invalid OAuth access token - debug_token needs an app access token "
                    "or a user token of a developer of the app.",
                    190,
                    467,
                )
        token = self.tokens.get(q.get("input_token", ""))
        if token is None:
            return Response(
                200,
                {
                    "data": {
                        "is_valid": False,
                        "error": {"code": 190, "message": "Invalid OAuth access token."},
                    }
                },
            )
        data: dict[str, Any] = {
            "app_id": APP_ID,
            "type": token.kind.upper(),
            "application": "Siar Sandbox",
            "expires_at": token.expires_at,
            "data_access_expires_at": int(time.time()) + 90 * 86400,
            "is_valid": not token.revoked and not (token.expires_at and token.expires_at < time.time()),
            "scopes": list(token.scopes),
            "user_id": self.user_id,
        }
        if token.kind == "page":
            data["profile_id"] = token.owner
        return Response(200, {"data": data})

    def _me_accounts(self, request: Request) -> Response:
        token, error = self._token(request)
        if error is not None:
            return error
        assert token is not None
        if token.kind != "user":
            return graph_error(
                400, "(#100) Tried accessing nonexisting field (accounts) on node type (Page)", 100
            )
        # A Page token derived from a short-lived user token inherits its expiry (§2.2).
        long_lived = token.expires_at == 0 or token.expires_at - time.time() > SHORT_LIVED_SECONDS * 2
        data = []
        for page in self.pages.values():
            value = self.page_tokens.get(page.id)
            if value is None or not long_lived:
                value = self.page_token(page.id, expires_at=0 if long_lived else token.expires_at)
            data.append(
                {
                    "id": page.id,
                    "name": page.name,
                    "access_token": value,
                    "tasks": ["ADVERTISE", "ANALYZE", "CREATE_CONTENT", "MODERATE", "MANAGE"],
                }
            )
        return Response(200, {"data": data, "paging": {"cursors": {"before": "QVFI", "after": "QVFI"}}})

    def _me(self, request: Request) -> Response:
        token, error = self._token(request)
        if error is not None:
            return error
        assert token is not None
        if token.kind == "page":
            page = self.pages[token.owner]
            return Response(200, {"id": page.id, "name": page.name})
        return Response(200, {"id": self.user_id, "name": self.user_name})

    # --- nodes -------------------------------------------------------------------------------
    def _node(self, request: Request) -> Response:
        assert request.match is not None
        node_id = request.match.group("id")
        fields = set(request.params().get("fields", "").split(","))
        if node_id in self.videos:
            return self._video_status(request, self.videos[node_id])
        if node_id in self.reels:
            return graph_reels.status(self, request, self.reels[node_id])
        if (held := graph_schedule.node(self, node_id, fields)) is not None:
            if (error := self._page_token(request, node_id.split("_")[0])) is not None:
                return error
            return Response(200, held)
        if node_id in self.pages:
            if (error := self._page_token(request, node_id)) is not None:
                token, _ = self._token(request)
                if token is None or token.kind != "user":
                    return error
            page = self.pages[node_id]
            body: dict[str, Any] = {"id": page.id, "name": page.name}
            if "instagram_business_account" in fields and page.ig_id:
                body["instagram_business_account"] = {"id": page.ig_id}
            if "picture" in fields:
                body["picture"] = {"data": {"url": f"{self.base_url}/avatar/{page.id}.png"}}
            return Response(200, body)
        if node_id in self.igs:
            ig = self.igs[node_id]
            if (error := self._ig_token(request, node_id)) is not None:
                return error
            return Response(
                200,
                {
                    "id": ig.id,
                    "username": ig.username,
                    "name": ig.name,
                    "profile_picture_url": f"{self.base_url}/avatar/{ig.id}.png",
                },
            )
        if node_id in self.photos:
            photo = self.photos[node_id]
            if (error := self._page_token(request, photo.page_id)) is not None:
                return error
            url = f"{self.base_url}/cdn/{photo.id}.jpg?oe=6A1B2C3D"
            node = {"id": photo.id, "images": [{"height": 1350, "width": 1080, "source": url}]}
            if "alt_text_custom" in fields:  # readable on the Photo node (§15)
                node["alt_text_custom"] = photo.alt_text_custom
            return Response(200, node)
        if node_id in self.containers:
            container = self.containers[node_id]
            if (error := self._ig_token(request, container.ig_id)) is not None:
                return error
            if container.media_type and container.status == "IN_PROGRESS" and not container.video_size:
                pass  # a video container stays IN_PROGRESS until its bytes arrived
            elif container.status == "IN_PROGRESS" and container.fails:
                container.status = "ERROR"
            elif container.status == "IN_PROGRESS":
                container.polls += 1
                if container.polls >= self.container_polls_needed:
                    container.status = "FINISHED"
                    return Response(
                        200, {"id": container.id, "status_code": "IN_PROGRESS", "status": "In Progress"}
                    )
            if container.status == "FINISHED" and time.time() - container.created > 86400:
                container.status = "EXPIRED"
            return Response(
                200, {"id": container.id, "status_code": container.status, "status": container.status.title()}
            )
        for ig in self.igs.values():
            for media in ig.media:
                if media["id"] == node_id:
                    if (error := self._ig_token(request, ig.id)) is not None:
                        return error
                    return Response(200, media)
        for page in self.pages.values():
            for post in page.posts:
                if post["id"] == node_id:
                    if (error := self._page_token(request, page.id)) is not None:
                        return error
                    return Response(200, post)
        return graph_error(
            400,
            f"Unsupported get request. Object with ID '{node_id}' does not exist",
            100,
            33,
            "GraphMethodException",
        )

    def _delete(self, request: Request) -> Response:
        assert request.match is not None
        photo = self.photos.get(request.match.group("id"))
        video = self.videos.get(request.match.group("id")) or self.reels.get(request.match.group("id"))
        if video is not None:
            if (error := self._page_token(request, video.page_id)) is not None:
                return error
            graph_schedule.delete_video(self, video.id)
            return Response(200, {"success": True})
        if photo is None:
            return graph_error(400, "Unsupported delete request.", 100, 33, "GraphMethodException")
        if (error := self._page_token(request, photo.page_id)) is not None:
            return error
        del self.photos[photo.id]
        return Response(200, {"success": True})

    # --- Facebook Page publishing --------------------------------------------------------------
    # --- Page video, chunked upload (§10.1 path 2) ---------------------------------------
    def _videos(self, request: Request) -> Response:
        assert request.match is not None
        page_id = request.match.group("page")
        if (error := self._page_token(request, page_id)) is not None:
            return error
        q = request.params()
        phase = q.get("upload_phase", "")
        if phase == "start":
            size = int(q.get("file_size") or 0)
            if size <= 0:
                return graph_error(400, "(#100) file_size must be a positive integer", 100)
            new = VideoUpload(str(next_id()), str(next_id()), page_id, size)
            new.fails = self.video_processing_fails
            self.videos[new.id] = new
            return Response(200, {"upload_session_id": new.session, "video_id": new.id, **self._range(new)})
        video = next((v for v in self.videos.values() if v.session == q.get("upload_session_id")), None)
        if video is None or video.page_id != page_id:
            return graph_error(400, "(#100) Invalid upload_session_id", 100)
        if phase == "transfer":
            chunk = request.multipart().get("video_file_chunk", b"")
            start = int(q.get("start_offset") or -1)
            expected = self._range(video)
            # Only the range Facebook asked for, in order (stricter reading of §10.1).
            if start != len(video.received) or len(chunk) != int(expected["end_offset"]) - start:
                return graph_error(
                    400, "(#6000) There was a problem uploading your video file", 6000, 1363019
                )
            video.received.extend(chunk)
            self.transfers.append((video.id, start))
            return Response(200, self._range(video))
        if phase == "finish":
            if len(video.received) != video.size:
                return graph_error(
                    400, "(#6000) There was a problem uploading your video file", 6000, 1363030
                )
            scheduled = q.get("published") == "false"
            if scheduled and (refused := self._schedule_refused(q)) is not None:
                return refused
            if not video.finished:
                video.finished = True
                video.description = q.get("description", "")
                post = self._new_post(self.pages[page_id], video.description, video_id=video.id)
                if scheduled:
                    self.pages[page_id].posts.remove(post)
                    post["scheduled_publish_time"] = int(q["scheduled_publish_time"])
                    self.pages[page_id].scheduled.insert(0, post)
            return Response(200, {"success": True})
        # No upload_phase: the non-resumable upload, which Siar does not use (stricter).
        return graph_error(400, "(#100) upload_phase must be start, transfer or finish", 100)

    def _schedule_refused(self, q: dict[str, str]) -> Response | None:
        """scheduled_publish_time must be 10 minutes to 30 days ahead (§11: the current
        docs; older copies say 6 months — the stricter reading)."""
        try:
            when = int(q.get("scheduled_publish_time", ""))
        except ValueError:
            return graph_error(400, "(#100) scheduled_publish_time is required for an unpublished post", 100)
        ahead = when - time.time()
        if not 10 * 60 <= ahead <= 30 * 86400:
            return graph_error(400, "(#100) The specified scheduled publish time is invalid.", 100, 1501234)
        return None

    def _scheduled_posts(self, request: Request) -> Response:
        assert request.match is not None
        page_id = request.match.group("page")
        if (error := self._page_token(request, page_id)) is not None:
            return error
        graph_schedule.publish_due(self)
        return Response(200, {"data": list(self.pages[page_id].scheduled)})

    def _range(self, video: VideoUpload) -> dict[str, str]:
        start = len(video.received)
        return {"start_offset": str(start), "end_offset": str(min(video.size, start + self.video_chunk))}

    def _video_status(self, request: Request, video: VideoUpload) -> Response:
        if (error := self._page_token(request, video.page_id)) is not None:
            return error
        if not video.finished:
            status: dict[str, Any] = {"video_status": "upload_incomplete" if video.received else "uploading"}
        else:
            video.polls += 1
            if video.polls <= self.video_polls_needed:
                status = {"video_status": "processing", "processing_phase": {"status": "in_progress"}}
            elif video.fails:
                errors = [{"code": 1363008, "message": "The video file you tried to upload is corrupt."}]
                status = {"video_status": "error", "processing_phase": {"status": "error", "errors": errors}}
            else:
                status = {"video_status": "ready", "publishing_phase": {"status": "complete"}}
        # permalink_url comes relative for videos (§10.1 ❓): the stricter shape.
        return Response(
            200,
            {
                "id": video.id,
                "status": status,
                "permalink_url": f"/{video.page_id}/videos/{video.id}/",
                # held for its scheduled_publish_time: not published yet (graph_schedule.py)
                "published": video.finished and graph_schedule.video_published(self, video.id),
            },
        )

    def _new_post(self, page: PageState, message: str, **extra: Any) -> dict[str, Any]:
        post_id = f"{page.id}_{next_id()}"
        post = {
            "id": post_id,
            "message": message,
            "created_time": time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime()),
            "permalink_url": f"https://www.facebook.com/{page.id}/posts/{post_id.split('_')[1]}",
            **extra,
        }
        page.posts.insert(0, post)
        return post

    def _feed(self, request: Request) -> Response:
        assert request.match is not None
        page_id = request.match.group("page")
        if (error := self._page_token(request, page_id)) is not None:
            return error
        page = self.pages[page_id]
        q = request.params()
        message = q.get("message", "")
        attached = q.get("attached_media", "")
        if not message and not attached and not q.get("link"):
            return graph_error(400, "(#100) Missing message or attachment", 100)
        media_ids: list[str] = []
        if attached:
            try:
                items = json.loads(attached)
                media_ids = [str(item["media_fbid"]) for item in items]
            except (ValueError, KeyError, TypeError):
                return graph_error(
                    400, "(#100) param attached_media must be an array of objects with media_fbid", 100
                )
            for media_id in media_ids:
                photo = self.photos.get(media_id)
                if photo is None or photo.page_id != page_id:
                    return graph_error(400, f"(#100) Invalid media_fbid {media_id}", 100)
                if photo.published:
                    return graph_error(400, "These photos were already posted.", 100, 1366051)
        # 506 "Duplicate status message" for the same text as the Page's latest post
        # (PLATFORMS.md §2.5, §2.6). Reading: a *status* repeats only with the same
        # attachments — text-only, or the same link; new photos make a new post, and
        # photos already posted are refused with 1366051 above (❓ Meta documents no rule
        # for a repeated caption over new photos).
        latest = page.posts[0] if page.posts else None
        if (
            latest is not None
            and message
            and latest["message"] == message
            and not media_ids
            and not latest.get("attachments")
            and latest.get("link", "") == q.get("link", "")
        ):
            return graph_error(400, "(#506) Duplicate status message", 506)
        if q.get("published") == "false":
            refused = self._schedule_refused(q)
            if refused is not None:
                return refused
        for media_id in media_ids:
            self.photos[media_id].published = True
        post = self._new_post(page, message, link=q.get("link", ""), attachments=media_ids)
        if q.get("published") == "false":
            page.posts.remove(post)  # held by Facebook until its time, not in the feed
            post["scheduled_publish_time"] = int(q["scheduled_publish_time"])
            post["is_published"] = False
            page.scheduled.insert(0, post)
        body: dict[str, Any] = {"id": post["id"]}
        if "permalink_url" in q.get("fields", ""):
            body["permalink_url"] = post["permalink_url"]
        return Response(200, body)

    def _photos(self, request: Request) -> Response:
        assert request.match is not None
        page_id = request.match.group("page")
        if (error := self._page_token(request, page_id)) is not None:
            return error
        q = request.params()
        data = (
            request.multipart().get("source", b"")
            if request.header("content-type").startswith("multipart/")
            else b""
        )
        if not data and q.get("url"):
            data = _fetch(q["url"])
        if not data:
            return graph_error(400, "(#324) Requires upload file", 324)
        if len(data) > 4 * 1024 * 1024:
            return graph_error(400, "Photos should be smaller than 4 MB and saved as JPG, PNG", 100, 1366046)
        if not (data.startswith(b"\xff\xd8") or data.startswith(b"\x89PNG")):
            return graph_error(400, "(#324) Missing or invalid image file", 324)
        published = q.get("published", "true").lower() != "false"
        # alt_text_custom: the user-provided alt text of a Page photo (PLATFORMS.md §15;
        # fb-sdk page.py create_photo params), set at upload time only.
        photo = Photo(
            str(next_id()),
            page_id,
            data,
            published,
            q.get("caption") or q.get("message", ""),
            alt_text_custom=q.get("alt_text_custom", ""),
        )
        self.photos[photo.id] = photo
        if not published:
            return Response(200, {"id": photo.id})
        post = self._new_post(self.pages[page_id], photo.caption, attachments=[photo.id])
        return Response(200, {"id": photo.id, "post_id": post["id"]})

    def _published_posts(self, request: Request) -> Response:
        assert request.match is not None
        page_id = request.match.group("page")
        if (error := self._page_token(request, page_id)) is not None:
            return error
        q = request.params()
        limit = int(q.get("limit", "25") or 25)
        wanted = set(q.get("fields", "").replace("{", ",").replace("}", ",").split(","))
        posts = []
        for post in self.pages[page_id].posts[:limit]:
            item = {k: post[k] for k in ("id", "message", "created_time", "permalink_url")}
            if "attachments" in wanted and post.get("attachments"):
                item["attachments"] = _attachments(post["id"], post["attachments"])
            posts.append(item)
        return Response(200, {"data": posts})

    def _cdn(self, request: Request) -> Response:
        assert request.match is not None
        photo = self.photos.get(request.match.group("id"))
        if photo is None:
            return Response(404, raw=b"Not found", headers={"Content-Type": "text/plain"})
        kind = "image/jpeg" if photo.data.startswith(b"\xff\xd8") else "image/png"
        return Response(200, raw=photo.data, headers={"Content-Type": kind})

    # --- Instagram ---------------------------------------------------------------------------
    def _image_at(self, url: str) -> bytes | None:
        if url.startswith(self.base_url + "/cdn/"):
            photo_id = url.split("/cdn/", 1)[1].split(".", 1)[0]
            photo = self.photos.get(photo_id)
            return photo.data if photo is not None else None
        try:
            return _fetch(url)
        except OSError:
            return None

    def _ig_media(self, request: Request) -> Response:
        assert request.match is not None
        ig_id = request.match.group("ig")
        if (error := self._ig_token(request, ig_id)) is not None:
            return error
        q = request.params()
        if len([c for c in self.containers.values() if time.time() - c.created < 86400]) >= 400:
            return graph_error(400, "Application request limit reached", 4)
        if q.get("upload_type") == "resumable":
            return self._ig_video_container(request, ig_id)
        if q.get("media_type") == "CAROUSEL":
            children = tuple(c for c in q.get("children", "").split(",") if c)
            if not 2 <= len(children) <= 10 or any(c not in self.containers for c in children):
                return graph_error(400, "The carousel is invalid", 100, 2207028)
            # A video child must be FINISHED first (§10.3 ❓ practice; the stricter reading):
            # before that it is "not ready", as media_publish says of an unready container.
            if any(
                self.containers[c].media_type and self.containers[c].status != "FINISHED" for c in children
            ):
                return graph_error(400, "Media ID is not available", 9007, 2207027)
            container = Container(str(next_id()), ig_id, q.get("caption", ""), children=children)
        else:
            url = q.get("image_url", "")
            data = self._image_at(url) if url else None
            if data is None:
                return graph_error(400, "Media could not be fetched from the URI", 9004, 2207052)
            if not data.startswith(b"\xff\xd8"):
                return graph_error(
                    400, "The image format is not supported. Only JPEG images are supported.", 36001, 2207005
                )
            if len(data) > 8 * 1024 * 1024:
                return graph_error(400, "The image is too large", 36000, 2207004)
            if len(q.get("caption", "")) > 2200:
                return graph_error(400, "The caption is too long", 36004, 2207010)
            container = Container(
                str(next_id()), ig_id, q.get("caption", ""), image_url=url, alt_text=q.get("alt_text", "")
            )
        if self.container_polls_needed <= 0:
            container.status = "FINISHED"
        self.containers[container.id] = container
        return Response(200, {"id": container.id})

    # --- Instagram video, resumable upload to the rupload host (§10.3) --------------------
    def _ig_video_container(self, request: Request, ig_id: str) -> Response:
        q = request.params()
        kind = q.get("media_type", "")
        if kind not in ("REELS", "STORIES", "VIDEO"):
            return graph_error(
                400, "(#100) media_type must be REELS, STORIES or VIDEO for upload_type=resumable", 100
            )
        if kind == "VIDEO" and q.get("is_carousel_item") != "true":
            return graph_error(400, "(#100) VIDEO is only for carousel items", 100)
        if kind == "REELS" and q.get("is_carousel_item") == "true":
            return graph_error(400, "Reels cannot be carousel items", 100, 2207028)
        if len(q.get("caption", "")) > 2200:
            return graph_error(400, "The caption is too long", 36004, 2207010)
        container = Container(str(next_id()), ig_id, q.get("caption", ""), media_type=kind)
        container.fails = self.reel_processing_fails
        self.containers[container.id] = container
        version = request.path.split("/")[1]
        return Response(
            200, {"id": container.id, "uri": f"{self.base_url}/ig-api-upload/{version}/{container.id}"}
        )

    def _rupload(self, request: Request) -> Response:
        """The bytes of a video container: ``Authorization: OAuth``, ``offset`` and
        ``file_size`` headers, raw body; errors in rupload's own envelope (§10.3)."""
        assert request.match is not None

        def refused(message: str, kind: str = "ProcessingFailedError") -> Response:
            return Response(400, {"debug_info": {"retriable": False, "type": kind, "message": message}})

        container = self.containers.get(request.match.group("id"))
        auth = request.header("authorization")
        token = self.tokens.get(auth[len("OAuth ") :]) if auth.startswith("OAuth ") else None
        if token is None or token.revoked:
            return refused("Invalid OAuth access token", "AuthError")
        if container is None or token.kind != "page" or self.igs[container.ig_id].page_id != token.owner:
            return refused("Unknown media container")
        try:
            offset, size = int(request.header("offset")), int(request.header("file_size"))
        except ValueError:
            return refused("offset and file_size headers are required")
        if offset == 0:
            container.video = bytearray()  # sent again from the start (§10.2: the safe resume)
        elif offset != len(container.video):
            return refused(f"offset {offset} does not match {len(container.video)} bytes received")
        container.video.extend(request.body)
        if len(container.video) == size:
            container.video_size = size
        return Response(200, {"success": True, "message": "Upload successful."})

    def _ig_publish(self, request: Request) -> Response:
        assert request.match is not None
        ig_id = request.match.group("ig")
        if (error := self._ig_token(request, ig_id)) is not None:
            return error
        container = self.containers.get(request.params().get("creation_id", ""))
        if container is None or container.ig_id != ig_id:
            return graph_error(400, "Unsupported post request", 100, 33, "GraphMethodException")
        if container.status == "PUBLISHED":
            return graph_error(400, "The media has already been published", 9007, 2207006)
        if container.status != "FINISHED":
            return graph_error(400, "Media ID is not available", 9007, 2207027)
        ig = self.igs[ig_id]
        if self._quota_usage(ig) >= PUBLISH_QUOTA:
            return graph_error(400, "Application request limit reached", 9, 2207042)
        media_id = str(next_id())
        shortcode = secrets.token_urlsafe(8).replace("-", "a").replace("_", "b")
        ig.media.insert(
            0,
            {
                "id": media_id,
                "caption": container.caption,
                "media_type": "CAROUSEL_ALBUM"
                if container.children
                else ("VIDEO" if container.media_type else "IMAGE"),
                "media_product_type": "REELS" if container.media_type == "REELS" else "FEED",
                "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime()),
                "permalink": f"https://www.instagram.com/p/{shortcode}/",
                "shortcode": shortcode,
                "_published": time.time(),
            },
        )
        container.status = "PUBLISHED"
        container.media_id = media_id
        return Response(200, {"id": media_id})

    def _quota_usage(self, ig: IgState) -> int:
        return sum(1 for m in ig.media if time.time() - float(m["_published"]) < 86400)

    def _ig_limit(self, request: Request) -> Response:
        assert request.match is not None
        ig_id = request.match.group("ig")
        if (error := self._ig_token(request, ig_id)) is not None:
            return error
        usage = self._quota_usage(self.igs[ig_id])
        return Response(
            200,
            {
                "data": [
                    {"quota_usage": usage, "config": {"quota_total": PUBLISH_QUOTA, "quota_duration": 86400}}
                ]
            },
        )

    def _ig_media_list(self, request: Request) -> Response:
        assert request.match is not None
        ig_id = request.match.group("ig")
        if (error := self._ig_token(request, ig_id)) is not None:
            return error
        limit = int(request.params().get("limit", "25") or 25)
        items = [{k: v for k, v in m.items() if not k.startswith("_")} for m in self.igs[ig_id].media[:limit]]
        return Response(200, {"data": items})


def _attachments(post_id: str, photo_ids: list[str]) -> dict[str, Any]:
    """A post's ``attachments`` edge: one photo as ``target``, several as an album with
    ``subattachments`` (StoryAttachment: developers.facebook.com/docs/graph-api/reference/
    story-attachment — ``media_type``, ``target{id}``, ``subattachments``)."""
    photos = [{"media_type": "photo", "type": "photo", "target": {"id": p}} for p in photo_ids]
    if len(photos) == 1:
        return {"data": photos}
    album = {"media_type": "album", "type": "album", "target": {"id": post_id.split("_")[-1]}}
    return {"data": [{**album, "subattachments": {"data": photos}}]}


def _fetch(url: str) -> bytes:
    """What Meta's crawler does with an ``image_url``; the sandbox only reaches 127.0.0.1."""
    if not url.startswith(("http://127.0.0.1", "http://[::1]", "http://localhost")):
        raise OSError("the sandbox fetches only from 127.0.0.1")
    answer = requests.get(url, timeout=10)
    if answer.status_code != 200 or not answer.headers.get("Content-Type", "").startswith("image/"):
        raise OSError(f"not an image: {answer.status_code}")
    return answer.content
