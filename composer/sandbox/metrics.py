"""Post metrics in the fakes: counts that grow over the sandbox clock, on each platform's
wire format (shared/PLATFORMS.md §12.1), and the answers to an account without the
statistics permission.

Kept apart from the posting fakes: :func:`install` adds routes in front of theirs (a
node read that asks for metric fields, ``/insights``, ``/2/tweets?ids=``, ``videos.list``,
``/wp/v2/comments``) and hands every other request to the fake's own handler.

- Growth: every post gets a deterministic popularity from its id; each count follows
  ``final × (1 − e^(−age/τ))`` with τ = 8 h, so +1 h < +24 h < +7 d, as real posts do.
- Clock: ``server.metrics_clock`` (``set_clock``), so a test can jump a week ahead.
- Permission: ids in ``server.metrics_denied`` (a Page, Instagram account or channel id)
  answer the platform's permission error for insights, as a token granted without
  ``read_insights`` / ``instagram_manage_insights`` / the YouTube read scope would.
- Counting: ``server.metric_requests`` and X's ``billed_usd`` let tests check the polling
  stays within each platform's documented limits.
"""

from __future__ import annotations

import calendar
import functools
import hashlib
import math
import re
import secrets
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from composer.sandbox import graph_batch
from composer.sandbox.google import GoogleServer
from composer.sandbox.graph import GraphServer, graph_error
from composer.sandbox.server import FakeServer, Handler, Request, Response, next_id
from composer.sandbox.tiktok import TikTokServer
from composer.sandbox.wordpress import WordPressServer
from composer.sandbox.wordpress_comments import list_comments
from composer.sandbox.x import XServer, problem

if TYPE_CHECKING:
    from composer.sandbox import Sandbox

GROWTH_SECONDS = 8 * 3600.0
IG_LAG_SECONDS = 1800.0  # Instagram: "up to 48 h delay"; the fake answers empty data for 30 min
YOUTUBE_MAX_IDS = 50  # §12.1: videos.list takes "up to 50 ids per call"
YOUTUBE_DAILY_UNITS = 10_000  # §4.5: 10,000 units a day for everything but uploads and search
X_OWNED_READ_USD = 0.001  # §12.1: per post returned by the owned timeline
X_LOOKUP_USD = 0.005  # §12.1: per post returned by GET /2/tweets?ids=
X_MAX_IDS = 100  # X-OAS: ids "A comma separated list of Post IDs. Up to 100 are allowed"

# §12.1: the Facebook metrics after the 2025 deprecations, and those that now fail.
FB_METRICS = (
    "post_media_view",
    "post_total_media_view_unique",
    "post_clicks",
    "post_reactions_by_type_total",
)
IG_METRICS = ("views", "reach", "likes", "comments", "shares", "saved", "total_interactions")
_SHARE = {"reach": 0.7, "likes": 0.06, "comments": 0.012, "shares": 0.008, "saved": 0.005, "clicks": 0.03}


# --- growth ------------------------------------------------------------------------------------
def counts(key: str, age: float) -> dict[str, int]:
    """The counts of post *key* at *age* seconds."""
    seed = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    final_views = 300 + seed % 6000
    grown = 1 - math.exp(-max(age, 0.0) / GROWTH_SECONDS)
    views = int(final_views * grown)
    out = {"views": views}
    for name, share in _SHARE.items():
        out[name] = int(views * share)
    return out


def _age(server: FakeServer, created: str) -> float:
    return clock_of(server)() - _created_at(created)


@functools.lru_cache(maxsize=8192)
def _created_at(created: str) -> int:
    """A post's creation stamp as Unix time. Cached: a metrics poll reads the stamps of every
    post it counts, and strptime is costly (the polling test parsed 800,000 of them)."""
    created = created.replace(".000Z", "Z").replace("+0000", "Z").removesuffix("Z")
    return calendar.timegm(time.strptime(created[:19], "%Y-%m-%dT%H:%M:%S"))


