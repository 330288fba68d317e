"""Facebook Page post metrics (shared/PLATFORMS.md §12.1).

Two calls per post. The counts need only Page read access: ``GET /{post-id}?fields=
shares,comments.summary(true).limit(0),reactions.summary(true).limit(0)`` (``shares`` is
absent when 0). The views come from ``/{post-id}/insights`` with the metrics that
replaced ``post_impressions*`` after Meta's 2025 deprecations: ``post_media_view``
(views), ``post_total_media_view_unique`` (reach) and ``post_clicks``. One invalid metric
fails the whole request, so after an "invalid metric" answer each is asked alone.
Without the insights permission the counts are still kept and the account is marked.

The calls of one fetch travel together through the Graph batch endpoint, up to 50 in one
HTTP request (:func:`batch`). Each still counts as a call toward Meta's rate limits, so
the budget counts calls, not requests. (The multiple-id read ``GET /?ids=…`` would be one
call, but its root form is refused from Graph v26.0 [restfb/restfb#1692], the version
Siar speaks.) While the account's insights permission is not known to work, the first
post's insights are asked alone first, so a refusal is one refused call, not one a post.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import requests
from requests.structures import CaseInsensitiveDict

from composer.accounts import facebook as graph
from composer.accounts.http import ApiError, json_of, request
from composer.insights.base import Counts, FetchCtx, as_int, with_interactions

COUNT_FIELDS = "shares,comments.summary(true).limit(0),reactions.summary(true).limit(0)"
INSIGHTS = {"post_media_view": "views", "post_total_media_view_unique": "reach", "post_clicks": "clicks"}
# "Batch requests are limited to 50 requests per batch. Each call within the batch is
# counted separately for the purposes of calculating API call limits" [developers.facebook.
# com/docs/graph-api/batch-requests, Limitations].
BATCH_CALLS = 50
Call = tuple[str, dict[str, str]]  # path below the version, query


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


def batch(ctx: FetchCtx, calls: list[Call]) -> list[Any]:
    """GET *calls* through the batch endpoint, 50 to an HTTP request: each call's answer,
    in order, or the ``ApiError`` it got (the caller decides which of those matter)."""
    version = ctx.account.settings.get("graph_version", graph.GRAPH_VERSION)
    out: list[Any] = []
    for start in range(0, len(calls), BATCH_CALLS):
        chunk = calls[start : start + BATCH_CALLS]
        answer = request(
            ctx.session,
            "POST",
            graph.url(ctx.account.api_base, "", version),
            data={
                "batch": json.dumps(
                    [
                        {"method": "GET", "relative_url": f"{version}/{path}?{urlencode(params)}"}
                        for path, params in chunk
                    ]
                ),
                # Each call's headers only matter for the wait after a rate limit, and the
                # service waits for tomorrow then anyway: left out, a smaller answer.
                "include_headers": "false",
            },
            headers={"Authorization": f"Bearer {ctx.secrets['page_token']}"},
        )
        if answer.status_code != 200:
            raise graph.interpret(answer)
        items = json_of(answer)
        if not isinstance(items, list) or len(items) != len(chunk):
            raise ValueError("the Graph batch answered without one answer per call")
        out.extend(_answer(item) for item in items)
    return out


def _answer(item: Any) -> Any:
    """One call's part of a batch answer: its body, or its error as an ``ApiError``. A null
    item is a call Meta did not finish in time (the docs: retry it later)."""
    if not isinstance(item, dict):
        return ApiError("server", "api.server", 0, "a call of the batch timed out", retry_after=30)
    response = requests.Response()
    response.status_code = as_int(item.get("code")) or 500
    response._content = str(item.get("body") or "").encode()
    response.headers = CaseInsensitiveDict(
        {str(h.get("name")): str(h.get("value")) for h in item.get("headers") or [] if isinstance(h, dict)}
    )
    if response.status_code != 200:
        return graph.interpret(response)
    return json_of(response) or {}


def _raise(answer: Any) -> Any:
    if isinstance(answer, ApiError):
        raise answer
    return answer


def insights_of(
    ctx: FetchCtx, node_ids: list[str], metrics: str, lead: list[Call] | None = None
) -> tuple[list[Any], dict[str, Any]]:
    """``/{id}/insights?metric=…`` of each node, batched after the *lead* calls (sent in the
    same HTTP request): the lead's answers, and node id → body or ``ApiError``. Until the
    account's insights are known to work (``ctx.kept["insights_ok"]``), only the first
    node's go with the lead, and the others follow only if it was not refused."""
    lead = lead or []
    first = node_ids if ctx.kept.get("insights_ok") else node_ids[:1]
    answered = batch(ctx, lead + [(f"{n}/insights", {"metric": metrics}) for n in first])
    answers = dict(zip(first, answered[len(lead) :], strict=True))
    refused = any(isinstance(a, ApiError) and a.kind == "permission" for a in answers.values())
    rest = node_ids[len(first) :]
    if rest and not refused:
        calls = [(f"{n}/insights", {"metric": metrics}) for n in rest]
        answers.update(zip(rest, batch(ctx, calls), strict=True))
    if any(not isinstance(a, ApiError) for a in answers.values()):
        ctx.kept["insights_ok"] = True
    return answered[: len(lead)], answers


def _views(ctx: FetchCtx, answers: dict[str, Any]) -> dict[str, dict[str, int]]:
    """The insights answers as metric values per post; a refusal marks the account, an
    "invalid metric" asks that post's metrics one by one."""
    out: dict[str, dict[str, int]] = {}
    retry: list[str] = []
    for post_id, answer in answers.items():
        if not isinstance(answer, ApiError):
            out[post_id] = insight_values(answer)
        elif answer.kind == "permission":
            ctx.cache["no_insights"] = answer.detail or "insights"
            ctx.kept.pop("insights_ok", None)
        elif answer.kind == "invalid":
            retry.append(post_id)
        else:
            raise answer
    if ctx.cache.get("no_insights"):
        return {}
    calls = [(f"{p}/insights", {"metric": metric}) for p in retry for metric in INSIGHTS]
    for (path, _params), answer in zip(calls, batch(ctx, calls), strict=True):  # the others alone
        if isinstance(answer, ApiError):
            if answer.kind != "invalid":
                raise answer
            continue
        out.setdefault(path.removesuffix("/insights"), {}).update(insight_values(answer))
    return out


def fetch(ctx: FetchCtx, platform_ids: list[str]) -> dict[str, Counts]:
    out: dict[str, Counts] = {}
    # A feed post has "{page}_{post}"; a bare id is a video, whose insights live elsewhere.
    feed = [] if ctx.cache.get("no_insights") else [p for p in platform_ids if "_" in p]
    counted, answers = insights_of(
        ctx, feed, ",".join(INSIGHTS), lead=[(p, {"fields": COUNT_FIELDS}) for p in platform_ids]
    )
    nodes = [_raise(a) for a in counted]
    views = _views(ctx, answers)
    for post_id, node in zip(platform_ids, nodes, strict=True):
        counts: Counts = {
            "likes": as_int((node.get("reactions") or {}).get("summary", {}).get("total_count")),
            "comments": as_int((node.get("comments") or {}).get("summary", {}).get("total_count")),
            "shares": as_int((node.get("shares") or {}).get("count")),
        }
        counts.update({INSIGHTS[n]: value for n, value in views.get(post_id, {}).items() if n in INSIGHTS})
        out[post_id] = with_interactions(counts)
    if ctx.cache.get("no_insights"):
        ctx.cache["missing_permission"] = "read_insights"
    return out


def requests_for(count: int) -> int:
    return 2 * count
