"""Comments on the office's posts, per platform: list, reply, look for our reply, hide.

Wire formats and permissions: shared/PLATFORMS.md §12.2. Facebook and Instagram through
the Graph (``pages_manage_engagement`` / ``instagram_manage_comments``), YouTube through
``commentThreads``/``comments`` (``youtube.force-ssl``; 1 unit a list, 50 a write),
WordPress through ``/wp/v2/comments``.

X is left out on purpose: reading the replies to a post is a search at $0.005 per reply
returned (or the mentions timeline at $0.001), and since 23 Feb 2026 a reply by API is
allowed only when "summoned" and billed $0.010 each (§1.1, §12.2); an office answering
thirty questions a day would pay for every read and every answer, with the replies
themselves possibly refused. The officer answers X in X's own app.

"Did it post?" for a reply: the comment's replies are read back and one by us with the
same text is our reply (a platform has no idempotency key for comments).
"""

from __future__ import annotations

from typing import Any

from composer.accounts import wordpress as wp
from composer.accounts import youtube as google
from composer.accounts.http import ApiError, json_of, request
from composer.publish import facebook
from composer.publish.base import Ctx, same_text
from composer.store.comments import Incoming

PLATFORMS = ("facebook", "instagram", "youtube", "wordpress")
PAGE = 100  # comments per request: every platform's maximum page (§12.2)


