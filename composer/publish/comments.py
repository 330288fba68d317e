"""Comments on the office's posts: list, reply, look for our reply, hide, each done by
the comments module the platform's registry entry names (``composer.platforms``:
``graph_comments`` for Facebook and Instagram, ``youtube_comments``,
``wordpress_comments``). Wire formats and permissions: shared/PLATFORMS.md §12.2.

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

from composer import platforms
from composer.accounts.http import ApiError
from composer.publish.base import Ctx
from composer.publish.comment_api import CommentApi
from composer.store.comments import Incoming


def reads_comments(platform: str) -> bool:
    """Whether Siar's inbox reads and answers this platform's comments."""
    entry = platforms.BY_ID.get(platform)
    return entry is not None and entry.comments is not None


def api_for(ctx: Ctx) -> CommentApi:
    entry = platforms.BY_ID.get(ctx.account.platform)
    if entry is None or entry.comments is None:
        raise ApiError("invalid", "api.unsupported")
    return entry.comments()


def fetch(ctx: Ctx, post_remote_id: str) -> list[Incoming]:
    """Every comment on one of our posts, replies included (newest first where asked)."""
    return api_for(ctx).fetch(ctx, post_remote_id)


def reply(ctx: Ctx, target: dict[str, Any]) -> str:
    """Answer the comment *target* names; returns the reply's id."""
    return api_for(ctx).reply(ctx, target)


def find_reply(ctx: Ctx, target: dict[str, Any]) -> str | None:
    """Our reply to *target* with its text, if the platform has it ("did it post?")."""
    return api_for(ctx).find_reply(ctx, target)


def hide(ctx: Ctx, target: dict[str, Any]) -> None:
    """Hide the comment from the public; doing it twice is harmless, so no look-up first."""
    api_for(ctx).hide(ctx, target)


# --- liking ------------------------------------------------------------------------------------
# Only where the platform's API lets the office like a citizen's comment: Facebook
# (``graph_comments.GraphComments.likes``). Instagram's comment API reads, replies, hides
# and deletes but cannot like; YouTube rates videos, never comments; WordPress core has no
# comment likes; X's replies are not in the inbox (above).
def can_like(platform: str) -> bool:
    entry = platforms.BY_ID.get(platform)
    return (
        entry is not None and entry.comments is not None and bool(getattr(entry.comments(), "likes", False))
    )


def like(ctx: Ctx, target: dict[str, Any]) -> None:
    """Like the comment as the office (a flag: liking twice changes nothing)."""
    if not can_like(ctx.account.platform):
        raise ApiError("invalid", "api.unsupported")
    api_for(ctx).like(ctx, target)  # type: ignore[attr-defined]


def liked(ctx: Ctx, target: dict[str, Any]) -> bool:
    """Whether the office already likes the comment ("did it go through?" after a crash)."""
    return bool(api_for(ctx).liked(ctx, target))  # type: ignore[attr-defined]
