"""Comments on the office website's posts through ``/wp/v2/comments`` (PLATFORMS.md §12.2)."""

from __future__ import annotations

import html
import re
from typing import Any

from composer.accounts import wordpress as wp
from composer.accounts.http import json_of, request
from composer.publish.base import Ctx
from composer.publish.comment_api import PAGE, find_own, parse_time
from composer.store.comments import Incoming


def _call(ctx: Ctx, method: str, route: str, **kwargs: Any) -> Any:
    answer = request(
        ctx.session,
        method,
        wp.rest(ctx.account.api_base, route),
        auth=wp.auth(ctx.account, ctx.secrets),
        **kwargs,
    )
    if not 200 <= answer.status_code < 300:
        raise wp.interpret(answer)
    return json_of(answer)


def fetch(ctx: Ctx, post_remote_id: str) -> list[Incoming]:
    rows = _call(
        ctx,
        "GET",
        "wp/v2/comments",
        params={"post": post_remote_id, "per_page": str(PAGE), "orderby": "date_gmt", "context": "edit"},
    )
    return [_incoming(c, ctx.account.external_id) for c in rows or []]


def _incoming(c: dict[str, Any], user_id: str) -> Incoming:
    content = c.get("content") or {}
    text = str(content.get("raw") or html.unescape(re.sub(r"<[^>]+>", "", str(content.get("rendered", "")))))
    return Incoming(
        remote_id=str(c["id"]),
        text=text.strip(),
        created_at=parse_time(str(c["date_gmt"])),
        author=str(c.get("author_name", "")),
        parent_remote_id=str(c.get("parent") or "") if c.get("parent") else "",
        hidden=c.get("status", "approved") != "approved",
        by_owner=bool(user_id) and str(c.get("author")) == user_id,
    )


def reply(ctx: Ctx, target: dict[str, Any]) -> str:
    reply_to = {
        "post": int(target["post_remote_id"]),
        "parent": int(target["remote_id"]),
        "content": str(target["text"]),
    }
    return str(_call(ctx, "POST", "wp/v2/comments", json=reply_to)["id"])


def find_reply(ctx: Ctx, target: dict[str, Any]) -> str | None:
    remote = str(target["remote_id"])
    return find_own(fetch, ctx, str(target["post_remote_id"]), str(target["text"]), parent=remote)


def hide(ctx: Ctx, target: dict[str, Any]) -> None:
    _call(ctx, "POST", f"wp/v2/comments/{target['remote_id']}", json={"status": "hold"})
