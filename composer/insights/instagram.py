"""Instagram media metrics (shared/PLATFORMS.md §12.1).

``GET /{ig-media-id}/insights?metric=views,reach,likes,comments,shares,saved,
total_interactions`` — ``views`` replaced ``impressions``/``plays`` (removed 21 Apr 2025).
The figures lag up to 48 h (an empty ``data`` is "not yet", not 0 forever). Without
``instagram_manage_insights`` the cheap ``?fields=like_count,comments_count`` still
answers; those are kept and the account is marked for reconnection.
"""

from __future__ import annotations

from composer.accounts.http import ApiError
from composer.insights.base import Counts, FetchCtx, as_int, with_interactions
from composer.insights.facebook import get, insight_values

METRICS = ("views", "reach", "likes", "comments", "shares", "saved", "total_interactions")


def fetch(ctx: FetchCtx, platform_ids: list[str]) -> dict[str, Counts]:
    out: dict[str, Counts] = {}
    for media_id in platform_ids:
        counts: Counts
        if not ctx.cache.get("missing_permission"):
            try:
                values = insight_values(get(ctx, f"{media_id}/insights", {"metric": ",".join(METRICS)}))
                counts = {name: values.get(name, 0) for name in METRICS if name != "total_interactions"}
                if "total_interactions" in values:
                    counts["interactions"] = values["total_interactions"]
                out[media_id] = with_interactions(counts)
                continue
            except ApiError as error:
                if error.kind != "permission":
                    raise
                ctx.cache["missing_permission"] = "instagram_manage_insights"
        node = get(ctx, media_id, {"fields": "like_count,comments_count"})
        counts = {"likes": as_int(node.get("like_count")), "comments": as_int(node.get("comments_count"))}
        out[media_id] = with_interactions(counts)
    return out


def requests_for(count: int) -> int:
    return count
