"""YouTube video statistics and watch time (shared/PLATFORMS.md §12.1, §4.5).

- ``GET /youtube/v3/videos?part=statistics&id=<up to 50 ids>`` costs 1 unit per call from
  the 10,000-unit daily bucket, and answers ``viewCount``, ``likeCount`` and
  ``commentCount`` as strings.
- Watch time comes from the YouTube Analytics API, a separate API with its own quota and
  its own scope, ``yt-analytics.readonly``: ``GET https://youtubeanalytics.googleapis.com/
  v2/reports?ids=channel==MINE&startDate&endDate&metrics=estimatedMinutesWatched
  &dimensions=video&filters=video==<ids>`` [developers.google.com/youtube/analytics/
  data_model; reference/reports/query]. Asked only when the token answer says the scope
  was granted; otherwise (or when the API refuses) the account gets the one "Reconnect to
  allow statistics" state and the counts still come. Its figures lag a day or two: a video
  without a row has no watch time yet (left out, not 0).
"""

from __future__ import annotations

import logging
import time

from composer.accounts import youtube as google
from composer.accounts.http import json_of, request
from composer.insights.base import Counts, FetchCtx, as_int, with_interactions

log = logging.getLogger(__name__)
IDS_PER_CALL = 50
# Google's access tokens last an hour ("expires_in": 3599 [developers.google.com/identity/
# protocols/oauth2/native-app, step 5]): one is reused for 45 minutes of runs instead of a
# token request before every fetch; a 401 before then gets a new one.
TOKEN_REUSE_SECONDS = 45 * 60
ANALYTICS_HOST = "https://youtubeanalytics.googleapis.com"
# Reports hold "data through the last day for which all metrics in the query are available"
# [developers.google.com/youtube/analytics/data_model], a day or two behind (PLATFORMS.md
# §12.1): a video less than a day old has no day in them yet, so it is not asked about.
ANALYTICS_MIN_AGE = 86400.0
FIRST_DAY = "2005-04-23"  # before any YouTube video: the report covers a video's whole life


def _grant(ctx: FetchCtx, renew: bool = False) -> bool:
    """An access token in ``ctx.cache``: the one kept from an earlier run while it is
    valid, else a new one from the refresh token (one request). True when it was reused."""
    kept = ctx.kept.get("grant")
    reused = not renew and kept is not None and kept[2] > ctx.now
    if not reused:
        token, scopes = google.access_grant(ctx.session, ctx.account, ctx.secrets)
        kept = ctx.kept["grant"] = (token, scopes, ctx.now + TOKEN_REUSE_SECONDS)
    assert kept is not None
    ctx.cache["token"], ctx.cache["scopes"] = kept[0], kept[1]
    return reused


def fetch(ctx: FetchCtx, platform_ids: list[str]) -> dict[str, Counts]:
    reused = _grant(ctx)
    out: dict[str, Counts] = {}
    for start in range(0, len(platform_ids), IDS_PER_CALL):
        batch = platform_ids[start : start + IDS_PER_CALL]
        while True:
            answer = request(
                ctx.session,
                "GET",
                f"{ctx.account.api_base.rstrip('/')}/youtube/v3/videos",
                params={"part": "statistics", "id": ",".join(batch)},
                headers={"Authorization": f"Bearer {ctx.cache['token']}"},
            )
            if answer.status_code == 401 and reused:  # revoked early: one new token, once
                reused = _grant(ctx, renew=True)
                continue
            break
        if answer.status_code != 200:
            raise google.interpret(answer)
        for item in (json_of(answer) or {}).get("items") or []:
            stats = item.get("statistics") or {}
            out[str(item["id"])] = with_interactions(
                {
                    "views": as_int(stats.get("viewCount")),
                    "likes": as_int(stats.get("likeCount")),
                    "comments": as_int(stats.get("commentCount")),
                }
            )
        measured = [i for i in batch if i in out and ctx.now - ctx.published.get(i, 0.0) >= ANALYTICS_MIN_AGE]
        for video_id, minutes in _watch_minutes(ctx, measured).items():
            out[video_id]["watch_minutes"] = minutes
    return out


def _watch_minutes(ctx: FetchCtx, video_ids: list[str]) -> dict[str, int]:
    """Minutes watched per video, or nothing when the account did not allow it."""
    if ctx.cache.get("missing_permission"):
        return {}
    if google.ANALYTICS_SCOPE not in ctx.cache.get("scopes", frozenset()):
        ctx.cache["missing_permission"] = "yt-analytics.readonly"
        return {}
    if not video_ids:
        return {}
    answer = request(
        ctx.session,
        "GET",
        f"{analytics_base(ctx.account.api_base)}/v2/reports",
        params={
            "ids": "channel==MINE",
            "startDate": FIRST_DAY,
            "endDate": time.strftime("%Y-%m-%d", time.gmtime()),
            "metrics": "estimatedMinutesWatched",
            "dimensions": "video",
            "filters": "video==" + ",".join(video_ids),
            "sort": "-estimatedMinutesWatched",
            "maxResults": str(len(video_ids)),
        },
        headers={"Authorization": f"Bearer {ctx.cache['token']}"},
    )
    if answer.status_code != 200:
        error = google.interpret(answer)
        if error.kind == "permission":
            # Scope refused after all, or the Analytics API not enabled in the project.
            ctx.cache["missing_permission"] = "yt-analytics.readonly"
        else:  # its own quota, or Google's trouble: the counts are kept, watch time waits
            log.info("metrics: YouTube Analytics did not answer (%s); no watch time this time", error.code)
        return {}
    body = json_of(answer) or {}
    names = [str(h.get("name")) for h in body.get("columnHeaders") or []]
    if "video" not in names or "estimatedMinutesWatched" not in names:
        raise ValueError("YouTube Analytics answered without the columns asked for")
    video, minutes = names.index("video"), names.index("estimatedMinutesWatched")
    return {str(row[video]): as_int(row[minutes]) for row in body.get("rows") or []}


def analytics_base(api_base: str) -> str:
    """Google's Analytics host for the real API; the test server serves both."""
    return ANALYTICS_HOST if api_base.rstrip("/") == google.API_BASE else api_base.rstrip("/")


def requests_for(count: int) -> int:
    # videos.list calls; the Analytics calls (as many again) draw on that API's own quota.
    return -(-count // IDS_PER_CALL)
