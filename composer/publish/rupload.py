"""One streamed upload of a whole video to Meta's rupload host, shared by Facebook Reels
(PLATFORMS.md §10.2) and Instagram resumable video containers (§10.3).

The file goes as one body read from disk in blocks (never whole) with ``offset`` and
``file_size`` headers and the Page token. How to resume mid-file is not documented
(§10.2 ❓), so a retry sends it again from offset 0 to the same address.
"""

from __future__ import annotations

from composer.accounts.http import ApiError, json_of, request
from composer.publish.base import Ctx, Result
from composer.publish.chunks import ProgressReader


def rupload(ctx: Ctx, url: str, share: float, failed: str) -> Result:
    """Send the payload's video to *url*, filling *share* of the progress bar; a refusal
    raises ``ApiError(failed)`` — ``server`` (retried) when Meta says it is retriable."""
    path = ctx.path(ctx.payload["video"]["id"])
    size = path.stat().st_size
    headers = {
        "Authorization": f"OAuth {ctx.secrets['page_token']}",
        "offset": "0",
        "file_size": str(size),
        "Content-Type": "application/octet-stream",
        "Content-Length": str(size),
    }
    with path.open("rb") as fh:
        body = ProgressReader(fh, size, lambda done: ctx.progress(share * done / size))
        answer = request(ctx.session, "POST", url, headers=headers, data=body)
    found = json_of(answer) or {}
    if answer.status_code != 200 or not found.get("success"):
        info = found.get("debug_info") or {}
        kind = "server" if info.get("retriable") or answer.status_code >= 500 else "invalid"
        raise ApiError(kind, failed, detail=str(info.get("message") or answer.status_code))
    return {"uploaded": size}
