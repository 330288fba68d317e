"""YouTube video statistics (shared/PLATFORMS.md §12.1, §4.5).

``GET /youtube/v3/videos?part=statistics&id=<up to 50 ids>`` costs 1 unit per call from
the 10,000-unit daily bucket, and answers ``viewCount``, ``likeCount`` and
``commentCount`` as strings. Watch time would need the YouTube Analytics API and its own
scope; it is not fetched.
"""

from __future__ import annotations

from composer.accounts import youtube as google
from composer.accounts.http import json_of, request
from composer.insights.base import Counts, FetchCtx, as_int, with_interactions

IDS_PER_CALL = 50


def fetch(ctx: FetchCtx, platform_ids: list[str]) -> dict[str, Counts]:
    if "token" not in ctx.cache:
        ctx.cache["token"] = google.access_token(ctx.session, ctx.account, ctx.secrets)
    out: dict[str, Counts] = {}
    for start in range(0, len(platform_ids), IDS_PER_CALL):
        answer = request(
            ctx.session,
            "GET",
            f"{ctx.account.api_base.rstrip('/')}/youtube/v3/videos",
            params={"part": "statistics", "id": ",".join(platform_ids[start : start + IDS_PER_CALL])},
            headers={"Authorization": f"Bearer {ctx.cache['token']}"},
        )
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
    return out


def requests_for(count: int) -> int:
    return -(-count // IDS_PER_CALL)
