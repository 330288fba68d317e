"""The content calendar: what is planned, scheduled and published, per day and platform.

Three sources, each shown once per (post, platform):

- **draft**: a draft with a planned date (``Post.planned_at``), on each platform it goes to,
  unless the outbox already has that post for that platform;
- **scheduled**: an outbox job waiting for its time (held by Siar: ``native`` False) or a
  post the platform itself will publish at a set time (``native`` True: Facebook, WordPress,
  YouTube). Both move here; a native one is moved on the platform too by an outbox step
  (composer/publish/schedule_change.py);
- **published**: the history.

Times are the laptop's local time. Per-platform weekly targets (settings key
``weekly_targets``) give the gap per ISO week.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from composer import platforms
from composer.store.job_state import JobState

if TYPE_CHECKING:
    from composer.store.workspace import Workspace

TARGETS_KEY = "weekly_targets"
_HIDDEN = (JobState.CANCELLED,)


@dataclass(frozen=True)
class CalendarItem:
    day: date
    time: str  # "HH:MM", local
    platform: str
    kind: str  # "draft", "scheduled" or "published"
    title: str
    post_id: str
    job_id: str = ""
    native: bool = False  # the platform holds it (moving it tells the platform)
    state: str = ""  # the job's state for scheduled items
    permalink: str = ""

    @property
    def movable(self) -> bool:
        """Drafts and scheduled posts (held by the outbox or by the platform) can be moved
        to another day or time."""
        return self.kind in ("draft", "scheduled")

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "day": self.day.isoformat()}


def _local(ts: float) -> datetime:
    return datetime.fromtimestamp(ts)


def _stamp(moment: datetime) -> float:
    return moment.timestamp()  # a naive datetime is local time


def items_between(workspace: Workspace, start: date, end: date) -> list[CalendarItem]:
    """Every item with start ≤ day < end, sorted by day, time and platform."""
    from composer.core.preview import enabled_platforms

    lo, hi = datetime.combine(start, time()), datetime.combine(end, time())
    items: list[CalendarItem] = []
    taken: set[tuple[str, str]] = set()  # (post, platform) the outbox or history already shows
    titles: dict[str, str] = {}
    outbox = workspace.outbox
    for job in outbox.list():
        if job.state in _HIDDEN:
            continue
        publish_at = job.payload.get("publish_at")
        held_at = job.data.get("scheduled_at")
        if isinstance(publish_at, int | float):  # the platform publishes it (native)
            at, native = float(publish_at), True
        elif isinstance(held_at, int | float) and job.state != JobState.DONE:
            at, native = float(held_at), False
        else:
            continue
        taken.add((job.post_id, job.platform))
        moment = _local(at)
        if not lo <= moment < hi:
            continue
        title = titles.get(job.post_id) or _title(workspace, job.post_id, job.payload)
        titles[job.post_id] = title
        kind = (
            "published" if native and job.state == JobState.DONE and at <= workspace.clock() else "scheduled"
        )
        items.append(
            CalendarItem(
                moment.date(),
                moment.strftime("%H:%M"),
                job.platform,
                kind,
                title,
                job.post_id,
                job.id,
                native,
                job.state,
            )
        )
    native_jobs = {i.job_id for i in items if i.native}
    for entry in outbox.published_between(_stamp(lo - timedelta(days=1)), _stamp(hi + timedelta(days=1))):
        taken.add((entry.post_id, entry.platform))
        moment = _local(entry.published_at)
        if entry.job_id in native_jobs or not lo <= moment < hi:
            continue
        title = entry.title or _first_line(entry.text)
        items.append(
            CalendarItem(
                moment.date(),
                moment.strftime("%H:%M"),
                entry.platform,
                "published",
                title,
                entry.post_id,
                entry.job_id or "",
                permalink=entry.permalink,
            )
        )
    for post in workspace.drafts.planned(lo.strftime("%Y-%m-%dT%H:%M"), hi.strftime("%Y-%m-%dT%H:%M")):
        try:
            moment = datetime.fromisoformat(post.planned_at)
        except ValueError:
            continue
        for platform in enabled_platforms(post):
            if (post.id, platform.id) in taken:
                continue
            items.append(
                CalendarItem(
                    moment.date(),
                    moment.strftime("%H:%M"),
                    platform.id,
                    "draft",
                    post.display_title(),
                    post.id,
                )
            )
    order = {p: i for i, p in enumerate(platforms.ids())}
    items.sort(key=lambda i: (i.day, i.time, order.get(i.platform, 99), i.title))
    return items


def _title(workspace: Workspace, post_id: str, payload: dict[str, Any]) -> str:
    try:
        return workspace.drafts.load(post_id).display_title()
    except (KeyError, ValueError):
        return _first_line(str(payload.get("title") or payload.get("text") or ""))


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0][:80] if text.strip() else ""


def month_grid(year: int, month: int) -> list[date]:
    """The 42 days (six weeks from Monday) a month view shows."""
    first = date(year, month, 1)
    start = first - timedelta(days=first.weekday())
    return [start + timedelta(days=i) for i in range(42)]


def week_days(day: date) -> list[date]:
    start = day - timedelta(days=day.weekday())
    return [start + timedelta(days=i) for i in range(7)]


# --- moving -----------------------------------------------------------------------------------
class NotMovableError(ValueError):
    """The item cannot be moved here: ``code`` says why (published, already started, a
    time the platform refuses…), ``params`` fill the message."""

    def __init__(self, code: str, params: dict[str, str] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params = params or {}


def move(workspace: Workspace, item: CalendarItem, day: date, at: str | None = None) -> CalendarItem:
    """Move *item* to *day* (and *at* "HH:MM", else its own time). A draft's planned date
    changes; a scheduled post gets the new time — in the outbox, or on the platform that
    holds it through a change job the outbox sends. Published items refuse."""
    at = at or item.time
    moment = datetime.combine(day, time.fromisoformat(at))
    if item.kind == "draft":
        post = workspace.drafts.load(item.post_id)
        post.planned_at = moment.strftime("%Y-%m-%dT%H:%M")
        workspace.drafts.save(post)
    elif item.kind == "scheduled":
        from composer.publish import schedule_change

        if moment.timestamp() <= workspace.clock():
            raise NotMovableError("calendar.in_the_past")
        try:
            schedule_change.reschedule(workspace.outbox, item.job_id, moment.timestamp(), workspace.clock())
        except schedule_change.ScheduleRefused as refused:
            code = "calendar.started" if refused.code == "schedule.started" else refused.code
            raise NotMovableError(code, refused.params) from None
    else:
        raise NotMovableError("calendar.published")
    return CalendarItem(
        day,
        at,
        item.platform,
        item.kind,
        item.title,
        item.post_id,
        item.job_id,
        item.native,
        item.state,
        item.permalink,
    )


# --- targets ----------------------------------------------------------------------------------
def targets(workspace: Workspace) -> dict[str, int]:
    """Posts per week wanted on each platform ({} = none set)."""
    try:
        raw = json.loads(workspace.settings.get(TARGETS_KEY) or "{}")
    except ValueError:
        return {}
    if not isinstance(raw, dict):
        return {}
    return {str(k): int(v) for k, v in raw.items() if k in platforms.BY_ID and isinstance(v, int) and v > 0}


def set_target(workspace: Workspace, platform_id: str, per_week: int) -> None:
    values = targets(workspace)
    if per_week > 0:
        values[platform_id] = per_week
    else:
        values.pop(platform_id, None)
    workspace.settings.put(TARGETS_KEY, json.dumps(values))


@dataclass(frozen=True)
class WeekGap:
    week_start: date  # the Monday
    platform: str
    target: int
    planned: int  # drafts, scheduled and published in that week

    @property
    def gap(self) -> int:
        return max(self.target - self.planned, 0)


def gaps(items: list[CalendarItem], wanted: dict[str, int], weeks: list[date]) -> list[WeekGap]:
    """For each week (its Monday) and each platform with a target: how many are planned."""
    counts: dict[tuple[date, str], int] = {}
    for item in items:
        monday = item.day - timedelta(days=item.day.weekday())
        counts[(monday, item.platform)] = counts.get((monday, item.platform), 0) + 1
    return [WeekGap(w, p, n, counts.get((w, p), 0)) for w in weeks for p, n in wanted.items()]
