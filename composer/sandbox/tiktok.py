"""A fake TikTok (Login Kit for desktop + Content Posting API) on 127.0.0.1.

What it enforces, each from shared/PLATFORMS.md §13 (developers.tiktok.com pages named
there), taking the stricter reading where the docs leave room:
- every API answer is the envelope ``{"data":{…},"error":{"code","message","log_id"}}``
  [tiktok-api-v2-error-handling]; a bad or expired token is 401 ``access_token_invalid``,
  a missing scope 401 ``scope_not_authorized``, too many calls 429 ``rate_limit_exceeded``
  (init: 6 a minute per token; status/fetch: 30 a minute per token); a creator's posts a
  day are capped (``daily_cap``, "typically ~15") with 403 ``spam_risk_too_many_posts``.
- authorize: ``client_key``, S256 ``code_challenge``, a desktop redirect URI (http(s),
  host ``127.0.0.1``/``localhost``, a port, path ``/callback/``, no query) [login-kit-
  desktop]; consent is automatic unless ``deny_next`` is set. The challenge may be
  base64url or hex (§13 ❓: both are accepted, the test says which Siar sends).
- token: form-encoded, ``client_key`` **and** ``client_secret`` always, the
  ``code_verifier``; access tokens last 24 h, refresh tokens a year; a refresh returns a
  new refresh token and the old one stops working (stricter than "may return a new one").
- ``creator_info/query`` and ``video/init`` need ``video.publish``; ``inbox/video/init``
  needs ``video.upload``; ``privacy_level`` must be one of the creator's options
  (``privacy_level_option_mismatch``). **An unaudited app** may post only ``SELF_ONLY``
  from a private account: anything else is 403
  ``unaudited_client_can_only_post_to_private_accounts`` [content-sharing-guidelines].
- FILE_UPLOAD chunk rules [media-transfer guide]: 5–64 MB chunks, the last up to 128 MB,
  under 5 MB one chunk of the whole file, ``total_chunk_count = floor(size/chunk)``,
  1–1000 chunks, sent in order with ``Content-Range: bytes FIRST-LAST/TOTAL`` — a chunk
  out of order or of the wrong length is 416; 206 for a chunk, 201 for the last; the
  upload URL lasts an hour (then 403).
- photos: ``content/init`` with ``PULL_FROM_URL`` only, ≤ 35 URLs under a verified
  prefix (``url_ownership_unverified`` otherwise), title ≤ 90 and description ≤ 4,000
  UTF-16 units [photo-post reference].
- status: ``PROCESSING_UPLOAD`` (with ``uploaded_bytes``) → ``PUBLISH_COMPLETE`` or
  ``SEND_TO_USER_INBOX``, or ``FAILED`` with ``fail_reason``; ``publicaly_available_post_id``
  (sic) [get-video-status]. ``processing_polls`` and ``fail_next`` simulate slow and failed
  processing.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from composer.sandbox.server import FakeServer, Request, Response, bearer, next_id

CLIENT_KEY = "sbawsandboxclientkey"
CLIENT_SECRET = "sandbox-tiktok-client-secret-5e2a"
OPEN_ID = "-000sandboxOpenId"
ACCESS_SECONDS = 86_400
REFRESH_SECONDS = 365 * 86_400
UPLOAD_URL_SECONDS = 3_600
MB = 1024 * 1024
MIN_CHUNK, MAX_CHUNK, MAX_LAST_CHUNK, MAX_CHUNKS = 5 * MB, 64 * MB, 128 * MB, 1000
INIT_PER_MINUTE, STATUS_PER_MINUTE = 6, 30
VIDEO_TYPES = ("video/mp4", "video/quicktime", "video/webm")


@dataclass
class Grant:
    access: str
    refresh: str
    scopes: frozenset[str]
    expires_at: float
    refresh_expires_at: float


@dataclass
class Upload:
    publish_id: str
    mode: str  # "direct", "inbox" or "photo-direct"/"photo-inbox"
    size: int
    chunk_size: int
    count: int
    token: str  # upload_token in the upload URL
    created: float
    post_info: dict[str, Any] = field(default_factory=dict)
    received: int = 0
    chunks: int = 0
    status: str = "PROCESSING_UPLOAD"
    polls_left: int = 0
    fail_reason: str = ""
    post_id: str = ""
    photo_urls: list[str] = field(default_factory=list)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class TikTokServer(FakeServer):
    name = "tiktok"

    def __init__(self, port: int = 0, latency: float = 0.0) -> None:
        super().__init__(port, latency)
        self.audited = False  # a new app is unaudited (§13): switch on to allow public posts
        self.account_private = False  # the office account is public
        self.creator = {
            "creator_username": "kanimcontoh",
            "creator_nickname": "Imigrasi Contoh (Sandbox)",
            "privacy_level_options": ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"],
            "comment_disabled": False,
            "duet_disabled": False,
            "stitch_disabled": True,
            "max_video_post_duration_sec": 600,
        }
        self.verified_prefixes: list[str] = []  # URL prefixes verified in the developer portal
        self.deny_next = False
        self.processing_polls = 1  # status answers that still say "processing" after upload
        self.fail_next = ""  # the next finished upload fails with this reason
        self.reject_chunk = -1  # the next upload's chunk of this index is refused once (416)
        # A per-creator cap on posts a day, "typically ~15" (content-sharing-guidelines, §13).
        self.daily_cap = 15
        self.codes: dict[str, dict[str, str]] = {}
        self.grants: dict[str, Grant] = {}
        self.refresh_tokens: dict[str, Grant] = {}
        self.uploads: dict[str, Upload] = {}
        self.posts: list[Upload] = []  # published or in the inbox
        self._calls: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self.route("GET", r"/v2/auth/authorize/", self._authorize)
        self.route("POST", r"/v2/oauth/token/", self._token)
        self.route("GET", r"/v2/user/info/", self._user_info)
        self.route("POST", r"/v2/post/publish/creator_info/query/", self._creator_info)
        self.route("POST", r"/v2/post/publish/video/init/", lambda r: self._video_init(r, "direct"))
        self.route("POST", r"/v2/post/publish/inbox/video/init/", lambda r: self._video_init(r, "inbox"))
        self.route("POST", r"/v2/post/publish/content/init/", self._photo_init)
        self.route("POST", r"/v2/post/publish/status/fetch/", self._status)
        self.route("PUT", r"/upload/video/", self._put_chunk)

    # --- envelope ------------------------------------------------------------------------------
    @staticmethod
    def answer(
        data: dict[str, Any] | None = None, status: int = 200, code: str = "ok", message: str = ""
    ) -> Response:
        log_id = f"2026120117{secrets.token_hex(10).upper()}"
        return Response(
            status,
            {"data": data or {}, "error": {"code": code, "message": message, "log_id": log_id}},
            {"x-tt-logid": log_id},
        )

    def _grant(self, request: Request, scope: str) -> tuple[Grant | None, Response | None]:
        grant = self.grants.get(bearer(request))
        if grant is None or grant.expires_at < time.time():
            return None, self.answer(
                status=401,
                code="access_token_invalid",
                message="The access token is invalid or not found in the request.",
            )
        if scope and scope not in grant.scopes:
            return None, self.answer(
                status=401,
                code="scope_not_authorized",
                message=f"The user did not authorize the scope {scope}.",
            )
        return grant, None

    def _limited(self, grant: Grant, what: str, per_minute: int) -> Response | None:
        calls = self._calls[(grant.access, what)]
        now = time.time()
        while calls and calls[0] < now - 60:
            calls.popleft()
        if len(calls) >= per_minute:
            return self.answer(status=429, code="rate_limit_exceeded", message="API rate limit exceeded.")
        calls.append(now)
        return None

    @staticmethod
    def _object(value: Any) -> dict[str, Any]:
        return value if isinstance(value, dict) else {}

    @staticmethod
    def _json(request: Request) -> dict[str, Any] | None:
        if not request.header("content-type").startswith("application/json"):
            return None
        body = request.json()
        return body if isinstance(body, dict) else None

    def _capped(self) -> Response | None:
        today = [u for u in self.uploads.values() if u.created > time.time() - 86_400]
        if len(today) >= self.daily_cap:
            return self.answer(
                status=403, code="spam_risk_too_many_posts", message="The daily post cap is reached."
            )
        return None

    def invalid(self, message: str) -> Response:
        return self.answer(status=400, code="invalid_params", message=message)

    # --- Login Kit -----------------------------------------------------------------------------
    def _authorize(self, request: Request) -> Response:
        q = request.query
        redirect = q.get("redirect_uri", "")
        parts = urlsplit(redirect)
        desktop_ok = (
            parts.scheme in ("http", "https")
            and parts.hostname in ("127.0.0.1", "localhost")
            and parts.port is not None
            and parts.path == "/callback/"
            and not parts.query
            and not parts.fragment
            and len(redirect) < 512
        )
        if q.get("client_key") != CLIENT_KEY or not desktop_ok or q.get("response_type") != "code":
            return Response(
                400,
                raw=b"<h1>redirect_uri or client_key is invalid</h1>",
                headers={"Content-Type": "text/html"},
            )
        if q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
            return Response(
                400, raw=b"<h1>code_challenge required</h1>", headers={"Content-Type": "text/html"}
            )
        if self.deny_next:
            self.deny_next = False
            target = f"{redirect}?{urlencode({'error': 'access_denied', 'state': q.get('state', '')})}"
            return Response(302, raw=b"", headers={"Location": target, "Content-Type": "text/html"})
        code = secrets.token_urlsafe(24)
        self.codes[code] = {
            "challenge": q["code_challenge"],
            "redirect_uri": redirect,
            "scope": q.get("scope", ""),
        }
        target = f"{redirect}?{urlencode({'code': code, 'scopes': q.get('scope', ''), 'state': q.get('state', '')})}"
        return Response(302, raw=b"", headers={"Location": target, "Content-Type": "text/html"})

    @staticmethod
    def _token_error(error: str, description: str) -> Response:
        return Response(
            400, {"error": error, "error_description": description, "log_id": secrets.token_hex(10)}
        )

    def issue(self, scopes: str = "user.info.basic,video.list,video.publish,video.upload") -> Grant:
        grant = Grant(
            f"act.{secrets.token_urlsafe(30)}",
            f"rft.{secrets.token_urlsafe(30)}",
            frozenset(s for s in scopes.split(",") if s),
            time.time() + ACCESS_SECONDS,
            time.time() + REFRESH_SECONDS,
        )
        self.grants[grant.access] = grant
        self.refresh_tokens[grant.refresh] = grant
        return grant

    def expire_access_tokens(self) -> None:
        """Every access token ends now (the 24 h passed); refresh tokens still work."""
        for grant in self.grants.values():
            grant.expires_at = 0.0

    def _grant_body(self, grant: Grant) -> Response:
        return Response(
            200,
            {
                "access_token": grant.access,
                "expires_in": ACCESS_SECONDS,
                "open_id": OPEN_ID,
                "refresh_expires_in": int(grant.refresh_expires_at - time.time()),
                "refresh_token": grant.refresh,
                "scope": ",".join(sorted(grant.scopes)),
                "token_type": "Bearer",
            },
        )

    def _token(self, request: Request) -> Response:
        if not request.header("content-type").startswith("application/x-www-form-urlencoded"):
            return self._token_error(
                "invalid_request", "Content-Type must be application/x-www-form-urlencoded"
            )
        form = request.form()
        # The client secret is required, desktop included (§13 "Token").
        if form.get("client_key") != CLIENT_KEY or form.get("client_secret") != CLIENT_SECRET:
            return self._token_error("invalid_client", "Client key or secret is incorrect.")
        if form.get("grant_type") == "authorization_code":
            code = self.codes.pop(form.get("code", ""), None)
            verifier = form.get("code_verifier", "")
            digest = hashlib.sha256(verifier.encode())
            accepted = {digest.hexdigest(), base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()}
            if (
                code is None
                or code["redirect_uri"] != form.get("redirect_uri")
                or code["challenge"] not in accepted
            ):
                return self._token_error("invalid_grant", "Authorization code is expired or invalid.")
            return self._grant_body(self.issue(code["scope"]))
        if form.get("grant_type") == "refresh_token":
            old = self.refresh_tokens.pop(form.get("refresh_token", ""), None)
            if old is None or old.refresh_expires_at < time.time():
                return self._token_error("invalid_grant", "Refresh token is invalid or expired.")
            self.grants.pop(old.access, None)
            return self._grant_body(self.issue(",".join(sorted(old.scopes))))
        return self._token_error("unsupported_grant_type", "grant_type is not supported")

    # --- user and creator --------------------------------------------------------------------------
    def _user_info(self, request: Request) -> Response:
        _grant, error = self._grant(request, "user.info.basic")
        if error is not None:
            return error
        fields = request.query.get("fields", "").split(",")
        user = {
            "open_id": OPEN_ID,
            "union_id": "sandbox-union",
            "avatar_url": f"{self.base_url}/avatar/tiktok.png",
            "display_name": self.creator["creator_nickname"],
        }
        return self.answer({"user": {k: v for k, v in user.items() if k in fields}})

    def _creator_info(self, request: Request) -> Response:
        _grant, error = self._grant(request, "video.publish")
        if error is not None:
            return error
        return self.answer({**self.creator, "creator_avatar_url": f"{self.base_url}/avatar/tiktok.png"})

    # --- posting --------------------------------------------------------------------------------
    def _check_post_info(self, info: dict[str, Any], title_limit: int) -> Response | None:
        privacy = str(info.get("privacy_level", ""))
        if privacy not in self.creator["privacy_level_options"]:  # type: ignore[operator]
            return self.answer(
                status=400,
                code="privacy_level_option_mismatch",
                message="privacy_level is not one of the creator's options",
            )
        if not self.audited and (privacy != "SELF_ONLY" or not self.account_private):
            # content-sharing-guidelines: unaudited clients post SELF_ONLY, from private accounts.
            return self.answer(
                status=403,
                code="unaudited_client_can_only_post_to_private_accounts",
                message="Unaudited clients can only post to a private account.",
            )
        if _utf16(str(info.get("title", ""))) > title_limit:
            return self.invalid(f"title is longer than {title_limit}")
        return None

    def _chunks_ok(self, source: dict[str, Any]) -> str:
        """The media-transfer guide's rules for FILE_UPLOAD; an error message or ""."""
        try:
            size, chunk, count = (int(source[k]) for k in ("video_size", "chunk_size", "total_chunk_count"))
        except (KeyError, TypeError, ValueError):
            return "video_size, chunk_size and total_chunk_count are required for FILE_UPLOAD"
        if size <= 0 or chunk <= 0:
            return "video_size and chunk_size must be positive"
        if size < MIN_CHUNK:
            return "" if chunk == size and count == 1 else "a video under 5 MB is uploaded as one chunk"
        if not MIN_CHUNK <= chunk <= MAX_CHUNK:
            return "chunk_size must be between 5 MB and 64 MB"
        if count != size // chunk or not 1 <= count <= MAX_CHUNKS:
            return "total_chunk_count must be floor(video_size / chunk_size), 1-1000"
        if size - (count - 1) * chunk > MAX_LAST_CHUNK:
            return "the last chunk may be at most 128 MB"
        return ""

    def _video_init(self, request: Request, mode: str) -> Response:
        grant, error = self._grant(request, "video.publish" if mode == "direct" else "video.upload")
        if error is not None or grant is None:
            return error or self.invalid("no token")
        if (limited := self._limited(grant, "init", INIT_PER_MINUTE)) is not None:
            return limited
        if (capped := self._capped()) is not None:
            return capped
        body = self._json(request)
        if body is None:
            return self.invalid("the body must be JSON (application/json; charset=UTF-8)")
        info = self._object(body.get("post_info"))
        if mode == "direct":
            if not info:
                return self.invalid("post_info is required")
            if (refused := self._check_post_info(info, 2200)) is not None:
                return refused
        source = self._object(body.get("source_info"))
        if source.get("source") != "FILE_UPLOAD":
            return self.invalid("this sandbox takes source=FILE_UPLOAD for videos")
        if problem := self._chunks_ok(source):
            return self.invalid(problem)
        upload = Upload(
            f"v_{'pub' if mode == 'direct' else 'inbox'}_file~v2-1.{next_id()}",
            mode,
            int(source["video_size"]),
            int(source["chunk_size"]),
            int(source["total_chunk_count"]),
            secrets.token_urlsafe(16),
            time.time(),
            post_info=dict(info),
        )
        self.uploads[upload.publish_id] = upload
        url = f"{self.base_url}/upload/video/?{urlencode({'upload_id': upload.publish_id, 'upload_token': upload.token})}"
        return self.answer({"publish_id": upload.publish_id, "upload_url": url})

    def _put_chunk(self, request: Request) -> Response:
        upload = self.uploads.get(request.query.get("upload_id", ""))
        if upload is None or not secrets.compare_digest(request.query.get("upload_token", ""), upload.token):
            return Response(404, raw=b"")
        if time.time() - upload.created > UPLOAD_URL_SECONDS:
            return Response(403, raw=b"")
        if request.header("content-type") not in VIDEO_TYPES:
            return Response(400, raw=b"")
        match = re.fullmatch(r"bytes (\d+)-(\d+)/(\d+)", request.header("content-range"))
        if match is None or int(match.group(3)) != upload.size:
            return Response(400, raw=b"")
        first, last = int(match.group(1)), int(match.group(2))
        index = upload.chunks
        expected_end = upload.size if index == upload.count - 1 else (index + 1) * upload.chunk_size
        # Sequential chunks of the declared size, the last one to the end of the file.
        if first != upload.received or last + 1 != expected_end or len(request.body) != last + 1 - first:
            return Response(416, raw=b"")
        if index == self.reject_chunk:
            self.reject_chunk = -1
            return Response(416, raw=b"")
        upload.received, upload.chunks = last + 1, index + 1
        if upload.chunks < upload.count:
            return Response(206, raw=b"")
        self._finish_upload(upload)
        return Response(201, raw=b"")

    def _finish_upload(self, upload: Upload) -> None:
        upload.status = "PROCESSING_DOWNLOAD" if upload.photo_urls else "PROCESSING_UPLOAD"
        upload.polls_left = self.processing_polls
        if self.fail_next:
            upload.fail_reason, self.fail_next = self.fail_next, ""

    def _photo_init(self, request: Request) -> Response:
        body = self._json(request)
        mode = str((body or {}).get("post_mode", ""))
        scope = "video.publish" if mode == "DIRECT_POST" else "video.upload"
        grant, error = self._grant(request, scope)
        if error is not None or grant is None:
            return error or self.invalid("no token")
        if (limited := self._limited(grant, "init", INIT_PER_MINUTE)) is not None:
            return limited
        if (capped := self._capped()) is not None:
            return capped
        if body is None or body.get("media_type") != "PHOTO" or mode not in ("DIRECT_POST", "MEDIA_UPLOAD"):
            return self.invalid("media_type must be PHOTO and post_mode DIRECT_POST or MEDIA_UPLOAD")
        info = self._object(body.get("post_info"))
        if mode == "DIRECT_POST" and (refused := self._check_post_info(info, 90)) is not None:
            return refused
        if _utf16(str(info.get("title", ""))) > 90 or _utf16(str(info.get("description", ""))) > 4000:
            return self.invalid("title ≤ 90 and description ≤ 4000 characters")
        source = self._object(body.get("source_info"))
        urls = [str(u) for u in source.get("photo_images") or []]
        if source.get("source") != "PULL_FROM_URL" or not 1 <= len(urls) <= 35:
            return self.invalid("photos: source PULL_FROM_URL with 1-35 photo_images")
        if not all(any(u.startswith(p) for p in self.verified_prefixes) for u in urls):
            return self.answer(
                status=403,
                code="url_ownership_unverified",
                message="The URL prefix or domain is not verified.",
            )
        upload = Upload(
            f"p_{'pub' if mode == 'DIRECT_POST' else 'inbox'}_url~v2.{next_id()}",
            "direct" if mode == "DIRECT_POST" else "inbox",
            0,
            0,
            0,
            "",
            time.time(),
            post_info=dict(info),
            photo_urls=urls,
        )
        self.uploads[upload.publish_id] = upload
        self._finish_upload(upload)
        return self.answer({"publish_id": upload.publish_id})

    def _status(self, request: Request) -> Response:
        grant, error = self._grant(request, "")
        if error is not None or grant is None:
            return error or self.invalid("no token")
        if not grant.scopes & {"video.publish", "video.upload"}:
            return self.answer(
                status=401, code="scope_not_authorized", message="video.upload or video.publish"
            )
        if (limited := self._limited(grant, "status", STATUS_PER_MINUTE)) is not None:
            return limited
        body = self._json(request) or {}
        upload = self.uploads.get(str(body.get("publish_id", "")))
        if upload is None:
            return self.invalid("publish_id not found")
        self._advance(upload)
        data: dict[str, Any] = {"status": upload.status, "uploaded_bytes": upload.received}
        if upload.fail_reason and upload.status == "FAILED":
            data["fail_reason"] = upload.fail_reason
        if upload.post_id:
            data["publicaly_available_post_id"] = [upload.post_id]  # sic
        return self.answer(data)

    def _advance(self, upload: Upload) -> None:
        """One status poll's worth of processing after the upload finished."""
        finished_upload = upload.photo_urls or upload.chunks == upload.count
        if upload.status in ("PUBLISH_COMPLETE", "SEND_TO_USER_INBOX", "FAILED") or not finished_upload:
            return
        if upload.polls_left > 0:
            upload.polls_left -= 1
            upload.status = "PROCESSING_DOWNLOAD" if upload.photo_urls else "PROCESSING_UPLOAD"
            return
        if upload.fail_reason:
            upload.status = "FAILED"
            return
        if upload.mode == "direct":
            upload.status = "PUBLISH_COMPLETE"
            upload.post_id = str(7_400_000_000_000_000_000 + next_id())
        else:
            upload.status = "SEND_TO_USER_INBOX"
        self.posts.append(upload)
