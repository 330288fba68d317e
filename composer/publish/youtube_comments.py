"""Comments on the office's YouTube videos through ``commentThreads``/``comments``
(PLATFORMS.md §12.2: scope ``youtube.force-ssl``; 1 unit a list, 50 a write)."""

from __future__ import annotations

from typing import Any

from composer.accounts import youtube as google
from composer.accounts.http import json_of
from composer.publish.base import Ctx, same_text
from composer.publish.comment_api import PAGE, parse_time
from composer.publish.youtube_request import send
from composer.store.comments import Incoming


def call(ctx: Ctx, method: str, route: str, **kwargs: Any) -> Any:
    """One Data API request on the channel's token (also the first comment's, first_comment.py)."""
    url = f"{ctx.account.api_base.rstrip('/')}/youtube/v3/{route}"
    answer = send(ctx, method, url, **kwargs)
    if not 200 <= answer.status_code < 300:
        raise google.interpret(answer)
    return json_of(answer) if answer.content else {}


def fetch(ctx: Ctx, post_remote_id: str) -> list[Incoming]:
    items = call(
        ctx,
        "GET",
        "commentThreads",
        params={
            "part": "snippet,replies",
            "videoId": post_remote_id,
            "maxResults": str(PAGE),
            "order": "time",
            "textFormat": "plainText",
        },
    ).get("items", [])
    found = []
    for thread in items:
        found.append(_incoming(thread["snippet"]["topLevelComment"], ctx.account.external_id))
        found.extend(
            _incoming(r, ctx.account.external_id) for r in (thread.get("replies") or {}).get("comments", [])
        )
    return found


def _incoming(c: dict[str, Any], channel_id: str) -> Incoming:
    snippet = c["snippet"]
    return Incoming(
        remote_id=str(c["id"]),
        text=str(snippet.get("textOriginal") or snippet.get("textDisplay", "")),
        created_at=parse_time(str(snippet["publishedAt"])),
        author=str(snippet.get("authorDisplayName", "")),
        parent_remote_id=str(snippet.get("parentId", "")),
        hidden=snippet.get("moderationStatus", "published") != "published",
        by_owner=(snippet.get("authorChannelId") or {}).get("value") == channel_id,
    )


def reply(ctx: Ctx, target: dict[str, Any]) -> str:
    # Replies go under the thread's top-level comment (comments.insert parentId).
    parent = str(target.get("parent_remote_id") or target["remote_id"])
    body = {"snippet": {"parentId": parent, "textOriginal": str(target["text"])}}
    return str(call(ctx, "POST", "comments", params={"part": "snippet"}, json=body)["id"])


def find_reply(ctx: Ctx, target: dict[str, Any]) -> str | None:
    parent = str(target.get("parent_remote_id") or target["remote_id"])
    items = call(ctx, "GET", "comments", params={"part": "snippet", "parentId": parent, "maxResults": "100"})
    for c in items.get("items", []):
        mine = _incoming(c, ctx.account.external_id)
        if mine.by_owner and same_text(mine.text, str(target["text"])):
            return mine.remote_id
    return None


def hide(ctx: Ctx, target: dict[str, Any]) -> None:
    # heldForReview, not rejected: a rejected comment can never be shown again (§12.2).
    call(
        ctx,
        "POST",
        "comments/setModerationStatus",
        params={"id": str(target["remote_id"]), "moderationStatus": "heldForReview"},
    )
