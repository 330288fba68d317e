"""Facebook's own scheduling (PLATFORMS.md §11): an unpublished post or video with
``scheduled_publish_time``, which Facebook publishes at the time. Shared by the Page
post (``publish/facebook.py``) and the Page video (``publish/facebook_video.py``)."""

from __future__ import annotations

import time
from typing import Any

from composer.accounts.http import ApiError

SCHEDULE_MIN = 10 * 60  # scheduled_publish_time: 10 minutes …
SCHEDULE_MAX = 30 * 86400  # … to 30 days ahead (current Pages API docs; "6 months" ❓), §11


def schedule_fields(payload: dict[str, Any]) -> dict[str, str]:
    """Natively scheduled: an unpublished post that Facebook publishes at the time (§11)."""
    if not payload.get("publish_at"):
        return {}
    when = int(float(payload["publish_at"]))
    ahead = when - time.time()
    if not SCHEDULE_MIN <= ahead <= SCHEDULE_MAX:
        raise ApiError("invalid", "api.fb_schedule_window", detail=str(when))
    return {"published": "false", "scheduled_publish_time": str(when)}
