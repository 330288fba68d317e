"""The fake WordPress's single-post routes, for scheduled posts (PLATFORMS.md §11,
[CODE `wp-core` class-wp-rest-posts-controller.php, post.php ``wp_insert_post``]).

- ``GET /wp/v2/posts/{id}?context=edit``: the post (any status) for its author.
- ``POST /wp/v2/posts/{id}``: an update; ``status`` and ``date_gmt`` follow core's rule
  (``future`` needs a date at least 60 s ahead, else it becomes ``publish``; a
  ``publish`` with a date ahead becomes ``future``).
- ``DELETE /wp/v2/posts/{id}``: to the bin (``status: trash``); with ``force=true`` gone.
  Binning a binned post: ``410 rest_already_trashed``.
- A ``future`` post whose date has come is published the next time anyone asks (WP-Cron
  runs on page visits, §11).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from composer.sandbox.server import Request, Response
from composer.sandbox.wordpress_common import wp_error

if TYPE_CHECKING:
    from composer.sandbox.wordpress import WordPressServer


def install(server: WordPressServer) -> None:
    route = r"/wp-json/wp/v2/posts/(?P<id>\d+)"
    server.route("GET", route, lambda r: _get(server, r))
    server.route("POST", route, lambda r: _update(server, r))
    server.route("DELETE", route, lambda r: _delete(server, r))


def publish_due(server: WordPressServer) -> None:
    now = time.gmtime()
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", now)
    for post in server.posts:
        if post["status"] == "future" and post["date_gmt"] <= stamp:
            post["status"] = "publish"


def _find(server: WordPressServer, request: Request) -> tuple[dict[str, Any] | None, Response | None]:
    _user, error = server._user(request)
    if error is not None:
        return None, error
    assert request.match is not None
    publish_due(server)
    post_id = int(request.match.group("id"))
    post = next((p for p in server.posts if p["id"] == post_id), None)
    if post is None:
        return None, wp_error(404, "rest_post_invalid_id", "Invalid post ID.")
    return post, None


def _get(server: WordPressServer, request: Request) -> Response:
    post, error = _find(server, request)
    return error if post is None else Response(200, post)  # type: ignore[return-value]


def _update(server: WordPressServer, request: Request) -> Response:
    post, error = _find(server, request)
    if post is None:
        return error  # type: ignore[return-value]
    body = request.json()
    if not isinstance(body, dict):
        return wp_error(400, "rest_invalid_json", "Invalid JSON body passed.")
    if post["status"] == "trash":
        return wp_error(400, "rest_cannot_edit", "Sorry, you cannot edit a post in the bin.")
    if "status" in body or "date_gmt" in body:
        merged = {
            "status": body.get("status", post["status"]),
            "date_gmt": body.get("date_gmt", post["date_gmt"]),
        }
        post["status"], post["date_gmt"] = server._status_and_date(merged)
    if "title" in body:
        post["title"] = {"raw": str(body["title"]), "rendered": str(body["title"])}
    return Response(200, post)


def _delete(server: WordPressServer, request: Request) -> Response:
    post, error = _find(server, request)
    if post is None:
        return error  # type: ignore[return-value]
    if request.query.get("force") == "true":
        server.posts.remove(post)
        return Response(200, {"deleted": True, "previous": post})
    if post["status"] == "trash":
        return wp_error(410, "rest_already_trashed", "The post has already been deleted.")
    post["status"] = "trash"
    return Response(200, post)
