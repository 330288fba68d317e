"""Comments on the fake YouTube Data API (PLATFORMS.md §12.2, §4.5).

[developers.google.com/youtube/v3/docs/commentThreads/list, …/comments/insert,
…/comments/setModerationStatus, …/determine_quota_cost]: ``commentThreads.list`` (1 unit)
answers top-level comments with their replies; ``comments.list?parentId=`` (1 unit) the
replies of one comment; ``comments.insert`` (50 units) replies under a top-level comment
(``snippet.parentId``); ``comments.setModerationStatus`` (50 units) answers 204, and a
``rejected`` comment cannot go back to ``published``. Every comment call needs the
``youtube.force-ssl`` scope (``youtube.upload`` is not enough): without it 403
``insufficientPermissions``. Units come out of the 10,000-a-day bucket.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from composer.sandbox.comments import Comment, CommentBook, iso, parse_iso
from composer.sandbox.google_common import google_error
from composer.sandbox.server import Request, Response

if TYPE_CHECKING:
    from composer.sandbox.google import GoogleServer

FORCE_SSL = "https://www.googleapis.com/auth/youtube.force-ssl"
DAILY_UNITS = 10_000
LIST_UNITS = 1
WRITE_UNITS = 50


def install_google_comments(server: GoogleServer) -> None:
    server.video_comments = CommentBook("Ugx")
    server.comment_grants = {FORCE_SSL}
    server.comment_units = 0
    server.route("GET", r"/youtube/v3/commentThreads", lambda r: _threads(server, r))
    server.route("GET", r"/youtube/v3/comments", lambda r: _replies(server, r))
    server.route("POST", r"/youtube/v3/comments", lambda r: _insert(server, r))
    server.route("POST", r"/youtube/v3/commentThreads", lambda r: _insert_thread(server, r))
    server.route("POST", r"/youtube/v3/comments/setModerationStatus", lambda r: _moderate(server, r))


def _allowed(server: GoogleServer, request: Request, units: int) -> Response | None:
    if (error := server._authorized(request)) is not None:
        return error
    if FORCE_SSL not in server.comment_grants:
        return google_error(
            403, "Request had insufficient authentication scopes.", "insufficientPermissions", "global"
        )
    if server.comment_units + units > DAILY_UNITS:
        return google_error(
            403, "The request cannot be completed because you have exceeded your quota.", "quotaExceeded"
        )
    server.comment_units += units
    return None


def _comment(c: Comment, channel_id: str) -> dict[str, Any]:
    snippet: dict[str, Any] = {
        "channelId": channel_id,
        "videoId": c.post_id,
        "textDisplay": c.text,
        "textOriginal": c.text,
        "authorDisplayName": c.author_name,
        "authorChannelId": {"value": f"UC{c.author_id}"},
        "canRate": True,
        "likeCount": 0,
        "publishedAt": iso(c.created, zulu=True),
        "updatedAt": iso(c.created, zulu=True),
    }
    if c.parent_id:
        snippet["parentId"] = c.parent_id
    if c.status != "published":
        snippet["moderationStatus"] = c.status
    return {"kind": "youtube#comment", "id": c.id, "snippet": snippet}


def _threads(server: GoogleServer, request: Request) -> Response:
    if (error := _allowed(server, request, LIST_UNITS)) is not None:
        return error
    video_id = request.query.get("videoId", "")
    video = next((v for v in server.videos if v["id"] == video_id), None)
    if video is None:
        return google_error(
            404, "The video identified by the videoId parameter could not be found.", "videoNotFound"
        )
    published = parse_iso(str(video["publishedAt"])) if video.get("publishedAt") else time.time()
    book = server.video_comments
    # The owner's default lists published comments; hidden (rejected/held) ones leave it.
    top = [c for c in book.on_post(video_id, published) if not c.parent_id and c.status == "published"]
    if request.query.get("order", "time") == "time":
        top.reverse()
    items = []
    for c in top[: int(request.query.get("maxResults", "20"))]:
        replies = book.replies_to(c.id)
        item: dict[str, Any] = {
            "kind": "youtube#commentThread",
            "id": c.id,
            "snippet": {
                "channelId": server.channel["id"],
                "videoId": video_id,
                "topLevelComment": _comment(c, server.channel["id"]),
                "canReply": True,
                "totalReplyCount": len(replies),
                "isPublic": True,
            },
        }
        if replies and "replies" in request.query.get("part", ""):
            item["replies"] = {"comments": [_comment(r, server.channel["id"]) for r in replies]}
        items.append(item)
    return Response(
        200,
        {
            "kind": "youtube#commentThreadListResponse",
            "pageInfo": {"totalResults": len(items), "resultsPerPage": len(items)},
            "items": items,
        },
    )


def _replies(server: GoogleServer, request: Request) -> Response:
    if (error := _allowed(server, request, LIST_UNITS)) is not None:
        return error
    parent = request.query.get("parentId", "")
    items = [_comment(c, server.channel["id"]) for c in server.video_comments.replies_to(parent)]
    return Response(200, {"kind": "youtube#commentListResponse", "items": items})


def _insert(server: GoogleServer, request: Request) -> Response:
    if (error := _allowed(server, request, WRITE_UNITS)) is not None:
        return error
    body = request.json()
    snippet = body.get("snippet") if isinstance(body, dict) else None
    if not isinstance(snippet, dict) or not str(snippet.get("textOriginal", "")).strip():
        return google_error(400, "The comment text is empty.", "commentTextRequired")
    parent = server.video_comments.comments.get(str(snippet.get("parentId", "")))
    if parent is None or parent.parent_id:
        # Replies go under a top-level comment only (comments.insert: "parentId").
        return google_error(404, "The parent comment could not be found.", "parentCommentNotFound")
    reply = server.video_comments.reply(
        parent, str(snippet["textOriginal"]), server.channel["id"][2:], server.channel["title"]
    )
    return Response(200, _comment(reply, server.channel["id"]))


def _insert_thread(server: GoogleServer, request: Request) -> Response:
    """``commentThreads.insert?part=snippet`` (50 units): a new top-level comment by the
    channel, body ``{"snippet": {"videoId", "topLevelComment": {"snippet":
    {"textOriginal"}}}}`` [developers.google.com/youtube/v3/docs/commentThreads/insert:
    errors ``commentTextRequired``, ``videoNotFound``, ``commentsDisabled``]; the answer is
    the ``youtube#commentThread``."""

    if request.query.get("part") != "snippet":
        return google_error(400, "The part parameter must be snippet.", "invalidPart")
    if (error := _allowed(server, request, WRITE_UNITS)) is not None:
        return error
    body = request.json()
    snippet = body.get("snippet") if isinstance(body, dict) else None
    top = (snippet.get("topLevelComment") or {}).get("snippet") if isinstance(snippet, dict) else None
    if not isinstance(top, dict) or not str(top.get("textOriginal", "")).strip():
        return google_error(400, "The comment text is empty.", "commentTextRequired")
    assert isinstance(snippet, dict)
    video_id = str(snippet.get("videoId", ""))
    video = next((v for v in server.videos if v["id"] == video_id), None)
    if video is None:
        return google_error(
            404, "The video identified by the videoId parameter could not be found.", "videoNotFound"
        )
    if video.get("_comments_disabled"):
        return google_error(403, "The video has disabled comments.", "commentsDisabled")
    channel = server.channel
    comment = server.video_comments.owner_comment(
        video_id, str(top["textOriginal"]), channel["id"][2:], channel["title"], channel["title"]
    )
    return Response(
        200,
        {
            "kind": "youtube#commentThread",
            "id": comment.id,
            "snippet": {
                "channelId": channel["id"],
                "videoId": video_id,
                "topLevelComment": _comment(comment, channel["id"]),
                "canReply": True,
                "totalReplyCount": 0,
                "isPublic": True,
            },
        },
    )


def _moderate(server: GoogleServer, request: Request) -> Response:
    status = request.query.get("moderationStatus", "")
    if status not in ("heldForReview", "published", "rejected"):
        return google_error(400, "Invalid moderation status.", "invalidModerationStatus")
    if request.query.get("banAuthor") == "true" and status != "rejected":
        return google_error(400, "banAuthor can only be used with rejected.", "banWithoutReject")
    ids = [i for i in request.query.get("id", "").split(",") if i]
    if not ids or len(ids) > 50:
        return google_error(400, "Between 1 and 50 comment ids.", "invalidValue")
    if (error := _allowed(server, request, WRITE_UNITS)) is not None:
        return error
    book = server.video_comments
    for comment_id in ids:
        comment = book.comments.get(comment_id)
        if comment is None:
            return google_error(404, "The comment could not be found.", "commentNotFound")
        if comment.status == "rejected" and status == "published":
            return google_error(400, "A rejected comment cannot be published again.", "processingFailure")
    for comment_id in ids:
        comment = book.comments[comment_id]
        comment.status = status
        comment.hidden = status != "published"
    return Response(204, raw=b"")