def clock_of(server: FakeServer) -> Callable[[], float]:
    clock: Callable[[], float] = getattr(server, "metrics_clock", time.time)
    return clock


def set_clock(sandbox: Sandbox, clock: Callable[[], float]) -> None:
    for server in sandbox.servers().values():
        server.metrics_clock = clock  # type: ignore[attr-defined]


def _stamp(when: float, fmt: str) -> str:
    return time.strftime(fmt, time.gmtime(when))


def _first(server: FakeServer, method: str, pattern: str, handler: Handler) -> None:
    """A route tried before the fake's own."""
    server.routes.insert(0, (method, re.compile(pattern + r"\Z"), handler))


def _count(server: FakeServer) -> None:
    server.metric_requests = getattr(server, "metric_requests", 0) + 1  # type: ignore[attr-defined]


def _denied(server: FakeServer) -> set[str]:
    denied: set[str] = server.__dict__.setdefault("metrics_denied", set())
    return denied


def requests_served(server: FakeServer) -> int:
    """Metric requests this fake has answered (for tests that check the polling's pace)."""
    return int(getattr(server, "metric_requests", 0))


def billed_usd(x: XServer) -> float:
    """What X's reads of metrics would have cost (§12.1 prices)."""
    return float(getattr(x, "billed_usd", 0.0))


def deny(server: FakeServer, owner_id: str) -> None:
    """From now on *owner_id*'s token lacks the statistics permission."""
    _denied(server).add(owner_id)


def allow(server: FakeServer, owner_id: str) -> None:
    """The officer reconnected and granted it."""
    _denied(server).discard(owner_id)


# --- Graph: Facebook Page posts and Instagram media ---------------------------------------------
def _graph_post(graph: GraphServer, node_id: str) -> tuple[str, dict[str, Any]] | None:
    for page in graph.pages.values():
        for post in page.posts:
            if post["id"] == node_id:
                return page.id, post
    return None


def _graph_media(graph: GraphServer, node_id: str) -> tuple[str, dict[str, Any]] | None:
    for ig in graph.igs.values():
        for media in ig.media:
            if media["id"] == node_id:
                return ig.id, media
    return None


def _graph_node(graph: GraphServer, request: Request) -> Response:
    """``GET /{id}?fields=…``: the metric fields of a post or media; anything else as before."""
    assert request.match is not None
    node_id = request.match.group("id")
    fields = set(
        request.params().get("fields", "").replace("(", ",").replace(")", ",").replace(".", ",").split(",")
    )
    found = _graph_post(graph, node_id)
    if found is not None and fields & {"shares", "comments", "reactions"}:
        page_id, post = found
        if (error := graph._page_token(request, page_id)) is not None:
            return error
        _count(graph)
        now = counts(node_id, _age(graph, post["created_time"]))
        body: dict[str, Any] = {"id": node_id, "created_time": post["created_time"]}
        if "shares" in fields and now["shares"]:
            body["shares"] = {"count": now["shares"]}  # absent when 0
        if "comments" in fields:
            body["comments"] = {
                "data": [],
                "summary": {"order": "ranked", "total_count": now["comments"], "can_comment": True},
            }
        if "reactions" in fields:
            body["reactions"] = {
                "data": [],
                "summary": {"total_count": now["likes"], "viewer_reaction": "NONE"},
            }
        return Response(200, body)
    media = _graph_media(graph, node_id)
    if media is not None and fields & {"like_count", "comments_count"}:
        ig_id, item = media
        if (error := graph._ig_token(request, ig_id)) is not None:
            return error
        _count(graph)
        now = counts(node_id, _age(graph, item["timestamp"]))
        return Response(200, {"id": node_id, "like_count": now["likes"], "comments_count": now["comments"]})
    return graph._node(request)


def _insight(name: str, value: Any, node_id: str, period: str = "lifetime") -> dict[str, Any]:
    return {
        "name": name,
        "period": period,
        "values": [{"value": value}],
        "title": name.replace("_", " ").title(),
        "description": "",
        "id": f"{node_id}/insights/{name}/{period}",
    }


