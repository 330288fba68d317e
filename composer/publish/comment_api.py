"""What each platform's comments module gives the inbox, and what those modules share.

A platform whose registry entry (``composer.platforms``) has ``comments`` offers these
four calls; ``publish/comments.py`` dispatches to them by the account's platform.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Callable
from typing import Any, Protocol

from composer.publish.base import Ctx, same_text
from composer.store.comments import Incoming

PAGE = 100  # comments per request: every platform's maximum page (PLATFORMS.md §12.2)


class CommentApi(Protocol):
    def fetch(self, ctx: Ctx, post_remote_id: str) -> list[Incoming]:
        """Every comment on one of our posts, replies included."""
        ...

    def reply(self, ctx: Ctx, target: dict[str, Any]) -> str:
        """Answer the comment *target* names; returns the reply's id."""
        ...

    def find_reply(self, ctx: Ctx, target: dict[str, Any]) -> str | None:
        """Our reply to *target* with its text, if the platform has it ("did it post?")."""
        ...

    def hide(self, ctx: Ctx, target: dict[str, Any]) -> None:
        """Hide the comment from the public; doing it twice is harmless."""
        ...


def parse_time(stamp: str) -> float:
    """An ISO 8601 UTC time as the platforms write it ("…Z", "…+0000") → epoch seconds."""
    text = stamp.replace("Z", "").replace("+0000", "")[:19]
    return float(calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%S")))


def find_own(
    fetch: Callable[[Ctx, str], list[Incoming]], ctx: Ctx, post_remote_id: str, text: str, parent: str = ""
) -> str | None:
    """Our comment with *text* on the post, under *parent* ("" for a top-level comment):
    "did it post?" when an answer was lost (a platform has no idempotency key for comments)."""
    for c in fetch(ctx, post_remote_id):
        if c.by_owner and c.parent_remote_id == parent and same_text(c.text, text):
            return c.remote_id
    return None
