"""Facebook Page post metrics (shared/PLATFORMS.md §12.1).

Two calls per post. The counts need only Page read access: ``GET /{post-id}?fields=
shares,comments.summary(true).limit(0),reactions.summary(true).limit(0)`` (``shares`` is
absent when 0). The views come from ``/{post-id}/insights`` with the metrics that
replaced ``post_impressions*`` after Meta's 2025 deprecations: ``post_media_view``
(views), ``post_total_media_view_unique`` (reach) and ``post_clicks``. One invalid metric
fails the whole request, so after an "invalid metric" answer each is asked alone.
Without the insights permission the counts are still kept and the account is marked.
"""

from __future__ import annotations

from typing import Any

from composer.accounts import facebook as graph
from composer.accounts.http import ApiError, json_of, request
from composer.insights.base import Counts, FetchCtx, as_int, with_interactions

COUNT_FIELDS = "shares,comments.summary(true).limit(0),reactions.summary(true).limit(0)"
INSIGHTS = {"post_media_view": "views", "post_total_media_view_unique": "reach", "post_clicks": "clicks"}


def get(ctx: FetchCtx, path: str, params: dict[str, str]) -> Any:
    version = ctx.account.settings.get("graph_version", graph.GRAPH_VERSION)
    answer = request(
        ctx.session,
        "GET",
        graph.url(ctx.account.api_base, path, version),
        params=params,
        headers={"Authorization": f"Bearer {ctx.secrets['page_token']}"},
    )
    if answer.status_code != 200:
        raise graph.interpret(answer)
    return json_of(answer) or {}


def insight_values(body: dict[str, Any]) -> dict[str, int]:
    """``{"data":[{"name":…,"values":[{"value":…}]}]}`` → name: latest value (0 when empty:
    Instagram and Facebook answer an empty list while the figures are not ready)."""
    out: dict[str, int] = {}
    for item in body.get("data") or []:
        values = item.get("values") or [{}]
        value = values[-1].get("value", 0)
        if isinstance(value, dict):  # *_by_type metrics: one number per type
            value = sum(as_int(v) for v in value.values())
        out[str(item.get("name"))] = as_int(value)
    return out


def _insights(ctx: FetchCtx, post_id: str) -> dict[str, int]:
    if ctx.cache.get("no_insights"):
        return {}
    try:
        return insight_values(get(ctx, f"{post_id}/insights", {"metric": ",".join(INSIGHTS)}))
    except ApiError as error:
        if error.kind == "permission":
            ctx.cache["no_insights"] = error.detail or "insights"
            return {}
        if error.kind != "invalid":
            raise
    out: dict[str, int] = {}
    for metric in INSIGHTS:  # one was refused: the others alone
        try:
            out.update(insight_values(get(ctx, f"{post_id}/insights", {"metric": metric})))
        except ApiError as error:
            if error.kind != "invalid":
                raise
    return out


def fetch(ctx: FetchCtx, platform_ids: list[str]) -> dict[str, Counts]:
    out: dict[str, Counts] = {}
    for post_id in platform_ids:
        node = get(ctx, post_id, {"fields": COUNT_FIELDS})
        counts: Counts = {
            "likes": as_int((node.get("reactions") or {}).get("summary", {}).get("total_count")),
            "comments": as_int((node.get("comments") or {}).get("summary", {}).get("total_count")),
            "shares": as_int((node.get("shares") or {}).get("count")),
        }
        if "_" in post_id:  # a feed post; a bare id is a video, whose insights live elsewhere
            counts.update(
                {INSIGHTS[name]: value for name, value in _insights(ctx, post_id).items() if name in INSIGHTS}
            )
        out[post_id] = with_interactions(counts)
    if ctx.cache.get("no_insights"):
        ctx.cache["missing_permission"] = "read_insights"
    return out


def requests_for(count: int) -> int:
    return 2 * count
