"""Posting to all: the preflight per account, what can be sent, and when.

One plan for the window and the command line, so "blocked", "sendable", "warnings" and
"the time must be in the future" are decided in one place."""

from __future__ import annotations

from dataclasses import dataclass, field

from composer.accounts.model import Account
from composer.core.post import Post
from composer.publish.preflight import ERROR, Check, blocking, preflight

MIN_SCHEDULE_AHEAD = 60.0  # seconds: a "later" time closer than this is a mistake, not a schedule


@dataclass(frozen=True)
class PostPlan:
    post: Post
    chosen: list[Account]
    checks: list[Check]
    send_at: float | None = None
    too_soon: bool = False
    """A schedule time that is not (far enough) in the future: nothing may be sent."""
    blocked: set[str] = field(default_factory=set)
    already: frozenset[str] = frozenset()
    """Accounts this post was already published to: left out unless *again*."""
    again: bool = False
    """Post again as a new post to the accounts in *already*."""

    @property
    def sendable(self) -> list[Account]:
        """The chosen accounts no error blocks (and, unless *again*, not sent to before)."""
        return [
            a for a in self.chosen if a.id not in self.blocked and (self.again or a.id not in self.already)
        ]

    @property
    def can_send(self) -> bool:
        return bool(self.sendable) and not self.too_soon

    @property
    def warnings(self) -> list[Check]:
        """Warnings about accounts that will be sent to (the officer confirms them)."""
        sending = {a.id for a in self.sendable}
        return [c for c in self.checks if c.severity != ERROR and c.account_id in sending]

    def checks_for(self, account_id: str) -> list[Check]:
        return [c for c in self.checks if c.account_id == account_id]


def plan(
    post: Post,
    chosen: list[Account],
    everyone: list[Account],
    at: float | None,
    now: float,
    already: frozenset[str] = frozenset(),
    again: bool = False,
) -> PostPlan:
    checks = preflight(post, chosen, everyone)
    too_soon = at is not None and at < now + MIN_SCHEDULE_AHEAD
    return PostPlan(post, list(chosen), checks, at, too_soon, blocking(checks), already, again)
