"""X post metrics (shared/PLATFORMS.md §12.1, §12.3).

Reads cost money: the account's own timeline (``GET /2/users/{me}/tweets`` with
``tweet.fields=public_metrics``) is an Owned Read at $0.001 per post returned, billed once
per post per UTC day; a lookup by id (``GET /2/tweets?ids=…``) is $0.005 per post. So one
timeline page of 100 first, then a lookup only for the posts it did not reach. Once a
page showed that the wanted posts are all older than what it reaches, the page is not
read for them (its 100 posts would be billed for nothing): the lookup alone.
"""

from __future__ import annotations

import calendar
import time
from typing import Any

from composer.accounts import x as x_account
from composer.accounts.http import json_of, request
from composer.insights.base import Counts, FetchCtx, as_int, with_interactions

PAGE = 100
OWNED_READ_USD = 0.001
LOOKUP_USD = 0.005
_NAMES = {
    "impression_count": "views",
    "like_count": "likes",
    "reply_count": "comments",
    "retweet_count": "shares",
    "quote_count": "quotes",
    "bookmark_count": "saved",
}


def _get(ctx: FetchCtx, path: str, params: dict[str, str]) -> Any:
    answer = request(
        ctx.session, "GET", f"{ctx.account.api_base.rstrip('/')}{path}", params=params, auth=ctx.auth
    )
    if not 200 <= answer.status_code < 300:
        raise x_account.interpret(answer)
    return json_of(answer) or {}


def _counts(tweet: dict[str, Any]) -> Counts:
    metrics = tweet.get("public_metrics") or {}
    return with_interactions({ours: as_int(metrics.get(theirs)) for theirs, ours in _NAMES.items()})


def _stamp(created_at: Any) -> float | None:
    try:
        return float(calendar.timegm(time.strptime(str(created_at)[:19], "%Y-%m-%dT%H:%M:%S")))
    except ValueError:
        return None


def _timeline_reaches(ctx: FetchCtx, platform_ids: list[str]) -> bool:
    """Whether the timeline page can hold any of these posts. The page is the newest 100:
    a post older than the oldest on the last page read will not be on a later one, and
    reading the page then bills 100 posts for nothing."""
    oldest = ctx.kept.get("timeline_oldest")
    return oldest is None or any(ctx.published.get(i, oldest) >= oldest - 60 for i in platform_ids)


def fetch(ctx: FetchCtx, platform_ids: list[str]) -> dict[str, Counts]:
    wanted = set(platform_ids)
    out: dict[str, Counts] = {}
    if _timeline_reaches(ctx, platform_ids):
        timeline = _get(
            ctx,
            f"/2/users/{ctx.account.external_id}/tweets",
            {"max_results": str(PAGE), "tweet.fields": "public_metrics,created_at"},
        )
        page = timeline.get("data") or []
        for tweet in page:
            if tweet.get("id") in wanted:
                out[str(tweet["id"])] = _counts(tweet)
        # A short page is the whole timeline: every post is on it, none is older. (The
        # stamps are ISO-8601 UTC: the earliest sorts first.)
        stamps = [str(t["created_at"]) for t in page if t.get("created_at")]
        ctx.kept["timeline_oldest"] = _stamp(min(stamps)) if len(page) >= PAGE and stamps else None
    missing = [i for i in platform_ids if i not in out]
    for start in range(0, len(missing), PAGE):
        body = _get(
            ctx,
            "/2/tweets",
            {"ids": ",".join(missing[start : start + PAGE]), "tweet.fields": "public_metrics"},
        )
        for tweet in body.get("data") or []:
            out[str(tweet["id"])] = _counts(tweet)
    return out


def requests_for(count: int) -> int:
    return 1 + -(-count // PAGE)


def cost_usd(posts: int) -> float:
    """What snapshots of *posts* posts cost at most, for the settings (owned reads; a post
    older than the last 100 costs the lookup price)."""
    return round(posts * OWNED_READ_USD, 3)
