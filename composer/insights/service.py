"""Taking the metric snapshots that are due, within each platform's daily budget.

``MetricsService.run_due(now)`` is the whole background job: the application session
calls it from its executor now and then (every few minutes is plenty: the marks are an
hour apart at the least), the command line calls it once. It never sleeps and reads the
time only from *now*, so tests drive it with a fake clock.

- Due: the latest passed mark (+1 h, +24 h, +7 d) of each post that has no snapshot for
  it (``store.metrics.MetricsStore.due``). After the laptop was off the snapshot is taken
  late and records when (``taken_at``), up to a week after its mark.
- Pace: the scheduled runs read an account at most every half hour (``READ_EVERY``), and
  every 50 minutes while only +24 h and +7 d snapshots are due (figures a day old move
  little in an hour); what comes due in between waits for the next read and shares its
  requests, but never longer than ``WAIT_AT_MOST`` after its mark (an hour after it, a
  snapshot counts as late). Only the scheduled reads set the pace. Fewer requests against
  Meta's hourly call limits and YouTube's daily units (shared/PLATFORMS.md §2.4, §4.5;
  §12.3: poll gently). An on-demand snapshot is not paced.
- Budget: requests per platform per UTC day (``PlatformEntry.metrics_budget``), counted in
  the workspace's settings so a restart does not reset it; what does not fit waits for
  tomorrow. A rate-limit or quota answer spends the rest of the day's budget.
- Permission: an account that refuses the statistics permission (or whose sign-in ended)
  gets one state, "Reconnect to allow statistics", and is skipped until reconnected —
  one message per account, not one error per post.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import requests

from composer import platforms
from composer.accounts.http import ApiError, new_session
from composer.accounts.model import Account
from composer.accounts.registry import AccountRegistry
from composer.insights.base import Counts, FetchCtx
from composer.insights.settings import _PARTIAL, MetricsSettings
from composer.store.metrics import MARKS, NOW, Due, Snapshot
from composer.store.workspace import Workspace

log = logging.getLogger(__name__)


READ_EVERY = 30 * 60.0
READ_EVERY_SETTLED = 50 * 60.0  # only +24 h / +7 d due
# A snapshot counts as late an hour after its mark (store.metrics.Snapshot.late) and the
# window runs the service every 5 minutes: one due this long ago is read whatever the pace,
# which leaves room for a tick or two that did not run.
WAIT_AT_MOST = 40 * 60.0


@dataclass
class RunResult:
    taken: int = 0
    waiting: int = 0  # due but over today's budget, read less than READ_EVERY ago, or the platform was busy
    reconnect: set[str] = field(default_factory=set)  # account ids that need reconnecting


class MetricsService(MetricsSettings):
    def __init__(
        self,
        workspace: Workspace,
        registry: AccountRegistry,
        session_factory: Callable[[], requests.Session] = new_session,
        read_every: float = READ_EVERY,
        read_every_settled: float = READ_EVERY_SETTLED,
    ) -> None:
        super().__init__(workspace)
        self.registry = registry
        self.session_factory = session_factory
        self.read_every, self.read_every_settled = read_every, read_every_settled
        self._kept: dict[str, dict[str, Any]] = {}  # per account, between runs (FetchCtx.kept)

    def reconnected(self, account_id: str) -> None:
        super().reconnected(account_id)
        self._kept.pop(account_id, None)  # a new sign-in: nothing of the old one is reused

    # --- the work ------------------------------------------------------------------------------
    def run_due(self, now: float) -> RunResult:
        """Take every snapshot that is due at *now* and fits today's budgets."""
        return self._take(self.workspace.metrics.due(now), now, paced=True)

    def snapshot_now(self, history_ids: Iterable[str], now: float) -> RunResult:
        """On demand: a "now" snapshot of these history entries (still within budget)."""
        entries = self.workspace.metrics.entries(history_ids)
        due = [
            Due(e.id, e.account_id, e.platform, e.platform_id, NOW, now, e.published_at)
            for e in entries
            if e.platform_id
        ]
        return self._take(due, now)

    def _take(self, due: list[Due], now: float, paced: bool = False) -> RunResult:
        result = RunResult()
        if not due:
            return result  # most runs: nothing came due since the last one
        by_account: dict[str, list[Due]] = defaultdict(list)
        for item in due:
            by_account[item.account_id].append(item)
        accounts = {a.id: a for a in self.registry.list()}
        for account_id, items in by_account.items():
            account = accounts.get(account_id)
            entry = platforms.BY_ID.get(items[0].platform)
            if account is None or account.auth == "manual" or entry is None or entry.metrics is None:
                continue  # removed, posted by hand, or a platform without metrics: nothing to ask
            if not self.enabled(entry.id):
                continue
            state = self.needs_reconnect(account_id)
            if state:
                result.reconnect.add(account_id)
                if not state.startswith(_PARTIAL):
                    continue  # nothing can be read until the officer reconnects
            if paced and self._waits(account_id, items, now):
                result.waiting += len(items)  # read a moment ago: these wait for the next read
                continue
            self._account(account, items, now, result, paced)
        return result

    def _waits(self, account_id: str, items: list[Due], now: float) -> bool:
        """Whether the scheduled snapshots of this account wait for a later read."""
        read_at: float = self._kept.get(account_id, {}).get("read_at", float("-inf"))
        since = now - read_at
        if since < 0:
            return False  # the clock was set back: read now rather than wait for it to catch up
        if any(now - i.due_at >= WAIT_AT_MOST for i in items):
            return False  # one of them would soon count as late
        early = MARKS[0][0]
        return since < (self.read_every if any(i.mark == early for i in items) else self.read_every_settled)

    def _account(
        self, account: Account, items: list[Due], now: float, result: RunResult, paced: bool
    ) -> None:
        entry = platforms.get(account.platform)
        assert entry.metrics is not None
        fetcher = entry.metrics()
        fits, remaining = len(items), self.remaining(account.platform, now)
        while fits and fetcher.requests_for(fits) > remaining:
            fits -= 1
        result.waiting += len(items) - fits
        if not fits:
            return
        items = items[:fits]
        kept = self._kept.setdefault(account.id, {})
        if paced:  # an on-demand read moves no scheduled one later
            kept["read_at"] = now
        session = self.session_factory()
        try:
            secrets = self.registry.secrets(account)
            ctx = FetchCtx(
                session,
                account,
                secrets,
                self.registry.auth(session, account, secrets),
                now=now,
                kept=kept,
                published={i.platform_id: i.published_at for i in items},
            )
            known = self.needs_reconnect(account.id)
            if known.startswith(_PARTIAL):  # do not ask again for what was refused
                ctx.cache.update(no_insights=known, missing_permission=known)
            self._spend(account.platform, now, fetcher.requests_for(len(items)))
            counts = fetcher.fetch(ctx, [i.platform_id for i in items])
        except ApiError as error:
            self._failed(account, error, now, result, len(items))
            return
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # an answer not as documented
            log.warning(
                "metrics: %s answered in an unexpected shape (%s); trying again later",
                account.name,
                type(exc).__name__,
            )
            result.waiting += len(items)
            return
        finally:
            session.close()
        if ctx.cache.get("missing_permission"):
            self._mark(
                account, _PARTIAL + str(ctx.cache["missing_permission"]).removeprefix(_PARTIAL), result
            )
        snapshots = []
        for item in items:
            found: Counts | None = counts.get(item.platform_id)
            if found is None:
                result.waiting += 1  # deleted on the platform, or not visible yet
                continue
            snapshots.append(Snapshot(item.history_id, item.mark, item.due_at, now, found))
        self.workspace.metrics.add_all(snapshots)
        result.taken += len(snapshots)

    def _failed(self, account: Account, error: ApiError, now: float, result: RunResult, count: int) -> None:
        result.waiting += count
        if error.kind in ("permission", "auth", "keyring"):
            self._kept.pop(account.id, None)
            self._mark(account, error.code, result)
        elif error.kind in ("rate_limit", "quota", "billing"):
            self._spend(account.platform, now, self.remaining(account.platform, now))  # done for today
            log.info("metrics: %s is busy (%s); the rest waits for tomorrow", account.platform, error.code)
        else:
            log.info("metrics: %s did not answer (%s); trying again later", account.name, error.code)

    def _mark(self, account: Account, reason: str, result: RunResult) -> None:
        if not self.needs_reconnect(account.id):
            log.warning("metrics: %s needs reconnecting for statistics (%s)", account.name, reason)
        self.set_reconnect(account.id, reason or "permission")
        result.reconnect.add(account.id)
