"""Posts on X through API v2 (shared/PLATFORMS.md §1.3–1.6).

Each photo goes up with the chunked media endpoints (initialize — JSON; append —
multipart segments; finalize; status while ``processing_info`` says so) and gets its
alt text through ``/2/media/metadata``; then ``POST /2/tweets``. Media ids are private
until used, so uploads may repeat; the post may not. "Did it post?": the account's
recent posts matched on the text (X shows links as t.co, so links are compared as
links), and a 403 "duplicate content" means the same.
"""

from __future__ import annotations

import re
from typing import Any

from composer.accounts import x as x_account
from composer.accounts.http import ApiError, json_of, request
from composer.publish.base import Ctx, Published, Result, Step, same_text

platform = "x"
CHUNK = 1024 * 1024  # append segments; the v1.1 docs allowed ≤5 MB, community code uses 1–4 MB
STATUS_POLLS = 30
_URL = re.compile(r"(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?", re.IGNORECASE)


def _base(ctx: Ctx) -> str:
    return ctx.account.api_base.rstrip("/")


def _call(ctx: Ctx, method: str, path: str, **kwargs: Any) -> Any:
    answer = request(ctx.session, method, f"{_base(ctx)}{path}", auth=ctx.auth, **kwargs)
    if not 200 <= answer.status_code < 300:
        raise x_account.interpret(answer)
    return json_of(answer) or {}


def _upload(ctx: Ctx, photo: dict[str, Any], on_bytes: Any) -> str:
    data = ctx.media_bytes(photo["id"])
    init = _call(
        ctx,
        "POST",
        "/2/media/upload/initialize",
        json={"media_type": photo["mime"], "total_bytes": len(data), "media_category": "tweet_image"},
    )
    media_id = str(init["data"]["id"])
    for index, start in enumerate(range(0, len(data), CHUNK)):
        chunk = data[start : start + CHUNK]
        _call(
            ctx,
            "POST",
            f"/2/media/upload/{media_id}/append",
            data={"segment_index": str(index)},
            files={"media": ("blob", chunk, "application/octet-stream")},
        )
        on_bytes(start + len(chunk))
    info = _call(ctx, "POST", f"/2/media/upload/{media_id}/finalize")["data"].get("processing_info")
    for _poll in range(STATUS_POLLS):
        if not info or info.get("state") == "succeeded":
            break
        if info.get("state") == "failed":
            raise ApiError(
                "invalid", "api.x_media_failed", detail=str((info.get("error") or {}).get("message", ""))
            )
        ctx.sleep(float(info.get("check_after_secs") or 1))
        info = _call(ctx, "GET", "/2/media/upload", params={"media_id": media_id, "command": "STATUS"})[
            "data"
        ].get("processing_info")
    else:
        raise ApiError("server", "api.x_media_processing", retry_after=60)
    if photo.get("alt"):
        _call(
            ctx,
            "POST",
            "/2/media/metadata",
            json={"id": media_id, "metadata": {"alt_text": {"text": str(photo["alt"])[:1000]}}},
        )
    return media_id


def _media_step(index: int) -> Step:
    def run(ctx: Ctx) -> Result:
        photos = ctx.payload["photos"]
        total = sum(1 for _ in photos) or 1
        media_id = _upload(ctx, photos[index], lambda _sent: None)
        ctx.progress((index + 1) / (total + 1))
        return {"media_id": media_id}

    return Step(f"media:{index}", run)


def _post(ctx: Ctx) -> Result:
    body: dict[str, Any] = {"text": ctx.payload["text"]}
    ids = [ctx.done(f"media:{i}")["media_id"] for i in range(len(ctx.payload["photos"]))]
    if ids:
        body["media"] = {"media_ids": ids}
    answer = _call(ctx, "POST", "/2/tweets", json=body)
    return {"id": str(answer["data"]["id"])}


def _links_as_links(text: str) -> str:
    return _URL.sub("🔗", text)


def _find_post(ctx: Ctx) -> Result | None:
    user_id = ctx.account.external_id
    answer = _call(
        ctx, "GET", f"/2/users/{user_id}/tweets", params={"max_results": 10, "tweet.fields": "created_at"}
    )
    wanted = _links_as_links(ctx.payload["text"])
    for tweet in answer.get("data") or []:
        if same_text(_links_as_links(str(tweet.get("text", ""))), wanted):
            return {"id": str(tweet["id"])}
    return None


def steps(ctx: Ctx) -> list[Step]:
    media = [_media_step(i) for i in range(len(ctx.payload["photos"]))]
    return [*media, Step("post", _post, _find_post)]


def published(ctx: Ctx) -> Published:
    post_id = ctx.done("post")["id"]
    handle = ctx.account.handle.lstrip("@") or "i"
    return Published(post_id, f"https://x.com/{handle}/status/{post_id}")


def cleanup(ctx: Ctx) -> None:
    """Unused media ids expire on their own (expires_after_secs)."""
