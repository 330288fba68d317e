"""The inbox service: polls our posts' comments gently and queues the officer's answers.

A desktop app gets no webhooks, so it asks (PLATFORMS.md §12.3, a design suggestion
from the documented limits): a post of the last 48 hours every 20 minutes, an older one
every 3 hours until it is 14 days old, then only when the officer asks. Each platform
has a daily request budget (``comments_budget`` in its registry entry) well inside its
documented limit, shared with publishing and metrics: YouTube 1 unit per ``commentThreads.list`` from the 10,000-unit day (§4.5,
§12.2), Meta about 200 calls per user per hour (§2.4), WordPress the office's own
server. A permission or login problem stops that account's polling for six hours and is
kept as ONE message per account (``problems()``), never a stream of errors.

A plain class with an injectable clock: the session's executor calls ``run_due(now)``
every few minutes; tests call it with a fake time.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable

import requests

from composer import platforms
from composer.accounts.http import ApiError, new_session
from composer.accounts.registry import AccountRegistry
from composer.publish import comment_jobs, comments
from composer.publish.base import Ctx
from composer.store.comments import HIDDEN, NO_REPLY, Comment
from composer.store.outbox import HistoryEntry, Job
from composer.store.workspace import Workspace

log = logging.getLogger(__name__)

HOUR = 3600.0
FRESH_AGE = 48 * HOUR
FRESH_EVERY = 20 * 60.0
OLD_EVERY = 3 * HOUR
GIVE_UP_AGE = 14 * 24 * HOUR
PROBLEM_PAUSE = 6 * HOUR
USAGE_KEY = "inbox.usage"
PROBLEMS_KEY = "inbox.problems"


def poll_interval(age: float) -> float | None:
    """Seconds until a post of *age* seconds is asked again; None: no longer polled."""
    if age < FRESH_AGE:
        return FRESH_EVERY
    if age < GIVE_UP_AGE:
        return OLD_EVERY
    return None


class InboxService:
    def __init__(
        self,
        workspace: Workspace,
        registry: AccountRegistry,
        session_factory: Callable[[], requests.Session] = new_session,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.workspace = workspace
        self.store = workspace.comments
        self.registry = registry
        self.session_factory = session_factory
        self.clock = clock

    # --- polling ---------------------------------------------------------------------------------
    def run_due(self, now: float | None = None) -> int:
        """Poll every post that is due and within its platform's budget; returns how many
        comments were new. Safe to call as often as one likes: what is not due is skipped."""
        now = self.clock() if now is None else now
        added = 0
        for entry in self.workspace.outbox.published_between(now - GIVE_UP_AGE, now + 1):
            interval = poll_interval(now - entry.published_at)
            if interval is None or not comments.reads_comments(entry.platform) or not entry.platform_id:
                continue
            if self.store.poll_due(entry.id) > now:
                continue
            added += self.poll(entry, now, interval)
        return added

    def refresh(self, entry: HistoryEntry) -> int:
        """Poll one post now, whatever its age (the officer asked)."""
        now = self.clock()
        return self.poll(entry, now, poll_interval(now - entry.published_at) or OLD_EVERY)

    def poll(self, entry: HistoryEntry, now: float, interval: float) -> int:
        account = self.registry.get(entry.account_id)
        if account is None or account.auth == "manual":
            self.store.polled(entry.id, now, now + GIVE_UP_AGE)
            return 0
        if not self._spend(entry.platform, now):
            return 0  # the day's budget is spent: tomorrow
        try:
            ctx = self._ctx(account.id, entry.post_id)
            found = comments.fetch(ctx, entry.platform_id)
        except ApiError as error:
            if error.kind in ("auth", "permission", "billing", "keyring"):
                self._problem(account.id, error.code)
                self.store.polled(entry.id, now, now + PROBLEM_PAUSE)
            else:  # offline, rate limit, a server's bad minute: the next round
                self.store.polled(entry.id, now, now + interval)
            log.info("inbox poll %s: %s", entry.platform, error.code)
            return 0
        self._problem(account.id, "")
        self.store.polled(entry.id, now, now + interval)
        return self.store.merge(entry.id, account.id, entry.platform, found)

    def _ctx(self, account_id: str, post_id: str) -> Ctx:
        account = self.registry.get(account_id)
        if account is None:
            raise ApiError("invalid", "api.account_gone")
        secrets = self.registry.secrets(account)
        session = self.session_factory()
        job = Job(id="inbox", post_id=post_id, account_id=account.id, platform=account.platform)
        return Ctx(
            session=session,
            account=account,
            secrets=secrets,
            auth=self.registry.auth(session, account, secrets),
            job=job,
            media_bytes=lambda _id: b"",
            progress=lambda _fraction: None,
            helper_account=lambda _platform: None,
        )

    def _spend(self, platform: str, now: float) -> bool:
        day = time.strftime("%Y-%m-%d", time.gmtime(now))
        try:
            usage = json.loads(self.workspace.settings.get(USAGE_KEY) or "{}")
        except ValueError:
            usage = {}
        if usage.get("day") != day:
            usage = {"day": day}
        used = int(usage.get(platform, 0))
        entry = platforms.BY_ID.get(platform)
        if used >= (entry.comments_budget if entry is not None else 0):
            return False
        usage[platform] = used + 1
        self.workspace.settings.put(USAGE_KEY, json.dumps(usage))
        return True

    def _problem(self, account_id: str, code: str) -> None:
        problems = self.problems()
        if problems.get(account_id, "") == code:
            return
        if code:
            problems[account_id] = code
        else:
            problems.pop(account_id, None)
        self.workspace.settings.put(PROBLEMS_KEY, json.dumps(problems))

    def problems(self) -> dict[str, str]:
        """Account id → the one message code that stops its comments (reconnect, permission)."""
        try:
            return dict(json.loads(self.workspace.settings.get(PROBLEMS_KEY) or "{}"))
        except ValueError:
            return {}

    # --- the officer's actions -------------------------------------------------------------------
    def reply(self, comment_id: str, text: str) -> Job:
        """Queue an answer in the outbox (exactly once, offline-safe)."""
        if not text.strip():
            raise ValueError("inbox.reply_empty")
        return self._queue(comment_id, "reply", text.strip())

    def hide(self, comment_id: str) -> Job:
        return self._queue(comment_id, "hide")

    def like(self, comment_id: str) -> Job:
        """Like the comment as the office, where the platform allows it (comments.can_like)."""
        return self._queue(comment_id, "like")

    @staticmethod
    def can_like(platform: str) -> bool:
        return comments.can_like(platform)

    def no_reply_needed(self, comment_id: str) -> None:
        self.store.set_status(comment_id, NO_REPLY)

    def _queue(self, comment_id: str, action: str, text: str = "") -> Job:
        comment = self._comment(comment_id)
        if action == "hide" and comment.status == HIDDEN:
            raise ValueError("inbox.already_hidden")
        if action == "like" and not comments.can_like(comment.platform):
            raise ValueError("inbox.like_unsupported")
        if action == "like" and comment.liked_at is not None:
            raise ValueError("inbox.already_liked")
        post_remote_id = self.store.post_remote_id(comment.history_id)
        if not post_remote_id:
            raise ValueError("inbox.post_gone")
        payload = comment_jobs.payload(comment, action, post_remote_id, text)
        job = self.workspace.outbox.add(
            f"comment:{comment.id}", comment.account_id, comment.platform, payload
        )
        self.store.set_pending(comment.id, action)
        return job

    def _comment(self, comment_id: str) -> Comment:
        comment = self.store.get(comment_id)
        if comment is None:
            raise ValueError("inbox.comment_gone")
        return comment