def _graph_insights(graph: GraphServer, request: Request) -> Response:
    """``GET /{post-or-media-id}/insights?metric=…`` [OFFICIAL insights references, §12.1]."""
    assert request.match is not None
    node_id = request.match.group("id")
    wanted = [m for m in request.params().get("metric", "").split(",") if m]
    post, media = _graph_post(graph, node_id), _graph_media(graph, node_id)
    if post is None and media is None:
        return graph_error(
            400,
            f"Unsupported get request. Object with ID '{node_id}' does not exist",
            100,
            33,
            "GraphMethodException",
        )
    owner = post[0] if post is not None else media[0] if media is not None else ""
    check = graph._page_token if post is not None else graph._ig_token
    if (error := check(request, owner)) is not None:
        return error
    _count(graph)
    if owner in _denied(graph):
        return graph_error(403, "(#10) Application does not have permission for this action", 10)
    if not wanted:
        return graph_error(400, "(#100) No metric was specified", 100, 1504028)
    valid = FB_METRICS if post is not None else IG_METRICS
    for index, metric in enumerate(wanted):  # one invalid metric fails the whole request
        if metric not in valid:
            return graph_error(
                400, f"(#100) metric[{index}] must be one of the following values: {', '.join(valid)}", 100
            )
    if post is not None:
        now = counts(node_id, _age(graph, post[1]["created_time"]))
        values: dict[str, Any] = {
            "post_media_view": now["views"],
            "post_total_media_view_unique": now["reach"],
            "post_clicks": now["clicks"],
            "post_reactions_by_type_total": {"like": now["likes"]},
        }
    else:
        assert media is not None
        age = _age(graph, media[1]["timestamp"])
        if age < IG_LAG_SECONDS:
            return Response(200, {"data": []})  # not ready yet: empty, not zeros
        now = counts(node_id, age)
        values = {name: now.get(name, 0) for name in IG_METRICS}
        values["total_interactions"] = sum(now[k] for k in ("likes", "comments", "shares", "saved"))
    return Response(200, {"data": [_insight(m, values[m], node_id) for m in wanted]})


def _install_graph(graph: GraphServer) -> None:
    v = r"/v\d+\.\d+"
    node = r"/(?P<id>\d+(?:_\d+)?)"  # a numeric node (post, media); /me, /debug_token stay the fake's
    _first(graph, "GET", v + node + r"/insights", lambda r: _graph_insights(graph, r))
    _first(graph, "GET", v + node, lambda r: _graph_node(graph, r))
    _first(graph, "POST", v + r"/?", lambda r: graph_batch.handle(graph, r))  # the reads come in batches


# --- X ---------------------------------------------------------------------------------------------
def _public_metrics(x: XServer, tweet: dict[str, Any]) -> dict[str, int]:
    now = counts(tweet["id"], _age(x, tweet["created_at"]))
    return {
        "retweet_count": now["shares"],
        "reply_count": now["comments"],
        "like_count": now["likes"],
        "quote_count": now["shares"] // 3,
        "bookmark_count": now["saved"],
        "impression_count": now["views"],
    }


def _bill(x: XServer, posts: int, price: float) -> None:
    x.billed_usd = round(getattr(x, "billed_usd", 0.0) + posts * price, 6)  # type: ignore[attr-defined]


def _x_timeline(x: XServer, request: Request) -> Response:
    """The owned timeline with ``tweet.fields=public_metrics`` (Owned Read, §12.1)."""
    response = x._timeline(request)
    fields = request.query.get("tweet.fields", "").split(",")
    if response.status != 200 or "public_metrics" not in fields:
        return response
    _count(x)
    by_id = {t["id"]: t for t in x.tweets}
    for item in response.body.get("data", []):
        item["public_metrics"] = _public_metrics(x, by_id[item["id"]])
    _bill(x, len(response.body.get("data", [])), X_OWNED_READ_USD)
    return response


