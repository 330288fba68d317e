"""TikTok video counts (Display API ``video/query``) — what TikTok gives a posting app.

``POST https://open.tiktokapis.com/v2/video/query/?fields=id,view_count,like_count,
comment_count,share_count`` with ``{"filters":{"video_ids":[…]}}``, up to 20 ids a call,
scope ``video.list`` ("read-only access to a user's public TikTok videos"); it "verifies
that the videos belong to the user" [developers.tiktok.com/doc/tiktok-api-v2-video-query].
No reach, saves or watch time: those are not in the Display API.

What cannot be measured, and is left without figures (not 0):
- an upload to the creator's inbox (the usual path of an unaudited app, PLATFORMS.md §13):
  the creator finishes it in the TikTok app and Siar never learns its video id, only the
  ``publish_id`` of the upload;
- a private (``SELF_ONLY``) post, which is all an unaudited app may publish directly: the
  scope covers public videos only;
- an account connected before Siar asked for ``video.list``: one "Reconnect to allow
  statistics", no stream of errors.
"""

from __future__ import annotations

from composer.accounts import tiktok as tiktok_account
from composer.accounts.http import ApiError
from composer.insights.base import Counts, FetchCtx, as_int, with_interactions

IDS_PER_CALL = 20
FIELDS = "id,view_count,like_count,comment_count,share_count"


def measurable(platform_id: str) -> bool:
    """A published video's id (digits), not the ``publish_id`` of an inbox upload."""
    return platform_id.isdigit()


def fetch(ctx: FetchCtx, platform_ids: list[str]) -> dict[str, Counts]:
    ids = [i for i in platform_ids if measurable(i)]
    if not ids or ctx.cache.get("missing_permission"):
        return {}
    auth = ctx.auth
    token = auth.token() if isinstance(auth, tiktok_account.TikTokAuth) else ctx.secrets["access_token"]
    out: dict[str, Counts] = {}
    for start in range(0, len(ids), IDS_PER_CALL):
        try:
            data = tiktok_account.call(
                ctx.session,
                ctx.account.api_base,
                "/v2/video/query/",
                token,
                {"filters": {"video_ids": ids[start : start + IDS_PER_CALL]}},
                params={"fields": FIELDS},
            )
        except ApiError as error:
            if error.kind != "permission":
                raise
            ctx.cache["missing_permission"] = "video.list"
            return out
        for video in data.get("videos") or []:
            out[str(video["id"])] = with_interactions(
                {
                    "views": as_int(video.get("view_count")),
                    "likes": as_int(video.get("like_count")),
                    "comments": as_int(video.get("comment_count")),
                    "shares": as_int(video.get("share_count")),
                }
            )
    return out


def requests_for(count: int) -> int:
    return -(-count // IDS_PER_CALL)
