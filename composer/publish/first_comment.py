"""The first comment under a post, by the Page or account itself (issue 13 item 5):
where Instagram's link goes, since links in its captions cannot be clicked.

It is its own outbox step after the post is visible (the permalink read back, or a
video processed), so it is made exactly once: a retry first looks among the post's
comments for this text by this account (``GET /{object-id}/comments``, PLATFORMS.md
§12.2) and only comments again if it is not there.
"""

from __future__ import annotations

from collections.abc import Callable

from composer.accounts.http import ApiError
from composer.publish import graph_comments, youtube_comments
from composer.publish.base import Ctx, Result, Step
from composer.publish.comment_api import find_own

# Where the Page, the account or the channel itself can comment through the API (§12.2)
# is each platform's registry entry (``first_comment``); YouTube's commentThreads.insert
# needs the youtube.force-ssl scope (accounts/youtube.py).


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


def youtube_step(target: Callable[[Ctx], str]) -> Step:
    """``commentThreads.insert`` on the video *target* names: the channel's own top-level
    comment (50 units). A retry first reads the video's threads (1 unit) for this text by
    this channel (``authorChannelId``), as the inbox does."""

    def run(ctx: Ctx) -> Result:
        body = {
            "snippet": {
                "videoId": target(ctx),
                "topLevelComment": {"snippet": {"textOriginal": ctx.payload["first_comment"]}},
            }
        }
        try:
            thread = youtube_comments.call(
                ctx, "POST", "commentThreads", params={"part": "snippet"}, json=body
            )
        except ApiError as error:
            if error.kind == "permission" and "scope" in error.detail.lower():
                # Connected before Siar asked for youtube.force-ssl: the video is up, the
                # comment needs the channel connected again.
                raise ApiError("permission", "api.yt_comment_scope", error.status, error.detail) from None
            raise
        return {"id": str(thread["id"])}

    def find(ctx: Ctx) -> Result | None:
        found = find_own(youtube_comments.fetch, ctx, target(ctx), ctx.payload["first_comment"])
        return {"id": found} if found else None

    return Step("comment", run, find)
