"""Comments on Facebook Page posts and Instagram media, both through the Graph API
(PLATFORMS.md §12.2: ``pages_manage_engagement`` / ``instagram_manage_comments``).

The two differ in the fields they read, how a reply is made (``/{id}/comments`` on
Facebook, ``/{id}/replies`` on Instagram) and the flag that hides a comment; which
comments are ours is ``from.id`` on Facebook and ``username`` on Instagram. The first
comment under a post (``publish/first_comment.py``) is made and looked up here too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from composer.publish.base import Ctx
from composer.publish.comment_api import PAGE, find_own, parse_time
from composer.publish.graph_request import call
from composer.store.comments import Incoming


def _facebook_fetch(ctx: Ctx, post_remote_id: str) -> list[Incoming]:
    data = call(
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
            created_at=parse_time(str(c["created_time"])),
            author=str((c.get("from") or {}).get("name", "")),
            parent_remote_id=str((c.get("parent") or {}).get("id", "")),
            hidden=bool(c.get("is_hidden")),
            by_owner=str((c.get("from") or {}).get("id", "")) == ctx.account.external_id,
        )
        for c in data
    ]


def _instagram_fetch(ctx: Ctx, post_remote_id: str) -> list[Incoming]:
    data = call(
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


def _ig(c: dict[str, Any], me: str, parent: str, hidden: bool) -> Incoming:
    return Incoming(
        remote_id=str(c["id"]),
        text=str(c.get("text", "")),
        created_at=parse_time(str(c["timestamp"])),
        author=str(c.get("username", "")),
        parent_remote_id=parent,
        hidden=hidden,
        by_owner=bool(me) and c.get("username") == me,
    )


@dataclass(frozen=True)
class GraphComments:
    """One of the two: a ``comment_api.CommentApi``."""

    platform: str
    _fetch: Callable[[Ctx, str], list[Incoming]]
    reply_edge: str  # the edge a reply is posted to
    hide_field: str  # the field that hides a comment
    # The office may like a comment: Facebook ``POST /{comment-id}/likes`` as the Page
    # (``pages_manage_engagement``), read back as the comment's ``user_likes`` [Graph API
    # Comment reference and its /likes edge; facebook-python-business-sdk
    # ``Comment.create_like`` / ``Field.user_likes``]. The IG Comment has no such edge.
    likes: bool = False

    def fetch(self, ctx: Ctx, post_remote_id: str) -> list[Incoming]:
        return self._fetch(ctx, post_remote_id)

    def reply(self, ctx: Ctx, target: dict[str, Any]) -> str:
        remote, text = str(target["remote_id"]), str(target["text"])
        return str(call(ctx, "POST", f"{remote}/{self.reply_edge}", data={"message": text})["id"])

    def find_reply(self, ctx: Ctx, target: dict[str, Any]) -> str | None:
        remote = str(target["remote_id"])
        return find_own(self._fetch, ctx, str(target["post_remote_id"]), str(target["text"]), parent=remote)

    def hide(self, ctx: Ctx, target: dict[str, Any]) -> None:
        call(ctx, "POST", str(target["remote_id"]), data={self.hide_field: "true"})

    def like(self, ctx: Ctx, target: dict[str, Any]) -> None:
        call(ctx, "POST", f"{target['remote_id']}/likes")

    def liked(self, ctx: Ctx, target: dict[str, Any]) -> bool:
        data = call(
            ctx,
            "GET",
            f"{target['post_remote_id']}/comments",
            params={"fields": "id,user_likes", "filter": "stream", "limit": str(PAGE)},
        ).get("data", [])
        return any(str(c.get("id")) == str(target["remote_id"]) and c.get("user_likes") for c in data)


FACEBOOK = GraphComments("facebook", _facebook_fetch, "comments", "is_hidden", likes=True)
INSTAGRAM = GraphComments("instagram", _instagram_fetch, "replies", "hide")


def of(ctx: Ctx) -> GraphComments:
    """The comments of *ctx*'s account (a Facebook Page or an Instagram account)."""
    return INSTAGRAM if ctx.account.platform == INSTAGRAM.platform else FACEBOOK


def graph_comment(ctx: Ctx, object_id: str, text: str) -> str:
    """``POST /{object-id}/comments message=…`` (§12.2): the Page's or the account's own
    top-level comment on a post, video or Instagram media (the first comment). Returns
    the new comment's id."""
    return str(call(ctx, "POST", f"{object_id}/comments", data={"message": text})["id"])


def find_first_comment(ctx: Ctx, object_id: str, text: str) -> str | None:
    """Our top-level comment with *text* under *object_id*, if it is there."""
    return find_own(of(ctx).fetch, ctx, object_id, text)
