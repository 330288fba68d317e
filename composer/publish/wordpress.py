"""Posts on the office WordPress site (shared/PLATFORMS.md §5.2–5.3).

The featured image (and a video, streamed from disk and embedded as a Video block,
§10.5) goes up as a raw body (``Content-Type``, ``Content-Disposition``),
tags and categories are looked up or created by name, and the post is created with a
slug that is the same every time for this draft — core has no idempotency key, so
"did it post?" is ``GET /wp/v2/posts?slug=…&status=any``.
"""

from __future__ import annotations

import html
import re
import time
from typing import Any

import requests

from composer.accounts import wordpress as wp
from composer.accounts.http import ApiError, json_of, request
from composer.accounts.model import Account
from composer.publish.base import Ctx, Published, Result, Step

platform = "wordpress"


def _call(
    session: requests.Session,
    account: Account,
    secrets: dict[str, str],
    method: str,
    route: str,
    **kwargs: Any,
) -> Any:
    answer = request(
        session, method, wp.rest(account.api_base, route), auth=wp.auth(account, secrets), **kwargs
    )
    if not 200 <= answer.status_code < 300:
        raise wp.interpret(answer)
    return json_of(answer)


def _ctx_call(ctx: Ctx, method: str, route: str, **kwargs: Any) -> Any:
    return _call(ctx.session, ctx.account, ctx.secrets, method, route, **kwargs)


def upload_media(
    session: requests.Session, account: Account, secrets: dict[str, str], photo: dict[str, Any], data: bytes
) -> dict[str, Any]:
    """A file in the media library (also Instagram's image host); returns id and source_url."""
    headers = {
        "Content-Type": photo["mime"],
        "Content-Disposition": f'attachment; filename="{photo["filename"]}"',
    }
    params = {"alt_text": str(photo.get("alt", ""))[:1000]} if photo.get("alt") else {}
    body = _call(session, account, secrets, "POST", "wp/v2/media", data=data, headers=headers, params=params)
    return {"id": int(body["id"]), "source_url": str(body["source_url"])}


