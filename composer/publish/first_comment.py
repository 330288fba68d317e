"""The first comment under a post, by the Page or account itself (issue 13 item 5):
where Instagram's link goes, since links in its captions cannot be clicked.

It is its own outbox step after the post is visible (the permalink read back, or a
video processed), so it is made exactly once: a retry first looks among the post's
comments for this text by this account (``GET /{object-id}/comments``, PLATFORMS.md
§12.2) and only comments again if it is not there.
"""

from __future__ import annotations

from collections.abc import Callable

from composer.publish import graph_comments
from composer.publish.base import Ctx, Result, Step

# Where the Page or the account itself can comment through the API (§12.2). YouTube's
# commentThreads.insert needs the youtube.force-ssl scope Siar does not ask for yet.
PLATFORMS = frozenset({"facebook", "instagram"})


def graph_step(target: Callable[[Ctx], str]) -> Step:
    """A Graph API comment on *target* (Facebook posts and videos, Instagram media alike),
    posted and looked up through the inbox's own helpers in publish/graph_comments.py,
    which know which comments are ours (``from.id`` on Facebook, ``username`` on Instagram)."""

    def run(ctx: Ctx) -> Result:
        return {"id": graph_comments.graph_comment(ctx, target(ctx), ctx.payload["first_comment"])}

    def find(ctx: Ctx) -> Result | None:
        found = graph_comments.find_first_comment(ctx, target(ctx), ctx.payload["first_comment"])
        return {"id": found} if found else None

    return Step("comment", run, find)