def _x_lookup(x: XServer, request: Request) -> Response:
    """``GET /2/tweets?ids=…`` [OFFICIAL X-OAS]: found posts in ``data``, the others as
    partial ``errors`` in the same 200."""
    if (error := x._authorized(request)) is not None:
        return error
    ids = [i for i in request.query.get("ids", "").split(",") if i]
    if not ids or len(ids) > X_MAX_IDS or not all(i.isdigit() for i in ids):
        return problem(
            400,
            "Invalid Request",
            "The `ids` query parameter value must be 1 to 100 post ids.",
            "invalid-request",
        )
    _count(x)
    by_id = {t["id"]: t for t in x.tweets}
    data, errors = [], []
    for post_id in ids:
        tweet = by_id.get(post_id)
        if tweet is None:
            errors.append(
                {
                    "value": post_id,
                    "detail": f"Could not find tweet with ids: [{post_id}].",
                    "title": "Not Found Error",
                    "resource_type": "tweet",
                    "parameter": "ids",
                    "resource_id": post_id,
                    "type": "https://api.x.com/2/problems/resource-not-found",
                }
            )
            continue
        item: dict[str, Any] = {"id": post_id, "text": tweet["text"], "edit_history_tweet_ids": [post_id]}
        if "public_metrics" in request.query.get("tweet.fields", ""):
            item["public_metrics"] = _public_metrics(x, tweet)
        data.append(item)
    _bill(x, len(data), X_LOOKUP_USD)
    body: dict[str, Any] = {"data": data} if data else {}
    if errors:
        body["errors"] = errors
    return Response(200, body)


def _install_x(x: XServer) -> None:
    _first(x, "GET", r"/2/users/(?P<id>\d+)/tweets", lambda r: _x_timeline(x, r))
    _first(x, "GET", r"/2/tweets", lambda r: _x_lookup(x, r))


# --- YouTube ---------------------------------------------------------------------------------------
def _youtube_videos(google: GoogleServer, request: Request) -> Response:
    """``videos.list?part=statistics&id=…``: 1 unit a call from 10,000 a day (§4.5, §12.1);
    counts as strings, as the API sends them."""
    if (error := google._authorized(request)) is not None:
        return error
    used = google.__dict__.get("units_used", 0)
    if used >= YOUTUBE_DAILY_UNITS:
        return Response(
            403,
            {
                "error": {
                    "code": 403,
                    "message": 'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
                    "errors": [{"message": "quota", "domain": "youtube.quota", "reason": "quotaExceeded"}],
                }
            },
        )
    google.units_used = used + 1  # type: ignore[attr-defined]
    _count(google)
    if google.channel["id"] in _denied(google):
        return Response(
            403,
            {
                "error": {
                    "code": 403,
                    "message": "Request had insufficient authentication scopes.",
                    "errors": [
                        {
                            "message": "Insufficient Permission",
                            "domain": "global",
                            "reason": "insufficientPermissions",
                        }
                    ],
                }
            },
        )
    ids = [i for i in request.query.get("id", "").split(",") if i]
    if len(ids) > YOUTUBE_MAX_IDS:
        return Response(
            400,
            {
                "error": {
                    "code": 400,
                    "message": f"The request specifies more than {YOUTUBE_MAX_IDS} video ids.",
                    "errors": [{"message": "id", "domain": "youtube.parameter", "reason": "invalidValue"}],
                }
            },
        )
    items = []
    if "status" in request.query.get("part", "").split(","):  # a scheduled video's time (§11)
        from composer.sandbox.google_schedule import publish_due

        publish_due(google)
        return Response(
            200, {"items": [{"id": v["id"], "status": v["status"]} for v in google.videos if v["id"] in ids]}
        )
    for video in google.videos:
        if video["id"] in ids:
            now = counts(video["id"], _age(google, video["publishedAt"]))
            items.append(
                {
                    "kind": "youtube#video",
                    "id": video["id"],
                    "statistics": {
                        "viewCount": str(now["views"]),
                        "likeCount": str(now["likes"]),
                        "favoriteCount": "0",
                        "commentCount": str(now["comments"]),
                    },
                }
            )
    return Response(
        200,
        {
            "kind": "youtube#videoListResponse",
            "items": items,
            "pageInfo": {"totalResults": len(items), "resultsPerPage": len(items)},
        },
    )


