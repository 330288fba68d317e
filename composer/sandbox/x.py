"""A fake X API v2 on 127.0.0.1 (shared/PLATFORMS.md §1 and §8).

OAuth 1.0a signatures are verified (HMAC-SHA1 over method, URL and query/form
parameters); OAuth 2.0 has the authorize redirect (consent is automatic in the
sandbox), the form-encoded token endpoint with Basic auth for confidential clients, and
refresh tokens that rotate and die when used twice. Posts, chunked media with
processing states, alt text, the duplicate-content 403, problem+json errors,
``x-rate-limit-*`` headers on every answer (and the per-user 24-hour ones on
``POST /2/tweets``), and posts read back the way X shows them: every URL as a t.co
link, one t.co link for the media appended, ``attachments.media_keys`` on request and
``start_time`` honoured (§1.6) — so a client that compares raw texts fails here too.
"""

from __future__ import annotations

import base64
import calendar
import functools
import hashlib
import secrets
import time
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from oauthlib.common import Request as OAuthRequest
from oauthlib.oauth1.rfc5849 import signature as oauth_signature
from oauthlib.oauth1.rfc5849 import utils as oauth_utils

from composer.core.text.twitter_text import extract_urls
from composer.sandbox.server import FakeServer, Request, Response, next_id, pkce_matches

CONSUMER_KEY = "sandboxConsumerKey01"
CONSUMER_SECRET = "sandbox-consumer-secret-7d1e"
ACCESS_TOKEN = "1790000000000000001-sandboxAccessToken"
ACCESS_SECRET = "sandbox-access-secret-4b8a"
CLIENT_ID = "c2FuZGJveC1jbGllbnQtaWQ"
CLIENT_SECRET = "sandbox-client-secret-9f3c"
# A "Native App" (public) client: no secret; client_id goes in the token and refresh bodies
# (PLATFORMS.md §14.5, X-docs oauth-2-0/authorization-code.mdx).
NATIVE_CLIENT_ID = "bmF0aXZlLXNhbmRib3gtY2xpZW50"
REDIRECT_PORT = 8765  # X checks the redirect URI exactly; Siar registers this port
ACCESS_SECONDS = 7200
RATE_LIMIT = 100  # POST /2/tweets per 15 min per user (PLATFORMS.md §1.4)
WINDOW = 900
MAX_VIDEO_BYTES = 512 * 1024 * 1024  # tweet_video (PLATFORMS.md §10.4)
MAX_SEGMENT = 5 * 1024 * 1024
DAY_LIMIT = 10_000  # x-user-limit-24hour-limit as seen on write endpoints (§1.5, 3RD)


def problem(status: int, title: str, detail: str, kind: str) -> Response:
    return Response(
        status,
        {"title": title, "detail": detail, "type": f"https://api.x.com/2/problems/{kind}", "status": status},
        {"Content-Type": "application/problem+json"},
    )


@dataclass
class Media:
    id: str
    media_type: str
    total_bytes: int
    category: str
    chunks: dict[int, bytes] = field(default_factory=dict)
    finalized: bool = False
    polls_needed: int = 0
    polls: int = 0
    alt_text: str = ""

    fails: bool = False  # processing ends in "failed" (a broken video)

    @property
    def state(self) -> str:
        if not self.finalized:
            return "pending"
        if self.polls < self.polls_needed:
            return "in_progress"
        return "failed" if self.fails else "succeeded"


@dataclass
class Grant:
    access: str
    refresh: str
    expires_at: float
    family: str
    dead: bool = False