def to_html(text: str) -> str:
    """Paragraphs from blank lines, line breaks kept, links clickable; everything escaped."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    out = []
    for paragraph in paragraphs:
        escaped = html.escape(paragraph)
        linked = re.sub(r"(https?://[^\s<]+)", r'<a href="\1">\1</a>', escaped)
        out.append("<p>" + linked.replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def _media(ctx: Ctx) -> Result:
    photo = ctx.payload["photos"][0]
    result = upload_media(ctx.session, ctx.account, ctx.secrets, photo, ctx.media_bytes(photo["id"]))
    ctx.progress(0.5)
    return result


def _video(ctx: Ctx) -> Result:
    """The video into the media library (§10.5): the same endpoint as images, the file
    streamed from disk as the raw body (core REST has no chunking; a retry sends it again
    and the unused attachment stays in the library, invisible on the site)."""
    video = ctx.payload["video"]
    headers = {
        "Content-Type": video["mime"],
        "Content-Disposition": f'attachment; filename="{_ascii_name(video["filename"], video["mime"])}"',
    }
    with ctx.path(video["id"]).open("rb") as body:
        answer = _ctx_call(ctx, "POST", "wp/v2/media", data=body, headers=headers)
    # media_type is "file" for anything not an image; mime_type says it is a video (§10.5).
    if not str(answer.get("mime_type", "")).startswith("video/"):
        raise ApiError("invalid", "api.wp_not_a_video", detail=str(answer.get("mime_type", "")))
    ctx.progress(0.6)
    return {"id": int(answer["id"]), "source_url": str(answer["source_url"])}


def _ascii_name(filename: str, mime: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9.\-]+", "-", filename.rsplit(".", 1)[0]).strip("-") or "video"
    return f"{stem}.{mime.split('/')[-1].replace('quicktime', 'mov')}"


def video_block(media_id: int, source_url: str) -> str:
    """The core Video block, as the editor saves it (§10.5)."""
    src = html.escape(source_url, quote=True)
    return (
        f'<!-- wp:video {{"id":{media_id}}} -->\n'
        f'<figure class="wp-block-video"><video controls src="{src}"></video></figure>\n'
        "<!-- /wp:video -->"
    )


def _term_ids(ctx: Ctx, taxonomy: str, names: list[str]) -> list[int]:
    ids = []
    for name in names:
        found = (
            _ctx_call(
                ctx,
                "GET",
                f"wp/v2/{taxonomy}",
                params={"search": name, "per_page": 20},
            )
            or []
        )
        match = next((t for t in found if str(t.get("name", "")).lower() == name.lower()), None)
        if match is None:
            match = _ctx_call(ctx, "POST", f"wp/v2/{taxonomy}", json={"name": name})
        ids.append(int(match["id"]))
    return ids


def _terms(ctx: Ctx) -> Result:
    categories = [str(c) for c in ctx.account.settings.get("categories", [])]
    return {
        "tags": _term_ids(ctx, "tags", list(ctx.payload.get("tags") or [])),
        "categories": _term_ids(ctx, "categories", categories),
    }


def _content(ctx: Ctx) -> str:
    content = to_html(ctx.payload["text"])
    if ctx.payload.get("video"):
        done = ctx.done("video")
        content += "\n" + video_block(int(done["id"]), str(done["source_url"]))
    return content


def _post(ctx: Ctx) -> Result:
    payload = ctx.payload
    terms = ctx.done("terms")
    body: dict[str, Any] = {
        "title": payload["title"],
        "content": _content(ctx),
        "status": "publish",
        "slug": payload["slug"],
        "tags": terms.get("tags", []),
    }
    if terms.get("categories"):
        body["categories"] = terms["categories"]
    if payload.get("publish_at"):  # scheduled natively: WordPress publishes it then (§11)
        body["status"] = "future"
        body["date_gmt"] = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(float(payload["publish_at"])))
    if payload["photos"]:
        body["featured_media"] = ctx.done("media")["id"]
    answer = _ctx_call(ctx, "POST", "wp/v2/posts", json=body)
    return {"id": str(answer["id"]), "link": str(answer.get("link", "")), "slug": str(answer.get("slug", ""))}


def _find_post(ctx: Ctx) -> Result | None:
    found = (
        _ctx_call(
            ctx,
            "GET",
            "wp/v2/posts",
            params={"slug": ctx.payload["slug"], "status": "any", "context": "edit"},
        )
        or []
    )
    if not found:
        return None
    post = found[0]
    return {"id": str(post["id"]), "link": str(post.get("link", "")), "slug": str(post.get("slug", ""))}


def _scheduled_status(ctx: Ctx, remote_id: str) -> str:
    """The post's ``status`` ("future" while WordPress holds it; "gone" when deleted)."""
    try:
        body = _ctx_call(ctx, "GET", f"wp/v2/posts/{remote_id}", params={"context": "edit"})
    except ApiError as error:
        if error.status in (404, 410):  # rest_post_invalid_id: deleted for good
            return "gone"
        raise
    return str(body.get("status", ""))


def reschedule(ctx: Ctx, remote_id: str, at: float) -> None:
    """A new date for a scheduled post: ``POST /wp/v2/posts/{id}`` with ``status=future``
    and ``date_gmt`` (§11) — only while it is still "future", or a live post would be
    taken back off the site."""
    status = _scheduled_status(ctx, remote_id)
    if status in ("gone", "trash"):
        raise ApiError("invalid", "api.schedule_gone", detail=remote_id)
    if status != "future":
        raise ApiError("invalid", "api.schedule_already_published", detail=status)
    when = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(at))
    _ctx_call(ctx, "POST", f"wp/v2/posts/{remote_id}", json={"status": "future", "date_gmt": when})


def unschedule(ctx: Ctx, remote_id: str) -> None:
    """Cancel a scheduled post: ``DELETE /wp/v2/posts/{id}`` moves it to the bin (§11),
    where the site's editor can still restore it. Already in the bin or gone: done."""
    status = _scheduled_status(ctx, remote_id)
    if status in ("gone", "trash"):
        return
    if status != "future":
        raise ApiError("invalid", "api.schedule_already_published", detail=status)
    _ctx_call(ctx, "DELETE", f"wp/v2/posts/{remote_id}")


def steps(ctx: Ctx) -> list[Step]:
    media = [Step("media", _media)] if ctx.payload["photos"] else []
    video = [Step("video", _video)] if ctx.payload.get("video") else []
    return [*media, *video, Step("terms", _terms), Step("post", _post, _find_post)]


def published(ctx: Ctx) -> Published:
    post = ctx.done("post")
    return Published(post["id"], post["link"])


def cleanup(ctx: Ctx) -> None:
    """The featured image stays in the library: it belongs to the post."""