ANALYTICS_SCOPE = "https://www.googleapis.com/auth/yt-analytics.readonly"
ANALYTICS_LAG_SECONDS = 2 * 86400.0  # §12.1: "Data lags about 1–2 days" (the stricter reading)
ANALYTICS_MAX_RESULTS = 200  # a video-dimension report needs sort and maxResults ≤ 200
ANALYTICS_MAX_VIDEOS = 500  # a filter lists at most 500 videos (data model: groups of 500)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def deny_analytics(google: GoogleServer) -> None:
    """Tokens from now on lack ``yt-analytics.readonly`` (the officer unticked it)."""
    google.scopes.discard(ANALYTICS_SCOPE)


def analytics_requests(google: GoogleServer) -> int:
    return int(google.__dict__.get("analytics_requests", 0))


def _analytics_error(status: int, message: str, reason: str) -> Response:
    return Response(
        status,
        {
            "error": {
                "code": status,
                "message": message,
                "errors": [{"message": message, "domain": "global", "reason": reason}],
            }
        },
    )


def _youtube_reports(google: GoogleServer, request: Request) -> Response:
    """YouTube Analytics ``reports.query`` for watch time [developers.google.com/youtube/
    analytics/reference/reports/query; data_model]: ``ids=channel==MINE``, both dates,
    ``metrics``, and for ``dimensions=video`` a ``sort`` and a ``maxResults``; the scope
    ``yt-analytics.readonly`` or 403 insufficientPermissions (PLATFORMS.md §12.1). Rows
    appear once a video's data is in (two days after it went out)."""
    if (error := google._authorized(request)) is not None:
        return error
    google.analytics_requests = analytics_requests(google) + 1  # type: ignore[attr-defined]
    if ANALYTICS_SCOPE not in google.scopes:
        return _analytics_error(
            403, "Request had insufficient authentication scopes.", "insufficientPermissions"
        )
    q = request.query
    if q.get("ids") != "channel==MINE":
        return _analytics_error(400, "Invalid value for ids.", "invalid")
    if not (_DATE.fullmatch(q.get("startDate", "")) and _DATE.fullmatch(q.get("endDate", ""))):
        return _analytics_error(400, "Required parameters startDate and endDate (YYYY-MM-DD).", "required")
    metrics = [m for m in q.get("metrics", "").split(",") if m]
    known = {"views", "estimatedMinutesWatched", "likes", "comments", "shares"}
    if not metrics or not set(metrics) <= known:
        return _analytics_error(400, "Unknown identifier in metrics.", "invalid")
    if q.get("dimensions") != "video":
        return _analytics_error(400, "The query is not supported.", "badRequest")
    try:
        limit = int(q.get("maxResults", ""))
    except ValueError:
        limit = 0
    if not q.get("sort") or not 1 <= limit <= ANALYTICS_MAX_RESULTS:
        return _analytics_error(
            400, "The query is not supported: sort and maxResults are required.", "badRequest"
        )
    wanted = [v for v in q.get("filters", "").removeprefix("video==").split(",") if v]
    if not q.get("filters", "").startswith("video==") or not wanted or len(wanted) > ANALYTICS_MAX_VIDEOS:
        return _analytics_error(400, "Invalid value for filters.", "invalid")
    rows = []
    asked = set(wanted)
    for video in google.videos:
        if video["id"] not in asked:
            continue
        age = _age(google, video["publishedAt"])
        if age >= ANALYTICS_LAG_SECONDS:
            now = counts(video["id"], age)
            values = {
                "views": now["views"],
                "estimatedMinutesWatched": now["views"] * 7 // 10,  # about 40 s a view
                "likes": now["likes"],
                "comments": now["comments"],
                "shares": now["shares"],
            }
            rows.append([video["id"], *(values[m] for m in metrics)])
    headers = [{"name": "video", "columnType": "DIMENSION", "dataType": "STRING"}] + [
        {"name": m, "columnType": "METRIC", "dataType": "INTEGER"} for m in metrics
    ]
    return Response(
        200, {"kind": "youtubeAnalytics#resultTable", "columnHeaders": headers, "rows": rows[:limit]}
    )


