"""Comments on the fake Graph API: Facebook Page posts and Instagram media (PLATFORMS.md §12.2).

Facebook [developers.facebook.com/docs/graph-api/reference/comment]:
``GET /{post-id}/comments?fields=…&filter=stream&order=reverse_chronological`` (a comment
id is ``{pagepost-id}_{comment-id}``), the Page's own top-level comment ``POST
/{post-id}/comments message=…`` (a video post also by its video id), reply ``POST
/{comment-id}/comments message=…``, hide ``POST /{comment-id} is_hidden=true``; writes need
``pages_manage_engagement``.
Instagram [developers.facebook.com/documentation/instagram-platform/instagram-graph-api/
reference/ig-comment]: ``GET /{ig-media-id}/comments?fields=id,text,username,timestamp,
hidden,replies{…}``, the account's own top-level comment ``POST /{ig-media-id}/comments
message=…``, reply ``POST /{ig-comment-id}/replies message=…``, hide
``POST /{ig-comment-id} hide=true`` (read back as ``hidden``); needs
``instagram_manage_comments``. Liking: a Facebook comment ``POST /{comment-id}/likes`` as
the Page (``pages_manage_engagement``; read back as ``user_likes``, ``can_like``) [Graph
API Comment reference; facebook-python-business-sdk ``Comment.create_like``]; an
Instagram comment has no such edge (the IG Comment reference: read, reply, hide, delete),
so the Graph's "Unsupported post request" (#100, subcode 33) answers it. Each accepted
like is recorded in ``server.page_likes`` (tests count them). A token without the permission gets the Graph's ``(#10)`` /
``(#200)`` permission error (403), the stricter reading of both pages.

The first comment (issue 13 item 5) is an owner comment in the same book as the citizens'
comments, so one listing shows both, in the documented shapes.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from composer.sandbox.comments import Comment, CommentBook, iso, parse_iso
from composer.sandbox.graph_common import graph_error
from composer.sandbox.server import Request, Response

if TYPE_CHECKING:
    from composer.sandbox.graph import GraphServer

# Granted to the sandbox app unless a test withdraws one (server.comment_grants.discard(…)).
COMMENT_SCOPES = frozenset(
    {"pages_read_user_content", "pages_manage_engagement", "instagram_manage_comments"}
)


def install_graph_comments(server: GraphServer) -> None:
    server.page_comments = CommentBook("{post}_")
    server.ig_comments = CommentBook("17")
    server.comment_grants = set(COMMENT_SCOPES)
    v = r"/v\d+\.\d+"
    server.route("GET", v + r"/(?P<id>\w+)/comments", lambda r: _list(server, r))
    server.route("POST", v + r"/(?P<id>\w+)/comments", lambda r: _comment(server, r))
    server.route("POST", v + r"/(?P<id>\w+)/replies", lambda r: _ig_reply(server, r))
    server.page_likes = []
    server.route("POST", v + r"/(?P<id>\w+)/likes", lambda r: _like(server, r))
    server.route("POST", v + r"/(?P<id>\w+)", lambda r: _hide(server, r))


def _lacks(server: GraphServer, request: Request, page_id: str, scope: str) -> Response | None:
    if (error := server._page_token(request, page_id)) is not None:
        return error
    token, _ = server._token(request)
    assert token is not None
    if scope not in token.scopes and scope not in server.comment_grants:
        if scope.startswith("instagram"):
            return graph_error(403, "(#10) Application does not have permission for this action", 10)
        return graph_error(403, f"(#200) Requires {scope} permission to manage the object", 200)
    return None


def _fb_post(server: GraphServer, node_id: str) -> tuple[str, dict[str, Any]] | None:
    """The published post *node_id* names (its post id, or its video's id for a video post:
    the video is the post's object), with its page id; the book keys comments by post id.
    Held (scheduled) posts are not in ``page.posts``: nothing can be said under them."""
    for page in server.pages.values():
        for post in page.posts:
            if node_id in (post["id"], post.get("video_id")):
                return page.id, post
    return None


def _ig_media(server: GraphServer, media_id: str) -> tuple[str, dict[str, Any]] | None:
    for ig in server.igs.values():
        for media in ig.media:
            if media["id"] == media_id:
                return ig.page_id, media
    return None


def _published(item: dict[str, Any]) -> float:
    if "_published" in item:
        return float(item["_published"])
    stamp = item.get("created_time") or item.get("timestamp")
    return parse_iso(str(stamp)) if stamp else time.time()


def _missing(node_id: str) -> Response:
    return graph_error(
        400,
        f"Unsupported request. Object with ID '{node_id}' does not exist",
        100,
        33,
        "GraphMethodException",
    )


def _fb_json(c: Comment, fields: set[str], book: CommentBook) -> dict[str, Any]:
    body: dict[str, Any] = {"id": c.id, "message": c.text, "created_time": iso(c.created)}
    if "from" in fields:
        body["from"] = {"id": c.author_id, "name": c.author_name}
    if "is_hidden" in fields:
        body["is_hidden"] = c.hidden
    if "can_hide" in fields:
        body["can_hide"] = not c.by_owner
    if "comment_count" in fields:
        body["comment_count"] = len(book.replies_to(c.id))
    if "parent" in fields and c.parent_id:
        body["parent"] = {"id": c.parent_id}
    if "user_likes" in fields:
        body["user_likes"] = c.liked_by_owner  # the token's Page likes it
    if "can_like" in fields:
        body["can_like"] = True
    return body


def _ig_json(c: Comment, book: CommentBook) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": c.id,
        "text": c.text,
        "username": c.username,
        "timestamp": iso(c.created),
        "hidden": c.hidden,
        "like_count": 0,
    }
    replies = book.replies_to(c.id)
    if replies:
        body["replies"] = {"data": [_ig_json(r, book) for r in replies]}
    return body


def _list(server: GraphServer, request: Request) -> Response:
    assert request.match is not None
    node_id = request.match.group("id")
    params = request.params()
    fields = set(params.get("fields", "id,message,created_time").replace("{", ",").split(","))
    newest_first = params.get("order") == "reverse_chronological"
    if (found := _fb_post(server, node_id)) is not None:
        page_id, post = found
        if (error := _lacks(server, request, page_id, "pages_read_engagement")) is not None:
            return error
        if "from" in fields and (error := _lacks(server, request, page_id, "pages_read_user_content")):
            return error
        everything = server.page_comments.on_post(post["id"], _published(post))
        # filter=stream flattens replies into the list; the default is top level only.
        shown = everything if params.get("filter") == "stream" else [c for c in everything if not c.parent_id]
    elif (comment := server.page_comments.comments.get(node_id)) is not None:
        found = _fb_post(server, comment.post_id)
        assert found is not None
        if (error := _lacks(server, request, found[0], "pages_read_engagement")) is not None:
            return error
        shown = server.page_comments.replies_to(node_id)
    elif (media := _ig_media(server, node_id)) is not None:
        page_id, item = media
        if (error := _lacks(server, request, page_id, "instagram_manage_comments")) is not None:
            return error
        top = [c for c in server.ig_comments.on_post(node_id, _published(item)) if not c.parent_id]
        top.reverse()  # Instagram lists newest first
        return Response(200, {"data": [_ig_json(c, server.ig_comments) for c in top]})
    else:
        return _missing(node_id)
    if newest_first:
        shown = list(reversed(shown))
    body: dict[str, Any] = {"data": [_fb_json(c, fields, server.page_comments) for c in shown]}
    if params.get("summary") == "true":
        body["summary"] = {"order": params.get("order", "chronological"), "total_count": len(shown)}
    return Response(200, body)


def _text(request: Request) -> tuple[str, Response | None]:
    message = request.params().get("message", "").strip()
    if not message:
        return "", graph_error(
            400, "(#100) The parameter message is required", 100, kind="GraphMethodException"
        )
    return message, None


def _owner_comment(
    request: Request, book: CommentBook, post_id: str, author: tuple[str, str, str], lacks: Response | None
) -> Response:
    """The Page's / account's own top-level comment (the first comment), once allowed;
    *author* is (id, name, username)."""
    if lacks is not None:
        return lacks
    message, error = _text(request)
    if error is not None:
        return error
    return Response(200, {"id": book.owner_comment(post_id, message, *author).id})


def _comment(server: GraphServer, request: Request) -> Response:
    """``POST /{id}/comments``: the owner's top-level comment on a Facebook post (or its
    video) or an Instagram media, or the Page's reply to a Facebook comment (§12.2)."""
    assert request.match is not None
    node_id = request.match.group("id")
    if (found := _fb_post(server, node_id)) is not None:
        page_id, post = found
        page = server.pages[page_id]
        lacks = _lacks(server, request, page_id, "pages_manage_engagement")
        return _owner_comment(
            request, server.page_comments, post["id"], (page_id, page.name, page.name), lacks
        )
    if (media := _ig_media(server, node_id)) is not None:
        page_id, item = media
        ig = server.igs[server.pages[page_id].ig_id]
        lacks = _lacks(server, request, page_id, "instagram_manage_comments")
        return _owner_comment(
            request, server.ig_comments, item["id"], (ig.id, ig.username, ig.username), lacks
        )
    parent = server.page_comments.comments.get(node_id)
    if parent is None:
        return _missing(node_id)
    found = _fb_post(server, parent.post_id)
    assert found is not None
    page_id = found[0]
    if (error := _lacks(server, request, page_id, "pages_manage_engagement")) is not None:
        return error
    message, error = _text(request)
    if error is not None:
        return error
    reply = server.page_comments.reply(parent, message, page_id, server.pages[page_id].name)
    return Response(200, {"id": reply.id})


