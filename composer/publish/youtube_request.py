"""One YouTube Data API request on the channel's access token, refreshed once on a 401:
the upload client (``publish/youtube.py``) and the comments (``youtube_comments.py``,
the first comment) both send through it."""

from __future__ import annotations

from typing import Any

import requests

from composer.accounts import youtube as google
from composer.accounts.http import request
from composer.publish.base import Ctx


def _token(ctx: Ctx) -> str:
    if "token" not in ctx.cache:
        ctx.cache["token"] = google.access_token(ctx.session, ctx.account, ctx.secrets)
    return str(ctx.cache["token"])


def _headers(ctx: Ctx, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {_token(ctx)}", **extra}


def send(
    ctx: Ctx, method: str, url: str, extra: dict[str, str] | None = None, **kwargs: Any
) -> requests.Response:
    """One API request; on 401 the token is refreshed once and the request sent again."""
    answer = request(ctx.session, method, url, headers=_headers(ctx, **(extra or {})), **kwargs)
    if answer.status_code != 401:
        return answer
    ctx.cache.pop("token", None)  # refresh: invalid_grant here raises "reconnect"
    answer = request(ctx.session, method, url, headers=_headers(ctx, **(extra or {})), **kwargs)
    return answer  # still 401 with a fresh token: interpret() calls it Google's trouble