class XServer(FakeServer):
    name = "x"

    def __init__(self, port: int = 0, latency: float = 0.0) -> None:
        super().__init__(port, latency)
        self.user = {
            "id": "1790000000000000001",
            "name": "Imigrasi Contoh (Sandbox)",
            "username": "kanimcontoh",
        }
        self.oauth1_tokens = {ACCESS_TOKEN: ACCESS_SECRET}
        self.codes: dict[str, dict[str, str]] = {}
        self.grants: dict[str, Grant] = {}  # by access token
        self.refresh_tokens: dict[str, Grant] = {}
        self.dead_refresh: dict[str, str] = {}  # used refresh token → family
        self.tweets: list[dict[str, Any]] = []
        self.media: dict[str, Media] = {}
        self.video_polls_needed = 2
        self.video_processing_fails = False  # the next videos fail processing
        self.appends: list[tuple[str, int]] = []  # (media id, segment) of each APPEND accepted
        self.remaining = RATE_LIMIT
        self.window_reset = int(time.time()) + WINDOW
        self.day_remaining = DAY_LIMIT
        self.day_reset = int(time.time()) + 86400
        self.redirect_port = REDIRECT_PORT
        self.route("GET", r"/2/users/me", self._me)
        self.route("GET", r"/i/oauth2/authorize", self._authorize)
        self.route("POST", r"/2/oauth2/token", self._token)
        self.route("POST", r"/2/oauth2/revoke", self._revoke)
        self.route("POST", r"/2/tweets", self._create)
        self.route("DELETE", r"/2/tweets/(?P<id>\d+)", self._delete)
        self.route("GET", r"/2/users/(?P<id>\d+)/tweets", self._timeline)
        self.route("POST", r"/2/media/upload/initialize", self._initialize)
        self.route("POST", r"/2/media/upload/(?P<id>\d+)/append", self._append)
        self.route("POST", r"/2/media/upload/(?P<id>\d+)/finalize", self._finalize)
        self.route("GET", r"/2/media/upload", self._status)
        self.route("POST", r"/2/media/metadata", self._metadata)

    def _handle(self, request: Request) -> Response:
        response = super()._handle(request)
        # Every answer carries the 15-minute window's headers; write endpoints also the
        # per-user 24-hour ones (PLATFORMS.md §1.5; X-docs rate-limits.mdx).
        headers = {
            "x-rate-limit-limit": str(RATE_LIMIT),
            "x-rate-limit-remaining": str(max(self.remaining, 0)),
            "x-rate-limit-reset": str(self.window_reset),
        }
        if request.method == "POST" and request.path == "/2/tweets":
            headers.update(
                {
                    "x-user-limit-24hour-limit": str(DAY_LIMIT),
                    "x-user-limit-24hour-remaining": str(max(self.day_remaining, 0)),
                    "x-user-limit-24hour-reset": str(self.day_reset),
                }
            )
        response.headers = {**headers, **response.headers}
        return response

    # --- auth --------------------------------------------------------------------------------
    def _authorized(self, request: Request) -> Response | None:
        auth = request.header("authorization")
        if auth.startswith("OAuth "):
            return self._check_oauth1(request, auth)
        if auth.lower().startswith("bearer "):
            grant = self.grants.get(auth[7:].strip())
            if grant is None or grant.dead or grant.expires_at < time.time():
                return Response(
                    401,
                    {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"},
                )
            return None
        return problem(401, "Unauthorized", "Unauthorized", "not-authorized-for-resource")

    def _check_oauth1(self, request: Request, header: str) -> Response | None:
        params = dict(oauth_utils.parse_authorization_header(header))
        token = params.get("oauth_token", "")
        if params.get("oauth_consumer_key") != CONSUMER_KEY or token not in self.oauth1_tokens:
            return Response(
                401,
                {
                    "errors": [{"code": 89, "message": "Invalid or expired token"}],
                    "title": "Unauthorized",
                    "detail": "Unauthorized",
                    "type": "about:blank",
                    "status": 401,
                },
            )
        uri = f"{self.base_url}{request.path}"
        if request.query:
            uri += "?" + urlencode(request.query)
        form = (
            request.body
            if request.header("content-type").startswith("application/x-www-form-urlencoded")
            else None
        )
        oauth_request = OAuthRequest(uri, request.method, form, {"Authorization": header})
        oauth_request.params = oauth_signature.collect_parameters(
            uri_query=urlencode(request.query),
            body=form,
            headers={"Authorization": header},
            exclude_oauth_signature=True,
        )
        oauth_request.signature = oauth_utils.unescape(params.get("oauth_signature", ""))
        if not oauth_signature.verify_hmac_sha1(oauth_request, CONSUMER_SECRET, self.oauth1_tokens[token]):
            return Response(
                401,
                {
                    "title": "Unauthorized",
                    "detail": "Unauthorized",
                    "type": "about:blank",
                    "status": 401,
                    "errors": [{"code": 32, "message": "Could not authenticate you."}],
                },
            )
        return None

    def _me(self, request: Request) -> Response:
        if (error := self._authorized(request)) is not None:
            return error
        data = dict(self.user)
        if "profile_image_url" in request.query.get("user.fields", ""):
            data["profile_image_url"] = f"{self.base_url}/avatar/{self.user['id']}.png"
        return Response(200, {"data": data})

    def _authorize(self, request: Request) -> Response:
        q = request.query
        redirect = q.get("redirect_uri", "")
        if q.get("client_id") not in (CLIENT_ID, NATIVE_CLIENT_ID) or not redirect.startswith(
            f"http://127.0.0.1:{self.redirect_port}/"
        ):
            return Response(
                400,
                raw=b"<h1>Something went wrong</h1><p>You weren't able to give access to the App.</p>",
                headers={"Content-Type": "text/html"},
            )
        if q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
            return Response(400, raw=b"<h1>Missing PKCE</h1>", headers={"Content-Type": "text/html"})
        code = secrets.token_urlsafe(24)
        self.codes[code] = {
            "challenge": q["code_challenge"],
            "redirect_uri": redirect,
            "issued": str(time.time()),
        }
        target = f"{redirect}?{urlencode({'state': q.get('state', ''), 'code': code})}"
        return Response(302, raw=b"", headers={"Location": target, "Content-Type": "text/html"})

    def _client_ok(self, request: Request) -> bool:
        auth = request.header("authorization")
        if request.form().get("client_id") == NATIVE_CLIENT_ID:
            # A public client authenticates with nothing but its id in the body; one that
            # sends credentials (Basic) is refused, as it has no secret to send (§14.5).
            return not auth
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        return auth == f"Basic {expected}"

    def issue_grant(self, family: str | None = None) -> Grant:
        grant = Grant(
            secrets.token_urlsafe(32),
            secrets.token_urlsafe(32),
            time.time() + ACCESS_SECONDS,
            family or secrets.token_hex(4),
        )
        self.grants[grant.access] = grant
        self.refresh_tokens[grant.refresh] = grant
        return grant

    def _grant_body(self, grant: Grant) -> Response:
        return Response(
            200,
            {
                "token_type": "bearer",
                "expires_in": ACCESS_SECONDS,
                "access_token": grant.access,
                "scope": "tweet.read tweet.write users.read media.write offline.access",
                "refresh_token": grant.refresh,
            },
        )

    def _token(self, request: Request) -> Response:
        form = request.form()
        if not self._client_ok(request):
            return Response(
                401,
                {"error": "unauthorized_client", "error_description": "Missing valid authorization header"},
            )
        if form.get("grant_type") == "authorization_code":
            code = self.codes.pop(form.get("code", ""), None)
            if not pkce_matches(code, form):
                return Response(
                    400,
                    {
                        "error": "invalid_request",
                        "error_description": "Value passed for the authorization code was invalid.",
                    },
                )
            if code is None or time.time() - float(code["issued"]) > 30:  # 30 s to exchange it
                return Response(
                    400,
                    {
                        "error": "invalid_request",
                        "error_description": "Value passed for the authorization code was invalid.",
                    },
                )
            return self._grant_body(self.issue_grant())
        if form.get("grant_type") == "refresh_token":
            value = form.get("refresh_token", "")
            if value in self.dead_refresh:  # reuse of a rotated token kills the whole family
                family = self.dead_refresh[value]
                for grant in self.grants.values():
                    if grant.family == family:
                        grant.dead = True
                return Response(
                    400,
                    {
                        "error": "invalid_request",
                        "error_description": "Value passed for the token was invalid.",
                    },
                )
            old = self.refresh_tokens.pop(value, None)
            if old is None or old.dead:
                return Response(
                    400,
                    {
                        "error": "invalid_request",
                        "error_description": "Value passed for the token was invalid.",
                    },
                )
            self.dead_refresh[value] = old.family
            old.dead = True
            return self._grant_body(self.issue_grant(old.family))
        return Response(
            400, {"error": "unsupported_grant_type", "error_description": "grant_type not supported"}
        )

    def _revoke(self, request: Request) -> Response:
        token = request.form().get("token", "")
        grant = self.grants.get(token) or self.refresh_tokens.get(token)
        if grant is not None:
            grant.dead = True
        return Response(200, {"revoked": True})

    # --- posts -------------------------------------------------------------------------------
    def _create(self, request: Request) -> Response:
        if (error := self._authorized(request)) is not None:
            return error
        if not request.header("content-type").startswith("application/json"):
            return problem(400, "Invalid Request", "Content-Type must be application/json", "invalid-request")
        body = request.json()
        if not isinstance(body, dict):
            return problem(400, "Invalid Request", "The request body is not valid JSON", "invalid-request")
        text = str(body.get("text", ""))
        media_ids = list((body.get("media") or {}).get("media_ids", []))
        if not text and not media_ids:
            return problem(
                400,
                "Invalid Request",
                "One or more parameters to your request was invalid.",
                "invalid-request",
            )
        if len(media_ids) > 4:
            return problem(400, "Invalid Request", "Your media IDs are invalid.", "invalid-request")
        for media_id in media_ids:
            media = self.media.get(str(media_id))
            if media is None or media.state != "succeeded":
                return problem(400, "Invalid Request", "Your media IDs are invalid.", "invalid-request")
        # "4 photos, or 1 animated GIF, or 1 video" per post (PLATFORMS.md §1.3).
        if len(media_ids) > 1 and any(self.media[str(m)].category != "tweet_image" for m in media_ids):
            return problem(400, "Invalid Request", "Your media IDs are invalid.", "invalid-request")
        if self.remaining <= 0 or self.day_remaining <= 0:
            # Either limit spent: 429 (§1.5). Which one is told only by the headers: the
            # 24-hour reset applies only when x-user-limit-24hour-remaining is 0.
            return Response(
                429,
                {
                    "title": "Too Many Requests",
                    "detail": "Too Many Requests",
                    "type": "about:blank",
                    "status": 429,
                },
            )
        # X refuses byte-identical text from the same account (§1.5, observed 2026).
        # Stricter reading: whatever media the new post carries.
        if any(t["text"] == text for t in self.tweets):
            return Response(
                403,
                {
                    "detail": "You are not allowed to create a Tweet with duplicate content.",
                    "type": "about:blank",
                    "title": "Forbidden",
                    "status": 403,
                },
            )
        self.remaining -= 1
        self.day_remaining -= 1
        tweet = {
            "id": str(1_860_000_000_000_000_000 + next_id()),
            "text": text,
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
            "media_ids": media_ids,
        }
        self.tweets.insert(0, tweet)
        return Response(
            201, {"data": {"id": tweet["id"], "text": text, "edit_history_tweet_ids": [tweet["id"]]}}
        )

    def _delete(self, request: Request) -> Response:
        if (error := self._authorized(request)) is not None:
            return error
        assert request.match is not None
        before = len(self.tweets)
        self.tweets = [t for t in self.tweets if t["id"] != request.match.group("id")]
        return Response(200, {"data": {"deleted": len(self.tweets) < before}})

    def _timeline(self, request: Request) -> Response:
        if (error := self._authorized(request)) is not None:
            return error
        limit = int(request.query.get("max_results", "10") or 10)
        # Both spellings of the fields parameter (§1.1: spec 2.167 renamed tweet.fields).
        fields = request.query.get("tweet.fields", "") + "," + request.query.get("post.fields", "")
        since = _epoch(request.query.get("start_time", ""))
        shown = [t for t in self.tweets if _epoch(t["created_at"]) >= since][:limit]
        data = []
        for tweet in shown:
            item = {"id": tweet["id"], "text": shown_text(tweet), "created_at": tweet["created_at"]}
            if "attachments" in fields.split(",") and tweet["media_ids"]:
                item["attachments"] = {"media_keys": [f"3_{m}" for m in tweet["media_ids"]]}
            data.append(item)
        return Response(200, {"data": data, "meta": {"result_count": len(data)}})

    # --- media ---------------------------------------------------------------------------------
    def _initialize(self, request: Request) -> Response:
        if (error := self._authorized(request)) is not None:
            return error
        body = request.json() if request.header("content-type").startswith("application/json") else None
        if not isinstance(body, dict) or "total_bytes" not in body or "media_type" not in body:
            return problem(
                400,
                "Invalid Request",
                "initialize takes a JSON body with media_type and total_bytes",
                "invalid-request",
            )
        category = str(body.get("media_category", "tweet_image"))
        total = int(body["total_bytes"])
        if category == "tweet_image" and total > 5 * 1024 * 1024:
            return problem(400, "Invalid Request", "File size exceeds 5242880 bytes.", "invalid-request")
        if category == "tweet_video" and total > MAX_VIDEO_BYTES:  # ≤ 512 MB (§10.4)
            return problem(
                400, "Invalid Request", f"File size exceeds {MAX_VIDEO_BYTES} bytes.", "invalid-request"
            )
        media = Media(str(1_870_000_000_000_000_000 + next_id()), str(body["media_type"]), total, category)
        media.polls_needed = self.video_polls_needed if category in ("tweet_video", "tweet_gif") else 0
        media.fails = category == "tweet_video" and self.video_processing_fails
        self.media[media.id] = media
        return Response(
            200, {"data": {"id": media.id, "media_key": f"3_{media.id}", "expires_after_secs": 86400}}
        )

    def _append(self, request: Request) -> Response:
        media, error = self._media_of(request)
        if error is not None:
            return error
        assert media is not None
        if request.header("content-type").startswith("multipart/"):
            parts = request.multipart()
            index, chunk = int(parts.get("segment_index", b"0") or 0), parts.get("media", b"")
        else:
            body = request.json() or {}
            index, chunk = int(body.get("segment_index", 0)), base64.b64decode(body.get("media", ""))
        if not 0 <= index <= 999:
            return problem(400, "Invalid Request", "segment_index must be 0-999", "invalid-request")
        if len(chunk) > MAX_SEGMENT:  # ≤ 5 MB per chunk, the stricter v1.1 reading (§1.3)
            return problem(400, "Invalid Request", "Segment size exceeds 5242880 bytes.", "invalid-request")
        if media.finalized:
            return problem(400, "Invalid Request", "Media is already finalized.", "invalid-request")
        media.chunks[index] = chunk
        self.appends.append((media.id, index))
        return Response(200, {"data": {"expires_at": int(time.time()) + 86400}})

    def _media_of(self, request: Request) -> tuple[Media | None, Response | None]:
        """The upload named in the path, or the error answer to send instead."""
        if (error := self._authorized(request)) is not None:
            return None, error
        assert request.match is not None
        media = self.media.get(request.match.group("id"))
        if media is None:
            return None, problem(400, "Invalid Request", "Media id not found", "invalid-request")
        return media, None

    def _media_info(self, media: Media) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": media.id,
            "media_key": f"3_{media.id}",
            "size": media.total_bytes,
            "expires_after_secs": 86400,
        }
        if media.polls_needed:
            state = media.state
            data["processing_info"] = {
                "state": state,
                "check_after_secs": 1,
                "progress_percent": 100 if state == "succeeded" else 50,
            }
            if state == "failed":  # the v1.1 shape, which v2 likely mirrors (§1.3 ❓)
                data["processing_info"]["error"] = {
                    "code": 1,
                    "name": "InvalidMedia",
                    "message": "Unsupported video format",
                }
        return data

    def _finalize(self, request: Request) -> Response:
        media, error = self._media_of(request)
        if error is not None:
            return error
        assert media is not None
        size = sum(len(c) for c in media.chunks.values())
        if size != media.total_bytes:
            return problem(
                400,
                "Invalid Request",
                f"File size mismatch: {size} of {media.total_bytes}",
                "invalid-request",
            )
        media.finalized = True
        return Response(200, {"data": self._media_info(media)})

    def _status(self, request: Request) -> Response:
        if (error := self._authorized(request)) is not None:
            return error
        media = self.media.get(request.query.get("media_id", ""))
        if media is None:
            return problem(400, "Invalid Request", "Media id not found", "invalid-request")
        if media.finalized:
            media.polls += 1
        return Response(200, {"data": self._media_info(media)})

    def _metadata(self, request: Request) -> Response:
        if (error := self._authorized(request)) is not None:
            return error
        body = request.json() or {}
        media = self.media.get(str(body.get("id", "")))
        if media is None:
            return problem(400, "Invalid Request", "Media id not found", "invalid-request")
        text = str(((body.get("metadata") or {}).get("alt_text") or {}).get("text", ""))
        if len(text) > 1000:
            return problem(
                400, "Invalid Request", "alt_text.text is longer than 1000 characters", "invalid-request"
            )
        media.alt_text = text
        return Response(200, {"data": {"associated_metadata": True}})


def _tco(seed: str) -> str:
    return "https://t.co/" + hashlib.sha1(seed.encode()).hexdigest()[:10]


def shown_text(tweet: dict[str, Any]) -> str:
    """A post's text as X returns it on read (PLATFORMS.md §1.6): NFC, every URL replaced
    by a t.co link, and one t.co link to the media appended when the post has media."""
    text = unicodedata.normalize("NFC", str(tweet["text"]))
    for url in sorted(extract_urls(text), key=lambda e: e.start, reverse=True):
        text = text[: url.start] + _tco(url.value) + text[url.end :]
    if tweet.get("media_ids"):
        text = f"{text} {_tco('media:' + str(tweet['id']))}"
    return text


@functools.lru_cache(maxsize=8192)  # the timeline compares every post's stamp on each read
def _epoch(value: str) -> float:
    """X's ``2026-11-28T08:30:00.000Z`` (or without the milliseconds) as Unix time; 0 if empty."""
    if not value:
        return 0.0
    try:
        return float(calendar.timegm(time.strptime(value[:19], "%Y-%m-%dT%H:%M:%S")))
    except ValueError:
        return 0.0
