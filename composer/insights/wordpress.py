"""WordPress post comment counts (shared/PLATFORMS.md §12.1).

Core counts no views. ``GET /wp/v2/comments?post=<id>&per_page=1`` answers the number
of approved comments in the ``X-WP-Total`` header. For several posts, one listing first:
``post`` takes a list of ids and ``orderby=post`` groups the comments post by post, 100 a
page [wp-core comments controller]; when one page holds them all, that is every count in
one request. Otherwise the posts before the last one on the page are whole there and the
others are asked one by one — never more requests than posts (``requests_for``): when the
page held a part of the first post's comments only, the last post waits for the next read.
"""

from __future__ import annotations

from collections import Counter

import requests

from composer.accounts import wordpress as wp
from composer.accounts.http import json_of, request
from composer.insights.base import Counts, FetchCtx, as_int, with_interactions

PAGE = 100  # per_page's maximum


def _comments(ctx: FetchCtx, params: dict[str, str]) -> requests.Response:
    answer = request(
        ctx.session,
        "GET",
        wp.rest(ctx.account.api_base, "wp/v2/comments"),
        params=params,
        auth=wp.auth(ctx.account, ctx.secrets),
    )
    if answer.status_code != 200:
        raise wp.interpret(answer)
    return answer


def fetch(ctx: FetchCtx, platform_ids: list[str]) -> dict[str, Counts]:
    out: dict[str, Counts] = {}
    alone = list(platform_ids)
    if len(platform_ids) > 1:
        params = {"post": ",".join(platform_ids), "per_page": str(PAGE), "orderby": "post", "order": "asc"}
        listed = _comments(ctx, {**params, "_fields": "post"})
        posts = [as_int(c.get("post")) for c in json_of(listed) or [] if isinstance(c, dict)]
        if as_int(listed.headers.get("X-WP-TotalPages")) <= 1:
            whole = set(platform_ids)  # every comment of every post is on this page
        else:  # in post order: the posts before the last one listed are whole (or have none)
            whole = {i for i in platform_ids if posts and as_int(i) < posts[-1]}
        found = Counter(posts)
        out = {i: with_interactions({"comments": found[as_int(i)]}) for i in platform_ids if i in whole}
        # The listing and one request a post left: never more than one request a post.
        alone = [i for i in platform_ids if i not in out][: len(platform_ids) - 1]
    for post_id in alone:
        answer = _comments(ctx, {"post": post_id, "per_page": "1", "_fields": "id"})
        out[post_id] = with_interactions({"comments": as_int(answer.headers.get("X-WP-Total"))})
    return out


def requests_for(count: int) -> int:
    return count
