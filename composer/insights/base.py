"""What a metrics fetcher is to the metrics service.

A fetcher is a module (``insights/<platform>.py``) with ``fetch(ctx, posts)``: the
counts of several posts of one account, as few requests as the API allows (YouTube takes
50 ids a call, X's owned timeline 100 posts), and ``requests_for(n)``: how many requests
that costs, which the service counts against the platform's daily budget.

The counts use one vocabulary across platforms where they mean the same thing —
``views``, ``reach``, ``likes`` (Facebook: reactions), ``comments``, ``shares``,
``saved``, ``clicks`` — and ``interactions``, the sum the ministry's *terpopuler* ranking
counts (likes + comments + shares + saved, or the platform's own total where it has one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import requests

from composer.accounts.model import Account

Counts = dict[str, int]

INTERACTION_PARTS = ("likes", "comments", "shares", "saved", "reposts", "quotes", "replies")


@dataclass
class FetchCtx:
    session: requests.Session
    account: Account
    secrets: dict[str, str]
    auth: requests.auth.AuthBase | None
    cache: dict[str, Any] = field(default_factory=dict)  # this fetch's
    now: float = 0.0  # the service's clock
    # What the service keeps for this account from one run to the next (YouTube's access
    # token while it is valid), dropped when the account fails to sign in or reconnects.
    kept: dict[str, Any] = field(default_factory=dict)
    published: dict[str, float] = field(default_factory=dict)  # platform id → when it went out


class MissingPermission(Exception):
    """The account did not grant the statistics permission; asking again will not help
    until the officer reconnects it."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class Fetcher(Protocol):
    def fetch(self, ctx: FetchCtx, platform_ids: list[str]) -> dict[str, Counts]: ...

    def requests_for(self, count: int) -> int: ...


def with_interactions(counts: Counts) -> Counts:
    """*counts* with ``interactions`` added when the platform gave no total of its own."""
    if "interactions" not in counts:
        counts["interactions"] = sum(counts.get(part, 0) for part in INTERACTION_PARTS)
    return counts


def as_int(value: Any) -> int:
    """Platforms send counts as numbers or strings (YouTube); missing means 0."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
