"""WordPress post comment counts (shared/PLATFORMS.md §12.1).

Core counts no views. ``GET /wp/v2/comments?post=<id>&per_page=1`` answers the number
of approved comments in the ``X-WP-Total`` header; one request per post.
"""

from __future__ import annotations

from composer.accounts import wordpress as wp
from composer.accounts.http import request
from composer.insights.base import Counts, FetchCtx, as_int, with_interactions


def fetch(ctx: FetchCtx, platform_ids: list[str]) -> dict[str, Counts]:
    out: dict[str, Counts] = {}
    for post_id in platform_ids:
        answer = request(
            ctx.session,
            "GET",
            wp.rest(ctx.account.api_base, "wp/v2/comments"),
            params={"post": post_id, "per_page": "1", "_fields": "id"},
            auth=wp.auth(ctx.account, ctx.secrets),
        )
        if answer.status_code != 200:
            raise wp.interpret(answer)
        out[post_id] = with_interactions({"comments": as_int(answer.headers.get("X-WP-Total"))})
    return out


def requests_for(count: int) -> int:
    return count