def _ig_reply(server: GraphServer, request: Request) -> Response:
    assert request.match is not None
    parent = server.ig_comments.comments.get(request.match.group("id"))
    if parent is None:
        return _missing(request.match.group("id"))
    found = _ig_media(server, parent.post_id)
    assert found is not None
    page_id = found[0]
    if (error := _lacks(server, request, page_id, "instagram_manage_comments")) is not None:
        return error
    message, error = _text(request)
    if error is not None:
        return error
    ig = server.igs[server.pages[page_id].ig_id]
    reply = server.ig_comments.reply(parent, message, ig.id, ig.username)
    return Response(200, {"id": reply.id})


def _hide(server: GraphServer, request: Request) -> Response:
    assert request.match is not None
    node_id = request.match.group("id")
    params = request.params()
    if (comment := server.page_comments.comments.get(node_id)) is not None:
        found = _fb_post(server, comment.post_id)
        scope, flag = "pages_manage_engagement", params.get("is_hidden", "")
    elif (comment := server.ig_comments.comments.get(node_id)) is not None:
        found = _ig_media(server, comment.post_id)
        scope, flag = "instagram_manage_comments", params.get("hide", "")
    else:
        return _missing(node_id)
    assert found is not None
    if (error := _lacks(server, request, found[0], scope)) is not None:
        return error
    if flag not in ("true", "false"):
        return graph_error(400, "(#100) Invalid parameter", 100, kind="GraphMethodException")
    if comment.by_owner:
        return graph_error(
            400, "(#100) The page's own comments cannot be hidden", 100, kind="GraphMethodException"
        )
    comment.hidden = flag == "true"
    return Response(200, {"success": True})


def _like(server: GraphServer, request: Request) -> Response:
    """``POST /{comment-id}/likes``: the Page likes a Facebook comment (a flag)."""
    assert request.match is not None
    node_id = request.match.group("id")
    comment = server.page_comments.comments.get(node_id)
    if comment is None:
        if node_id in server.ig_comments.comments:
            return graph_error(
                400,
                f"Unsupported post request. Object with ID '{node_id}' does not support this operation",
                100,
                33,
                "GraphMethodException",
            )
        return _missing(node_id)
    found = _fb_post(server, comment.post_id)
    assert found is not None
    if (error := _lacks(server, request, found[0], "pages_manage_engagement")) is not None:
        return error
    comment.liked_by_owner = True
    server.page_likes.append(node_id)
    return Response(200, {"success": True})