def _parse(stamp: str) -> float:
    import calendar
    import time

    text = stamp.replace("Z", "").replace("+0000", "")[:19]
    return float(calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%S")))


# --- YouTube and WordPress requests ---------------------------------------------------------
def _youtube(ctx: Ctx, method: str, route: str, **kwargs: Any) -> Any:
    from composer.publish import youtube

    url = f"{ctx.account.api_base.rstrip('/')}/youtube/v3/{route}"
    answer = youtube._send(ctx, method, url, **kwargs)
    if not 200 <= answer.status_code < 300:
        raise google.interpret(answer)
    return json_of(answer) if answer.content else {}


def _wordpress(ctx: Ctx, method: str, route: str, **kwargs: Any) -> Any:
    answer = request(
        ctx.session,
        method,
        wp.rest(ctx.account.api_base, route),
        auth=wp.auth(ctx.account, ctx.secrets),
        **kwargs,
    )
    if not 200 <= answer.status_code < 300:
        raise wp.interpret(answer)
    return json_of(answer)


# --- reading ---------------------------------------------------------------------------------
def fetch(ctx: Ctx, post_remote_id: str) -> list[Incoming]:
    """Every comment on one of our posts, replies included (newest first where asked)."""
    platform = ctx.account.platform
    if platform == "facebook":
        data = facebook._call(
            ctx,
            "GET",
            f"{post_remote_id}/comments",
            params={
                "fields": "id,message,from,created_time,is_hidden,parent",
                "filter": "stream",  # replies too, flattened (§12.2)
                "order": "reverse_chronological",
                "limit": str(PAGE),
            },
        ).get("data", [])
        return [
            Incoming(
                remote_id=str(c["id"]),
                text=str(c.get("message", "")),
                created_at=_parse(str(c["created_time"])),
                author=str((c.get("from") or {}).get("name", "")),
                parent_remote_id=str((c.get("parent") or {}).get("id", "")),
                hidden=bool(c.get("is_hidden")),
                by_owner=str((c.get("from") or {}).get("id", "")) == ctx.account.external_id,
            )
            for c in data
        ]
    if platform == "instagram":
        data = facebook._call(
            ctx,
            "GET",
            f"{post_remote_id}/comments",
            params={"fields": "id,text,username,timestamp,hidden,replies{id,text,username,timestamp}"},
        ).get("data", [])
        me = ctx.account.handle.lstrip("@")
        found: list[Incoming] = []
        for c in data:
            found.append(_ig(c, me, "", bool(c.get("hidden"))))
            found.extend(_ig(r, me, str(c["id"]), False) for r in (c.get("replies") or {}).get("data", []))
        return found
    if platform == "youtube":
        items = _youtube(
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
            found.append(_yt(thread["snippet"]["topLevelComment"], ctx.account.external_id))
            found.extend(
                _yt(r, ctx.account.external_id) for r in (thread.get("replies") or {}).get("comments", [])
            )
        return found
    if platform == "wordpress":
        rows = _wordpress(
            ctx,
            "GET",
            "wp/v2/comments",
            params={"post": post_remote_id, "per_page": str(PAGE), "orderby": "date_gmt", "context": "edit"},
        )
        return [_wp(c, ctx.account.external_id) for c in rows or []]
    raise ApiError("invalid", "api.unsupported")


def _ig(c: dict[str, Any], me: str, parent: str, hidden: bool) -> Incoming:
    return Incoming(
        remote_id=str(c["id"]),
        text=str(c.get("text", "")),
        created_at=_parse(str(c["timestamp"])),
        author=str(c.get("username", "")),
        parent_remote_id=parent,
        hidden=hidden,
        by_owner=bool(me) and c.get("username") == me,
    )


def _yt(c: dict[str, Any], channel_id: str) -> Incoming:
    snippet = c["snippet"]
    return Incoming(
        remote_id=str(c["id"]),
        text=str(snippet.get("textOriginal") or snippet.get("textDisplay", "")),
        created_at=_parse(str(snippet["publishedAt"])),
        author=str(snippet.get("authorDisplayName", "")),
        parent_remote_id=str(snippet.get("parentId", "")),
        hidden=snippet.get("moderationStatus", "published") != "published",
        by_owner=(snippet.get("authorChannelId") or {}).get("value") == channel_id,
    )


def _wp(c: dict[str, Any], user_id: str) -> Incoming:
    import html
    import re

    content = c.get("content") or {}
    text = str(content.get("raw") or html.unescape(re.sub(r"<[^>]+>", "", str(content.get("rendered", "")))))
    return Incoming(
        remote_id=str(c["id"]),
        text=text.strip(),
        created_at=_parse(str(c["date_gmt"])),
        author=str(c.get("author_name", "")),
        parent_remote_id=str(c.get("parent") or "") if c.get("parent") else "",
        hidden=c.get("status", "approved") != "approved",
        by_owner=bool(user_id) and str(c.get("author")) == user_id,
    )


# --- writing ---------------------------------------------------------------------------------
def reply(ctx: Ctx, target: dict[str, Any]) -> str:
    """Answer the comment *target* names; returns the reply's id."""
    platform, remote, text = ctx.account.platform, str(target["remote_id"]), str(target["text"])
    if platform == "facebook":
        return graph_comment(ctx, remote, text)
    if platform == "instagram":
        return str(facebook._call(ctx, "POST", f"{remote}/replies", data={"message": text})["id"])
    if platform == "youtube":
        # Replies go under the thread's top-level comment (comments.insert parentId).
        parent = str(target.get("parent_remote_id") or remote)
        body = {"snippet": {"parentId": parent, "textOriginal": text}}
        return str(_youtube(ctx, "POST", "comments", params={"part": "snippet"}, json=body)["id"])
    if platform == "wordpress":
        reply_to = {"post": int(target["post_remote_id"]), "parent": int(remote), "content": text}
        return str(_wordpress(ctx, "POST", "wp/v2/comments", json=reply_to)["id"])
    raise ApiError("invalid", "api.unsupported")


def find_reply(ctx: Ctx, target: dict[str, Any]) -> str | None:
    """Our reply to *target* with its text, if the platform has it ("did it post?")."""
    remote, text = str(target["remote_id"]), str(target["text"])
    parent = str(target.get("parent_remote_id") or remote)
    if ctx.account.platform == "youtube":
        items = _youtube(
            ctx, "GET", "comments", params={"part": "snippet", "parentId": parent, "maxResults": "100"}
        )
        for c in items.get("items", []):
            mine = _yt(c, ctx.account.external_id)
            if mine.by_owner and same_text(mine.text, text):
                return mine.remote_id
        return None
    return find_own(ctx, str(target["post_remote_id"]), text, parent=remote)


def graph_comment(ctx: Ctx, object_id: str, text: str) -> str:
    """``POST /{object-id}/comments message=…`` (§12.2): the Page's reply to a Facebook
    comment, or the Page's / account's own top-level comment on a post, video or
    Instagram media (the first comment). Returns the new comment's id."""
    return str(facebook._call(ctx, "POST", f"{object_id}/comments", data={"message": text})["id"])


def find_own(ctx: Ctx, post_remote_id: str, text: str, parent: str = "") -> str | None:
    """Our comment with *text* on the post, under *parent* ("" for a top-level comment):
    "did it post?" when an answer was lost (Facebook, Instagram, WordPress)."""
    for c in fetch(ctx, post_remote_id):
        if c.by_owner and c.parent_remote_id == parent and same_text(c.text, text):
            return c.remote_id
    return None


def hide(ctx: Ctx, target: dict[str, Any]) -> None:
    """Hide the comment from the public; doing it twice is harmless, so no look-up first."""
    platform, remote = ctx.account.platform, str(target["remote_id"])
    if platform == "facebook":
        facebook._call(ctx, "POST", remote, data={"is_hidden": "true"})
    elif platform == "instagram":
        facebook._call(ctx, "POST", remote, data={"hide": "true"})
    elif platform == "youtube":
        # heldForReview, not rejected: a rejected comment can never be shown again (§12.2).
        _youtube(
            ctx,
            "POST",
            "comments/setModerationStatus",
            params={"id": remote, "moderationStatus": "heldForReview"},
        )
    elif platform == "wordpress":
        _wordpress(ctx, "POST", f"wp/v2/comments/{remote}", json={"status": "hold"})
    else:
        raise ApiError("invalid", "api.unsupported")


# --- liking ------------------------------------------------------------------------------------
# Which platforms let the office like a citizen's comment through the API:
# - Facebook: ``POST /{comment-id}/likes`` as the Page (``pages_manage_engagement``), read
#   back as the comment's ``user_likes`` field [Graph API Comment reference, its /likes
#   edge; facebook-python-business-sdk Comment.create_like / Field.user_likes].
# - Instagram: the IG Comment has a ``like_count`` but no edge to like it (reference:
#   read, reply, hide, delete only). YouTube: ``videos.rate`` exists, nothing rates a
#   comment. WordPress core has no comment likes. X's replies are not in the inbox (above).
LIKES = ("facebook",)


def can_like(platform: str) -> bool:
    return platform in LIKES


def like(ctx: Ctx, target: dict[str, Any]) -> None:
    """Like the comment as the Page (a flag: liking twice changes nothing)."""
    if not can_like(ctx.account.platform):
        raise ApiError("invalid", "api.unsupported")
    facebook._call(ctx, "POST", f"{target['remote_id']}/likes")


def liked(ctx: Ctx, target: dict[str, Any]) -> bool:
    """Whether the Page already likes the comment ("did it go through?" after a crash)."""
    data = facebook._call(
        ctx,
        "GET",
        f"{target['post_remote_id']}/comments",
        params={"fields": "id,user_likes", "filter": "stream", "limit": str(PAGE)},
    ).get("data", [])
    return any(str(c.get("id")) == str(target["remote_id"]) and c.get("user_likes") for c in data)
