"""The metrics' own settings in the workspace: per-account reconnect state, per-platform
on/off and the requests spent today against each platform's daily budget. Kept apart from
the service so the window can show them without loading the network code."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from composer import platforms
from composer.i18n import N_
from composer.store.workspace import Workspace

RECONNECT = N_("Reconnect to allow statistics")
_STATE_KEY = "metrics.reconnect."
_SPENT_KEY = "metrics.spent."
_OFF_KEY = "metrics.off."  # the officer turned a platform's statistics off (X bills every read)
_PARTIAL = "partial:"  # the counts still come, the insights (views, reach) do not


def utc_day(now: float) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(now))


@dataclass(frozen=True)
class Budget:
    platform_id: str
    name: str
    spent: int
    budget: int
    enabled: bool


class MetricsSettings:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    # --- per-account state and per-platform budget -------------------------------------------
    def needs_reconnect(self, account_id: str) -> str:
        """The permission the account lacks ("" when it is fine)."""
        return self.workspace.settings.get(_STATE_KEY + account_id)

    def set_reconnect(self, account_id: str, reason: str) -> None:
        self.workspace.settings.put(_STATE_KEY + account_id, reason)

    def reconnected(self, account_id: str) -> None:
        """Forget the state (the accounts dialog calls this after a reconnect)."""
        self.workspace.settings.put(_STATE_KEY + account_id, "")

    def enabled(self, platform_id: str) -> bool:
        return self.workspace.settings.get(_OFF_KEY + platform_id) != "1"

    def set_enabled(self, platform_id: str, on: bool) -> None:
        self.workspace.settings.put(_OFF_KEY + platform_id, "" if on else "1")

    def spent(self, platform_id: str, now: float) -> int:
        raw = self.workspace.settings.get(_SPENT_KEY + platform_id)
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            data = {}
        return int(data.get("requests", 0)) if data.get("day") == utc_day(now) else 0

    def remaining(self, platform_id: str, now: float) -> int:
        return max(0, platforms.get(platform_id).metrics_budget - self.spent(platform_id, now))

    def _spend(self, platform_id: str, now: float, requests_made: int) -> None:
        total = self.spent(platform_id, now) + requests_made
        self.workspace.settings.put(
            _SPENT_KEY + platform_id, json.dumps({"day": utc_day(now), "requests": total})
        )

    def budgets(self, now: float) -> list[Budget]:
        """Every platform with metrics: today's requests, its budget, on or off."""
        return [
            Budget(p.id, p.name, self.spent(p.id, now), p.metrics_budget, self.enabled(p.id))
            for p in platforms.BY_ID.values()
            if p.metrics is not None
        ]
