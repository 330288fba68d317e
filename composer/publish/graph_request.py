"""One Graph API request for a Page or Instagram account (PLATFORMS.md §2): the posting
clients, the video upload and the comments all go through it."""

from __future__ import annotations

from typing import Any

from composer.accounts import facebook as graph
from composer.accounts.http import json_of, request
from composer.publish.base import Ctx


def _auth(ctx: Ctx) -> dict[str, str]:
    return {"Authorization": f"Bearer {ctx.secrets['page_token']}"}


def url(ctx: Ctx, path: str) -> str:
    return graph.url(
        ctx.account.api_base, path, ctx.account.settings.get("graph_version", graph.GRAPH_VERSION)
    )


def call(ctx: Ctx, method: str, path: str, **kwargs: Any) -> Any:
    """The answer's JSON; the platform's error as an ApiError."""
    answer = request(ctx.session, method, url(ctx, path), headers=_auth(ctx), **kwargs)
    if answer.status_code != 200:
        raise graph.interpret(answer)
    return json_of(answer) or {}