def _install_google(google: GoogleServer) -> None:
    _first(google, "GET", r"/youtube/v3/videos", lambda r: _youtube_videos(google, r))
    _first(google, "GET", r"/v2/reports", lambda r: _youtube_reports(google, r))


# --- WordPress -------------------------------------------------------------------------------------
def _wp_invalid(name: str) -> Response:
    message = f"Invalid parameter(s): {name}"
    return Response(400, {"code": "rest_invalid_param", "message": message, "data": {"status": 400}})


def _wp_comments(wp: WordPressServer, request: Request) -> Response:
    """``GET /wp/v2/comments?post=<id[,id…]>&per_page=n&page=p&orderby=…``: the approved
    comments of those posts and ``X-WP-Total`` / ``X-WP-TotalPages`` [wp-core comments
    controller: ``post`` is an array of integers, ``per_page`` 1–100, ``orderby`` one of
    date, date_gmt, id, include, post, parent, type; a page past the last is refused].
    The inbox's moderation listing (``context=edit``) is the citizens' comments
    themselves (wordpress_comments.py)."""
    q = request.query
    if q.get("context") == "edit":
        return list_comments(wp, request)
    _count(wp)
    try:
        post_ids = [int(p) for p in q.get("post", "").split(",") if p]
    except ValueError:
        return _wp_invalid("post")
    try:
        per_page, page = int(q.get("per_page", "10")), int(q.get("page", "1"))
    except ValueError:
        return _wp_invalid("per_page")
    if not 1 <= per_page <= 100 or page < 1:
        return _wp_invalid("per_page" if page >= 1 else "page")
    orderby, order = q.get("orderby", "date_gmt"), q.get("order", "desc")
    if orderby not in ("date", "date_gmt", "id", "include", "post", "parent", "type") or order not in (
        "asc",
        "desc",
    ):
        return _wp_invalid("orderby")
    by_id = {p["id"]: p for p in wp.posts}
    rows = [
        {"id": post_id * 1000 + n, "post": post_id, "status": "approved"}
        for post_id in post_ids
        if post_id in by_id
        for n in range(counts(str(post_id), _age(wp, by_id[post_id]["date_gmt"]))["comments"])
    ]  # the fake's comments of a post come one after another: ids, dates and posts sort alike
    key = (lambda r: (r["post"], r["id"])) if orderby == "post" else (lambda r: r["id"])
    rows.sort(key=key, reverse=order == "desc")
    total, pages = len(rows), -(-len(rows) // per_page)
    if page > max(pages, 1):
        return Response(
            400,
            {
                "code": "rest_comment_invalid_page_number",
                "message": "The page number requested is larger than the number of pages available.",
                "data": {"status": 400},
            },
        )
    shown = rows[(page - 1) * per_page : page * per_page]
    fields = [f for f in q.get("_fields", "").split(",") if f]
    if fields:
        shown = [{k: v for k, v in r.items() if k in fields} for r in shown]
    return Response(200, shown, {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)})


def _install_wordpress(wp: WordPressServer) -> None:
    _first(wp, "GET", r"/wp-json/wp/v2/comments", lambda r: _wp_comments(wp, r))


# --- TikTok --------------------------------------------------------------------------------------
TIKTOK_VIDEO_FIELDS = frozenset(
    [
        "id",
        "create_time",
        "cover_image_url",
        "share_url",
        "video_description",
        "duration",
        "height",
        "width",
        "title",
        "embed_html",
        "embed_link",
        "like_count",
        "comment_count",
        "share_count",
        "view_count",
    ]
)
TIKTOK_MAX_IDS = 20  # "Up to 20 video IDs can be included per request"


