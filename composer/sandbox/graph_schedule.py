"""The fake Graph API's scheduled Page posts: change their time, publish them, delete them
(PLATFORMS.md §11, [OFFICIAL /docs/pages-api/posts]; `fb-sdk` pagepost.py api_update).

- ``POST /{post-id}`` (or ``/{video-id}``) with ``scheduled_publish_time``: a new time,
  10 minutes to 30 days ahead, only for a post Facebook still holds unpublished (a live
  post cannot be scheduled again); ``is_published=true`` publishes it now.
- ``DELETE /{post-id}`` (or ``/{video-id}``): the post is gone (scheduled or live).
- ``GET /{post-id}?fields=is_published,scheduled_publish_time`` reads a held post; the
  video node says ``published``.
- A held post whose time has come is published (moved to the feed) the next time anyone
  asks: what Facebook does at the time, seen by the next request.

Other ``POST /{id}`` requests (hiding a comment) go on to graph_comments.py.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from composer.sandbox.graph_common import graph_error
from composer.sandbox.server import Request, Response

if TYPE_CHECKING:
    from composer.sandbox.graph import GraphServer, PageState


def install(server: GraphServer) -> None:
    v = r"/v\d+\.\d+"
    server.route("POST", v + r"/(?P<id>\d+(?:_\d+)?)", lambda r: _update(server, r))
    server.route("DELETE", v + r"/(?P<id>\d+_\d+)", lambda r: _delete_post(server, r))


def publish_due(server: GraphServer) -> None:
    """Facebook publishes each held post at its time (called under the server's lock)."""
    now = time.time()
    for page in server.pages.values():
        for post in [p for p in page.scheduled if int(p["scheduled_publish_time"]) <= now]:
            page.scheduled.remove(post)
            post["is_published"] = True
            post["created_time"] = time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime())
            page.posts.insert(0, post)


def held(server: GraphServer, node_id: str) -> tuple[PageState, dict[str, Any]] | None:
    """The scheduled post *node_id* names (its id, or its video's id), with its Page."""
    publish_due(server)
    for page in server.pages.values():
        for post in page.scheduled:
            if node_id in (post["id"], post.get("video_id")):
                return page, post
    return None


def live(server: GraphServer, node_id: str) -> tuple[PageState, dict[str, Any]] | None:
    for page in server.pages.values():
        for post in page.posts:
            if node_id in (post["id"], post.get("video_id")):
                return page, post
    return None


def _update(server: GraphServer, request: Request) -> Response:
    from composer.sandbox.graph_comments import _hide

    assert request.match is not None
    node_id = request.match.group("id")
    found = held(server, node_id)
    published = live(server, node_id)
    if found is None and published is None:
        return _hide(server, request)  # a comment (or nothing: it says so)
    page = (found or published)[0]  # type: ignore[index]
    if (error := server._page_token(request, page.id)) is not None:
        return error
    q = request.params()
    if found is None:
        if "scheduled_publish_time" in q:
            return graph_error(
                400, "(#100) A published post cannot be scheduled", 100, kind="GraphMethodException"
            )
        return graph_error(400, "(#100) No field to update was given", 100)
    post = found[1]
    if q.get("is_published") == "true":
        page.scheduled.remove(post)
        post["is_published"] = True
        page.posts.insert(0, post)
        return Response(200, {"success": True})
    if "scheduled_publish_time" not in q:
        return graph_error(400, "(#100) No field to update was given", 100)
    if (refused := server._schedule_refused(q)) is not None:
        return refused
    post["scheduled_publish_time"] = int(q["scheduled_publish_time"])
    return Response(200, {"success": True})


def _delete_post(server: GraphServer, request: Request) -> Response:
    assert request.match is not None
    node_id = request.match.group("id")
    found = held(server, node_id) or live(server, node_id)
    if found is None:
        return graph_error(400, "Unsupported delete request.", 100, 33, "GraphMethodException")
    page, post = found
    if (error := server._page_token(request, page.id)) is not None:
        return error
    (page.scheduled if post in page.scheduled else page.posts).remove(post)
    return Response(200, {"success": True})


def delete_video(server: GraphServer, video_id: str) -> bool:
    """``DELETE /{video-id}``: the video (or Reel) and its post, held or live (False: no
    such video)."""
    if video_id not in server.videos and video_id not in server.reels:
        return False
    found = held(server, video_id) or live(server, video_id)
    if found is not None:
        page, post = found
        (page.scheduled if post in page.scheduled else page.posts).remove(post)
    server.videos.pop(video_id, None)
    server.reels.pop(video_id, None)
    return True


def node(server: GraphServer, node_id: str, fields: set[str]) -> dict[str, Any] | None:
    """``GET /{post-id}`` of a held post (None when it is not one)."""
    found = held(server, node_id)
    if found is None or found[1]["id"] != node_id:
        return None
    post = found[1]
    body = {"id": post["id"], "is_published": False}
    for name in fields & {"message", "scheduled_publish_time", "permalink_url", "created_time"}:
        body[name] = post.get(name)
    return body


def video_published(server: GraphServer, video_id: str) -> bool:
    """Whether a finished video's post is live (not held for its time)."""
    return held(server, video_id) is None
