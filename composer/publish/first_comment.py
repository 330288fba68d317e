"""The first comment under a post, by the Page or account itself (issue 13 item 5):
where Instagram's link goes, since links in its captions cannot be clicked.

It is its own outbox step after the post is visible (the permalink read back, or a
video processed), so it is made exactly once: a retry first looks among the post's
comments for this text by this account (``GET /{object-id}/comments``, PLATFORMS.md
§12.2) and only comments again if it is not there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from composer.publish.base import Ctx, Result, Step, same_text

Call = Callable[..., Any]
# Where the Page or the account itself can comment through the API (§12.2). YouTube's
# commentThreads.insert needs the youtube.force-ssl scope Siar does not ask for yet.
PLATFORMS = frozenset({"facebook", "instagram"})


def graph_step(
    target: Callable[[Ctx], str], call: Call, *, text_field: str, ours: Callable[[Ctx, dict[str, Any]], bool]
) -> Step:
    """A Graph API comment: ``POST /{object-id}/comments`` with ``message`` (Facebook
    posts and videos, Instagram media alike); *text_field* is where a read-back comment
    keeps its text (``message`` on Facebook, ``text`` on Instagram)."""

    def run(ctx: Ctx) -> Result:
        body = call(ctx, "POST", f"{target(ctx)}/comments", data={"message": ctx.payload["first_comment"]})
        return {"id": str(body["id"])}

    def find(ctx: Ctx) -> Result | None:
        fields = f"id,{text_field},from,username"
        found = call(ctx, "GET", f"{target(ctx)}/comments", params={"fields": fields, "limit": 50})
        for comment in found.get("data") or []:
            if ours(ctx, comment) and same_text(
                str(comment.get(text_field, "")), ctx.payload["first_comment"]
            ):
                return {"id": str(comment["id"])}
        return None

    return Step("comment", run, find)