def _tiktok_videos(tiktok: TikTokServer, request: Request) -> Response:
    """Display API ``POST /v2/video/query/?fields=…`` [developers.tiktok.com/doc/tiktok-api-
    v2-video-query]: scope ``video.list`` (read-only access to the user's *public* videos),
    ``fields`` from the Video Object's list, ``filters.video_ids`` (1–20); only the user's
    own published public videos come back (an inbox upload has no video yet, a SELF_ONLY
    post is not public — the stricter reading of "public TikTok videos")."""
    _count(tiktok)
    grant, error = tiktok._grant(request, "video.list")
    if error is not None:
        return error
    assert grant is not None
    fields = [f for f in request.query.get("fields", "").split(",") if f]
    if not fields or not set(fields) <= TIKTOK_VIDEO_FIELDS:
        return tiktok.answer(status=400, code="invalid_params", message="Invalid fields.")
    try:
        body = request.json()
    except ValueError:
        body = None
    ids = (body.get("filters") or {}).get("video_ids") if isinstance(body, dict) else None
    if not isinstance(ids, list) or not 1 <= len(ids) <= TIKTOK_MAX_IDS:
        return tiktok.answer(status=400, code="invalid_params", message="filters.video_ids: 1 to 20 ids.")
    videos = []
    for upload in tiktok.posts:
        public = upload.post_info.get("privacy_level", "PUBLIC_TO_EVERYONE") != "SELF_ONLY"
        if upload.post_id in ids and upload.status == "PUBLISH_COMPLETE" and public:
            now = counts(upload.post_id, clock_of(tiktok)() - upload.created)
            values = {
                "id": upload.post_id,
                "create_time": int(upload.created),
                "title": str(upload.post_info.get("title", ""))[:150],
                "view_count": now["views"],
                "like_count": now["likes"],
                "comment_count": now["comments"],
                "share_count": now["shares"],
            }
            videos.append({k: v for k, v in values.items() if k in fields})
    return tiktok.answer({"videos": videos, "cursor": 0, "has_more": False})


def _install_tiktok(tiktok: TikTokServer) -> None:
    _first(tiktok, "POST", r"/v2/video/query/", lambda r: _tiktok_videos(tiktok, r))


def install(sandbox: Sandbox) -> None:
    """Serve metrics from every fake of *sandbox*."""
    _install_graph(sandbox.graph)
    _install_tiktok(sandbox.tiktok)
    _install_x(sandbox.x)
    _install_google(sandbox.google)
    _install_wordpress(sandbox.wordpress)


# --- posts made in the past (the demo's month, the benchmarks, the tests) ------------------------
def seed_post(sandbox: Sandbox, platform: str, owner: str, text: str, when: float) -> tuple[str, str]:
    """A post that went out at *when* on *platform* (for *owner*: the Page, Instagram
    account, user, channel or site id); returns its (id, permalink)."""
    return _SEEDERS[platform](sandbox, owner, text, when)


def _seed_facebook(sandbox: Sandbox, page_id: str, text: str, when: float) -> tuple[str, str]:
    post_id = f"{page_id}_{next_id()}"
    link = f"https://www.facebook.com/{page_id}/posts/{post_id.split('_')[1]}"
    with sandbox.graph.lock:
        sandbox.graph.pages[page_id].posts.append(
            {
                "id": post_id,
                "message": text,
                "created_time": _stamp(when, "%Y-%m-%dT%H:%M:%S+0000"),
                "permalink_url": link,
            }
        )
        sandbox.graph.pages[page_id].posts.sort(key=lambda p: str(p["created_time"]), reverse=True)
    return post_id, link


