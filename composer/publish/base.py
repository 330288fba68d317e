"""What a platform client is to the outbox: a list of named steps, each with a way to
ask the platform whether it already happened.

A step's ``run`` performs one request (or one small sequence that is harmless to
repeat) and returns what it learned, which the outbox persists before the next step.
``reconcile`` is for steps whose effect is visible (the post itself): when the outbox
does not know whether the request arrived, it calls ``reconcile`` first; it returns the
step's result if the platform has it, ``None`` if the platform surely does not (so the
step may run again), or raises :class:`NeedsCheck` when the platform cannot tell.
Steps without ``reconcile`` create nothing anyone sees (uploads, containers) and may
simply run again.

A client is a module (``publish/<platform>.py``) that satisfies :class:`Client`; its
platform's entry in ``composer.platforms`` names it, and mypy checks the module against
the Protocol there. A client never sleeps on its own: it waits with ``ctx.sleep``, which
tests replace with a fake clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import requests

from composer.accounts.model import Account
from composer.store.outbox import Job

Result = dict[str, Any]


class NeedsCheck(Exception):
    """The platform cannot tell whether the step happened; the officer decides."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass
class Ctx:
    session: requests.Session
    account: Account
    secrets: dict[str, str]
    auth: requests.auth.AuthBase | None
    job: Job
    media_bytes: Callable[[str], bytes]
    progress: Callable[[float], None]
    helper_account: Callable[[str], tuple[Account, dict[str, str]] | None]
    """Another account by platform (Instagram's image host on WordPress)."""
    cache: dict[str, Any] = field(default_factory=dict)
    """Per-run values such as a fresh access token; never persisted."""
    sleep: Callable[[float], None] = time.sleep
    """How a step waits (polling a container, a media upload): the outbox's, injectable."""
    media_path: Callable[[str], Path] | None = None
    """A media file on disk, for uploads that stream it in chunks (videos)."""
    checkpoint: Callable[[str, Result], None] = lambda _step, _value: None
    """Persist how far a long step got (an upload's last acknowledged chunk) before it
    finishes, so a restart resumes there; cleared when the step completes."""

    @property
    def payload(self) -> dict[str, Any]:
        return self.job.payload

    def done(self, step: str) -> Result:
        return dict(self.job.steps.get(step) or {})

    def partial(self, step: str) -> Result:
        """What ``checkpoint`` last recorded for *step* (empty when it starts afresh)."""
        return dict((self.job.data.get("partial") or {}).get(step) or {})

    def path(self, media_id: str) -> Path:
        if self.media_path is None:
            raise ValueError("no media files in this context")
        return self.media_path(media_id)


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Ctx], Result]
    reconcile: Callable[[Ctx], Result | None] | None = None


@dataclass(frozen=True)
class Published:
    platform_id: str
    permalink: str


class Client(Protocol):
    """A platform's publishing steps (a module: ``publish/facebook.py`` and the rest)."""

    def steps(self, ctx: Ctx) -> list[Step]: ...

    def published(self, ctx: Ctx) -> Published: ...

    def cleanup(self, ctx: Ctx) -> None: ...


def same_text(a: str, b: str) -> bool:
    """Platforms trim and normalise whitespace; compare the way they show it."""
    return " ".join(a.split()) == " ".join(b.split())
