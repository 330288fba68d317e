"""The monthly report's figures, computed once from the workspace (issue 15 item 3).

The PDF, the XLSX and the CSV are all drawn from one :class:`MonthReport`, so their
numbers cannot disagree. Times are the office's (WIB, UTC+7, by default); a week is
"Minggu 1" = days 1–7 of the month, "Minggu 2" = 8–14, … "Minggu 5" = 29–31.

- *Teraktif*: uploads per platform and per week (every history entry of the month).
- *Terpopuler*: interactions within 24 h per platform and per post — the "24h" snapshot's
  ``interactions`` (likes/reactions + comments + shares + saved, or the platform's own
  total). A post without a 24 h snapshot counts 0 and is listed as "no data".
- Hashtags: how often each was used, per upload.
- Evidence (*bukti tayang*): every upload with its metrics at 24 h and 7 d.
- *Waktu tanggap*: how fast the office answered the public's questions and complaints
  received in the month (the inbox's ``CommentStore.response_times``): the median time to
  the first answer, the share answered within 24 h, and how many are still unanswered.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from composer import i18n, platforms
from composer.core.platforms.base import hashtags
from composer.store.comments import ResponseFigures
from composer.store.metrics import Snapshot, at_mark
from composer.store.workspace import Workspace

WIB = timezone(timedelta(hours=7), "WIB")
KIP_CATEGORIES = {
    "berkala": "Informasi berkala",
    "serta-merta": "Informasi serta-merta",
    "setiap-saat": "Informasi setiap saat",
}
METRIC_COLUMNS = (
    "views",
    "reach",
    "likes",
    "comments",
    "shares",
    "saved",
    "clicks",
    "interactions",
    "watch_minutes",  # YouTube Analytics, where the account allowed it
)
_MONTH = re.compile(r"(\d{4})-(\d{2})")


class BadMonth(ValueError):
    """Not a month as YYYY-MM."""


def parse_month(text: str) -> tuple[int, int]:
    match = _MONTH.fullmatch(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 2000:
        raise BadMonth(text)
    return int(match.group(1)), int(match.group(2))


@dataclass(frozen=True)
class Upload:
    history_id: str
    post_id: str
    when: datetime  # office time
    week: int  # 1..5
    platform: str
    platform_name: str
    account: str
    caption: str
    title: str
    link: str
    hashtags: tuple[str, ...]
    kip: str
    media_id: str  # the first image, "" when none
    media: tuple[dict[str, object], ...]  # every attachment as sent (for the preview card)
    at_24h: dict[str, int] | None
    at_7d: dict[str, int] | None
    taken_24h: float | None  # when the 24 h snapshot was really taken (UTC seconds)
    taken_7d: float | None

    @property
    def interactions_24h(self) -> int:
        return (self.at_24h or {}).get("interactions", 0)


@dataclass
class MonthReport:
    office: str
    year: int
    month: int
    uploads: list[Upload] = field(default_factory=list)
    platform_ids: list[str] = field(default_factory=list)  # in preview order, those with uploads
    responses: ResponseFigures = field(default_factory=lambda: ResponseFigures(0, 0, 0, 0, None))

    @property
    def title(self) -> str:
        return f"Laporan Bulanan Media Sosial — {MONTHS_ID[self.month - 1]} {self.year}"

    @property
    def weeks(self) -> int:
        return (calendar.monthrange(self.year, self.month)[1] + 6) // 7

    def uploads_per_platform(self) -> dict[str, int]:
        counts = Counter(u.platform for u in self.uploads)
        return {p: counts.get(p, 0) for p in self.platform_ids}

    def uploads_per_week(self) -> dict[str, list[int]]:
        table = {p: [0] * self.weeks for p in self.platform_ids}
        for u in self.uploads:
            table[u.platform][u.week - 1] += 1
        return table

    def interactions_per_platform(self) -> dict[str, int]:
        sums: dict[str, int] = defaultdict(int)
        for u in self.uploads:
            sums[u.platform] += u.interactions_24h
        return {p: sums.get(p, 0) for p in self.platform_ids}

    def without_24h(self) -> int:
        return sum(1 for u in self.uploads if u.at_24h is None)

    def top_posts(self, count: int = 10) -> list[Upload]:
        return sorted(self.uploads, key=lambda u: (-u.interactions_24h, u.when))[:count]

    def hashtag_use(self) -> list[tuple[str, int]]:
        counts = Counter(tag for u in self.uploads for tag in u.hashtags)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def total_uploads(self) -> int:
        return len(self.uploads)

    def total_interactions(self) -> int:
        return sum(u.interactions_24h for u in self.uploads)

    def share_within_24h_percent(self) -> float:
        """Questions and complaints answered within 24 h, in percent to one decimal (the
        same rounded figure in the PDF, the XLSX and the CSV)."""
        return round(100 * self.responses.share_within_24h, 1)

    def median_response_hours(self) -> float | None:
        """The median time to the first answer in hours to one decimal; None when nothing
        was answered."""
        median = self.responses.median_seconds
        return None if median is None else round(median / 3600, 1)


MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def build(workspace: Workspace, month: str, tz: tzinfo = WIB) -> MonthReport:
    """The report of *month* ("YYYY-MM") from *workspace*; raises :class:`BadMonth`."""
    year, number = parse_month(month)
    start = datetime(year, number, 1, tzinfo=tz)
    end = datetime(year + (number == 12), number % 12 + 1, 1, tzinfo=tz)
    entries = workspace.metrics.published_between(start.timestamp(), end.timestamp())
    snapshots = workspace.metrics.for_entries(e.id for e in entries)
    kip = _kip_categories(workspace, {e.post_id for e in entries})
    report = MonthReport(workspace.settings.load_brand().office_name, year, number)
    report.responses = workspace.comments.response_times(start.timestamp(), end.timestamp())
    for entry in entries:
        when = datetime.fromtimestamp(entry.published_at, UTC).astimezone(tz)
        snaps: list[Snapshot] = snapshots.get(entry.id, [])
        day, week = at_mark(snaps, "24h"), at_mark(snaps, "7d")
        report.uploads.append(
            Upload(
                history_id=entry.id,
                post_id=entry.post_id,
                when=when,
                week=(when.day - 1) // 7 + 1,
                platform=entry.platform,
                platform_name=_indonesian_name(entry.platform),
                account=entry.account_name,
                caption=entry.text,
                title=entry.title,
                link=entry.permalink,
                hashtags=tuple(f"#{tag}" for tag in hashtags(entry.text)),
                kip=kip.get(entry.post_id, ""),
                media_id=str(entry.media[0]["id"]) if entry.media else "",
                media=tuple(entry.media),
                at_24h=dict(day.metrics) if day else None,
                at_7d=dict(week.metrics) if week else None,
                taken_24h=day.taken_at if day else None,
                taken_7d=week.taken_at if week else None,
            )
        )
    used = {u.platform for u in report.uploads}
    report.platform_ids = [p for p in platforms.ids() if p in used] + sorted(used - set(platforms.ids()))
    return report


def _indonesian_name(platform_id: str) -> str:
    """The platform's name in the report's language (Bahasa Indonesia, whatever the UI's)."""
    entry = platforms.BY_ID.get(platform_id)
    return i18n.translate(entry.rules.name, "id") if entry is not None else platform_id


def _kip_categories(workspace: Workspace, post_ids: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for post_id in post_ids:
        try:
            category = workspace.drafts.load(post_id).kip
        except (KeyError, ValueError):
            continue  # the draft was deleted for good, or cannot be read: no category
        if category in KIP_CATEGORIES:
            out[post_id] = category
    return out
