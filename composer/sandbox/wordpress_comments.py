"""Comments on the fake WordPress REST API (PLATFORMS.md §12.2).

[wp-core: wp-includes/rest-api/endpoints/class-wp-rest-comments-controller.php]:
``GET /wp/v2/comments?post=<id>&per_page=…&orderby=date_gmt`` lists approved comments to
anyone (``X-WP-Total`` counts them); ``status=hold`` with ``context=edit`` needs a user
who may ``moderate_comments``. A reply is ``POST /wp/v2/comments`` ``{"post","parent",
"content"}`` as the logged-in user; hiding is unapproving: ``POST /wp/v2/comments/<id>``
``{"status":"hold"}`` (``moderate_comments``, else 403 ``rest_cannot_edit``).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from composer.sandbox.comments import Comment, CommentBook, iso, parse_iso
from composer.sandbox.server import Request, Response
from composer.sandbox.wordpress_common import wp_error

if TYPE_CHECKING:
    from composer.sandbox.wordpress import WordPressServer

# wp-core status names on the wire vs. the stored ones (approved is "1", hold "0").
STATUSES = ("approved", "hold", "spam", "trash")


def install_wordpress_comments(server: WordPressServer) -> None:
    server.post_comments = CommentBook("")
    server.comment_grants = {"moderate_comments"}
    server.route("GET", r"/wp-json/wp/v2/comments", lambda r: list_comments(server, r))
    server.route("POST", r"/wp-json/wp/v2/comments", lambda r: _create(server, r))
    server.route("POST", r"/wp-json/wp/v2/comments/(?P<id>\d+)", lambda r: _update(server, r))


def _wp(c: Comment, edit: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": int(c.id),
        "post": int(c.post_id),
        "parent": int(c.parent_id or 0),
        "author": 1 if c.by_owner else 0,
        "author_name": c.author_name,
        "date_gmt": iso(c.created).removesuffix("+0000"),
        "content": {"rendered": f"<p>{html.escape(c.text)}</p>\n"},
        "status": "approved" if c.status == "published" else c.status,
        "type": "comment",
    }
    if edit:
        body["content"]["raw"] = c.text
    return body


def _refresh(server: WordPressServer) -> None:
    for post in server.posts:
        if post.get("status") == "publish":
            server.post_comments.on_post(str(post["id"]), parse_iso(str(post["date_gmt"])))


def list_comments(server: WordPressServer, request: Request) -> Response:
    q = request.query
    status = q.get("status", "approve")
    edit = q.get("context") == "edit"
    if status != "approve" or edit:
        _user, error = server._user(request)
        if error is not None:
            return error
        if "moderate_comments" not in server.comment_grants:
            return wp_error(403, "rest_forbidden_param", "Query parameter not permitted: status")
    _refresh(server)
    wanted = "published" if status in ("approve", "approved") else status
    shown = [
        c
        for c in server.post_comments.comments.values()
        if (not q.get("post") or c.post_id == q["post"]) and (status == "all" or c.status == wanted)
    ]
    shown.sort(key=lambda c: (c.created, int(c.id)), reverse=q.get("order", "desc") == "desc")
    per_page = min(int(q.get("per_page", "10")), 100)
    page = max(int(q.get("page", "1")), 1)
    chunk = shown[(page - 1) * per_page : page * per_page]
    pages = max((len(shown) + per_page - 1) // per_page, 1)
    return Response(
        200, [_wp(c, edit) for c in chunk], {"X-WP-Total": str(len(shown)), "X-WP-TotalPages": str(pages)}
    )


def _create(server: WordPressServer, request: Request) -> Response:
    user, error = server._user(request)
    if error is not None:
        return error
    body = request.json()
    if not isinstance(body, dict):
        return wp_error(400, "rest_invalid_json", "Invalid JSON body passed.")
    if not str(body.get("content", "")).strip():
        return wp_error(400, "rest_comment_content_invalid", "Invalid comment content.")
    parent = server.post_comments.comments.get(str(body.get("parent", "")))
    if parent is None or str(body.get("post")) != parent.post_id:
        return wp_error(
            400,
            "rest_comment_invalid_post_id",
            "Sorry, you are not allowed to create this comment without a post.",
        )
    reply = server.post_comments.reply(parent, str(body["content"]), "1", user)
    return Response(201, _wp(reply, edit=True))


def _update(server: WordPressServer, request: Request) -> Response:
    assert request.match is not None
    _user, error = server._user(request)
    if error is not None:
        return error
    comment = server.post_comments.comments.get(request.match.group("id"))
    if comment is None:
        return wp_error(404, "rest_comment_invalid_id", "Invalid comment ID.")
    if "moderate_comments" not in server.comment_grants:
        return wp_error(403, "rest_cannot_edit", "Sorry, you are not allowed to edit this comment.")
    body = request.json()
    status = str(body.get("status", "")) if isinstance(body, dict) else ""
    if status not in STATUSES:
        return wp_error(400, "rest_invalid_param", "Invalid parameter(s): status")
    comment.status = "published" if status == "approved" else status
    comment.hidden = status != "approved"
    return Response(200, _wp(comment, edit=True))
