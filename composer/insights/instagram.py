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
from composer.insights.facebook import batch, insight_values, insights_of

METRICS = ("views", "reach", "likes", "comments", "shares", "saved", "total_interactions")


def fetch(ctx: FetchCtx, platform_ids: list[str]) -> dict[str, Counts]:
    """Through the Graph batch endpoint, like Facebook's (insights/facebook.py)."""
    out: dict[str, Counts] = {}
    cheap: list[str] = []
    if ctx.cache.get("missing_permission"):
        cheap = list(platform_ids)
    else:
        _lead, answers = insights_of(ctx, platform_ids, ",".join(METRICS))
        for media_id in platform_ids:
            answer = answers.get(media_id)
            if isinstance(answer, ApiError) and answer.kind == "permission":
                ctx.cache["missing_permission"] = "instagram_manage_insights"
                ctx.kept.pop("insights_ok", None)
            elif isinstance(answer, ApiError):
                raise answer
            elif answer is not None:
                values = insight_values(answer)
                counts = {name: values.get(name, 0) for name in METRICS if name != "total_interactions"}
                if "total_interactions" in values:
                    counts["interactions"] = values["total_interactions"]
                out[media_id] = with_interactions(counts)
                continue
            cheap.append(media_id)  # refused (or not asked after a refusal): the counts only
    calls = [(media_id, {"fields": "like_count,comments_count"}) for media_id in cheap]
    for media_id, node in zip(cheap, batch(ctx, calls), strict=True):
        if isinstance(node, ApiError):
            raise node
        counts = {"likes": as_int(node.get("like_count")), "comments": as_int(node.get("comments_count"))}
        out[media_id] = with_interactions(counts)
    return out


def requests_for(count: int) -> int:
    return count
