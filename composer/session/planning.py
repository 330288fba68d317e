"""The session's planning and reporting use cases: the calendar, the plan import and
export, the monthly report, the snippet library and the inbox's queries. The window's
panels call these (never the workspace behind them); the work itself is done by
``composer.plan``, ``composer.report``, ``composer.insights`` and ``publish/inbox.py``.

A mixin of ``Session``: it reads ``self.workspace`` and ``self.registry``. The modules
behind each use case are imported when it is first used (start-up loads none of them).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from composer.accounts.registry import AccountRegistry
    from composer.insights.settings import MetricsSettings
    from composer.plan.calendar import CalendarItem
    from composer.plan.importer import ImportResult, PlanReport
    from composer.plan.snippets import HashtagSuggestion, Library
    from composer.publish.inbox import InboxService
    from composer.report.model import MonthReport
    from composer.store.workspace import Workspace


class Planning:
    workspace: Workspace
    _inbox: InboxService | None = None

    if TYPE_CHECKING:  # the session's

        @property
        def registry(self) -> AccountRegistry: ...

    # --- the calendar ----------------------------------------------------------------------------
    def calendar_items(self, start: date, end: date) -> list[CalendarItem]:
        """Planned drafts, queued and published posts from *start* up to *end*."""
        from composer.plan import calendar

        return calendar.items_between(self.workspace, start, end)

    def move_on_calendar(self, item: CalendarItem, day: date, at: str | None = None) -> CalendarItem:
        """Plan or reschedule *item* on *day*; NotMovableError says why it cannot move."""
        from composer.plan import calendar

        return calendar.move(self.workspace, item, day, at)

    def calendar_targets(self) -> dict[str, int]:
        """Posts wanted per week, by platform id."""
        from composer.plan import calendar

        return calendar.targets(self.workspace)

    def set_calendar_target(self, platform_id: str, per_week: int) -> None:
        from composer.plan import calendar

        calendar.set_target(self.workspace, platform_id, per_week)

    # --- the plan spreadsheet --------------------------------------------------------------------
    def read_plan(self, path: Path) -> PlanReport:
        """What importing *path* would do, row by row (nothing saved yet)."""
        from composer.plan.importer import read_plan

        return read_plan(path, self.workspace)

    def apply_plan(
        self,
        report: PlanReport,
        *,
        valid_only: bool = False,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportResult:
        """Save the plan's new and changed rows as drafts."""
        from composer.plan.importer import apply

        return apply(report, self.workspace, valid_only=valid_only, progress=progress, cancelled=cancelled)

    # --- the monthly report and the statistics ---------------------------------------------------
    def write_report(
        self, month: str, *, pdf: Path | None = None, xlsx: Path | None = None, csv: Path | None = None
    ) -> MonthReport:
        """The report of *month*, with the files asked for written whole."""
        from composer import report

        return report.write(self.workspace, month, pdf=pdf, xlsx=xlsx, csv=csv)

    def metrics_settings(self) -> MetricsSettings:
        """Which platforms' statistics are fetched, and their request budgets today."""
        from composer.insights.settings import MetricsSettings

        return MetricsSettings(self.workspace)

    # --- snippets ----------------------------------------------------------------------------------
    def snippet_library(self) -> Library:
        from composer.plan.snippets import Library

        return Library(self.workspace.settings)

    def hashtag_suggestions(self) -> list[HashtagSuggestion]:
        """The hashtags of the office's recent posts, best first (the palette's suggestions)."""
        from composer.plan.snippets import ranked_hashtags

        return ranked_hashtags(self.workspace.outbox, self.workspace.metrics)

    # --- the inbox ---------------------------------------------------------------------------------
    def inbox(self) -> InboxService:
        """The comments service (one per session; polling runs on the caller's worker)."""
        if self._inbox is None:
            from composer.publish.inbox import InboxService

            self._inbox = InboxService(self.workspace, self.registry)
        return self._inbox

    def unanswered_comments(self) -> int:
        return self.workspace.comments.unanswered()