def _seed_instagram(sandbox: Sandbox, ig_id: str, text: str, when: float) -> tuple[str, str]:
    media_id = str(next_id())
    shortcode = secrets.token_urlsafe(8).replace("-", "a").replace("_", "b")
    link = f"https://www.instagram.com/p/{shortcode}/"
    with sandbox.graph.lock:
        sandbox.graph.igs[ig_id].media.append(
            {
                "id": media_id,
                "caption": text,
                "media_type": "IMAGE",
                "timestamp": _stamp(when, "%Y-%m-%dT%H:%M:%S+0000"),
                "permalink": link,
                "shortcode": shortcode,
                "_published": when,
            }
        )
        sandbox.graph.igs[ig_id].media.sort(key=lambda m: str(m["timestamp"]), reverse=True)
    return media_id, link


def _seed_x(sandbox: Sandbox, user_id: str, text: str, when: float) -> tuple[str, str]:
    tweet_id = str(1_860_000_000_000_000_000 + next_id())
    with sandbox.x.lock:
        sandbox.x.tweets.append(
            {
                "id": tweet_id,
                "text": text,
                "created_at": _stamp(when, "%Y-%m-%dT%H:%M:%S.000Z"),
                "media_ids": [],
            }
        )
        sandbox.x.tweets.sort(key=lambda t: str(t["created_at"]), reverse=True)
    return tweet_id, f"https://x.com/{sandbox.x.user['username']}/status/{tweet_id}"


def _seed_youtube(sandbox: Sandbox, channel_id: str, text: str, when: float) -> tuple[str, str]:
    video_id = secrets.token_urlsafe(8)[:11]
    with sandbox.google.lock:
        sandbox.google.videos.append(
            {
                "kind": "youtube#video",
                "id": video_id,
                "snippet": {"title": text[:100], "description": text, "channelId": channel_id},
                "status": {"privacyStatus": "public", "uploadStatus": "processed"},
                "publishedAt": _stamp(when, "%Y-%m-%dT%H:%M:%SZ"),
                "_n": next_id(),
            }
        )
        sandbox.google.videos.sort(key=lambda v: str(v["publishedAt"]), reverse=True)
    return video_id, f"https://www.youtube.com/watch?v={video_id}"


def _seed_wordpress(sandbox: Sandbox, _site: str, text: str, when: float) -> tuple[str, str]:
    wp = sandbox.wordpress
    with wp.lock:
        post_id = len(wp.posts) + 1000
        slug = f"kabar-{post_id}"
        wp.posts.append(
            {
                "id": post_id,
                "slug": slug,
                "status": "publish",
                "link": f"{wp.base_url}/{_stamp(when, '%Y/%m/%d')}/{slug}/",
                "title": {"raw": text[:60], "rendered": text[:60]},
                "content": {"raw": text},
                "featured_media": 0,
                "categories": [],
                "tags": [],
                "date_gmt": _stamp(when, "%Y-%m-%dT%H:%M:%S"),
            }
        )
    return str(post_id), f"{wp.base_url}/{_stamp(when, '%Y/%m/%d')}/{slug}/"


def _seed_tiktok(sandbox: Sandbox, open_id: str, text: str, when: float) -> tuple[str, str]:
    """A video the creator finished and published (TikTok gives Siar no post metrics
    under its posting scopes, so it counts as an upload only)."""
    from composer.sandbox.tiktok import Upload

    tiktok = sandbox.tiktok
    post_id = str(7_400_000_000_000_000_000 + next_id())
    upload = Upload(f"v_pub_file~v2-1.{next_id()}", "direct", 0, 0, 0, "", when, post_info={"title": text})
    upload.status, upload.post_id = "PUBLISH_COMPLETE", post_id
    with tiktok.lock:
        tiktok.uploads[upload.publish_id] = upload
        tiktok.posts.append(upload)
    return post_id, f"https://www.tiktok.com/@{tiktok.creator['creator_username']}/video/{post_id}"


_SEEDERS: dict[str, Callable[[Sandbox, str, str, float], tuple[str, str]]] = {
    "facebook": _seed_facebook,
    "instagram": _seed_instagram,
    "x": _seed_x,
    "youtube": _seed_youtube,
    "wordpress": _seed_wordpress,
    "tiktok": _seed_tiktok,
}
