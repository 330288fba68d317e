"""Metric snapshots of published posts, tied to their history entries (issue 15).

A snapshot is the platform's counts for one post at one moment: ``mark`` says which
planned moment it stands for ("1h", "24h", "7d") or "now" for one the officer asked for.
``due_at`` is when it was planned and ``taken_at`` when it really was: after the laptop
was off over the mark, the snapshot is taken late and says so.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from composer.store.db import transaction
from composer.store.outbox import HistoryEntry

MARKS: tuple[tuple[str, float], ...] = (("1h", 3600.0), ("24h", 86400.0), ("7d", 7 * 86400.0))
"""The planned snapshots after publishing (shared/PLATFORMS.md §12.3, without +72 h)."""
NOW = "now"
CATCH_UP_SECONDS = 7 * 86400.0  # a "7d" snapshot is still taken up to a week late


@dataclass(frozen=True)
class Snapshot:
    history_id: str
    mark: str
    due_at: float
    taken_at: float
    metrics: dict[str, int] = field(default_factory=dict)

    @property
    def late(self) -> bool:
        """Taken more than an hour after its mark (the laptop was off, or the budget ran out)."""
        return self.mark != NOW and self.taken_at - self.due_at > 3600


@dataclass(frozen=True)
class Due:
    """A planned snapshot not yet taken."""

    history_id: str
    account_id: str
    platform: str
    platform_id: str
    mark: str
    due_at: float
    published_at: float = 0.0


class MetricsStore:
    def __init__(self, db: sqlite3.Connection, lock: threading.Lock) -> None:
        self._db = db
        self._lock = lock

    def add(self, snapshot: Snapshot) -> None:
        """Record *snapshot*; a second one for the same planned mark is ignored."""
        self.add_all([snapshot])

    def add_all(self, snapshots: Iterable[Snapshot]) -> None:
        """Several snapshots (one fetch's) in one transaction."""
        snapshots = list(snapshots)
        rows = [
            (s.history_id, s.mark, s.due_at, s.taken_at, json.dumps(s.metrics, sort_keys=True))
            for s in snapshots
        ]
        offsets = dict(MARKS)
        following = dict(zip((m for m, _ in MARKS), (o for _, o in MARKS[1:]), strict=False))
        moved = [  # the plan's next mark: published_at + the following mark's offset
            (s.due_at - offsets[s.mark] + following[s.mark], s.history_id)
            for s in snapshots
            if s.mark in following
        ]
        done = [(s.history_id,) for s in snapshots if s.mark == MARKS[-1][0]]
        with transaction(self._db, self._lock):
            self._db.executemany(
                """INSERT OR IGNORE INTO metric_snapshots (history_id, mark, due_at, taken_at, metrics)
                   VALUES (?, ?, ?, ?, ?)""",
                rows,
            )
            self._db.executemany(
                "UPDATE metric_plan SET next_at = MAX(next_at, ?) WHERE history_id = ?", moved
            )
            self._db.executemany("DELETE FROM metric_plan WHERE history_id = ?", done)

    def due(self, now: float, limit: int = 5000) -> list[Due]:
        """Planned snapshots whose time has come and that were not taken, oldest first.

        Only the latest passed mark of a post is due: a post seen first 3 days after it
        went out gets its "24h" snapshot (late), not a "1h" one too. Read through
        ``metric_plan`` (each post's next planned mark, indexed): only the posts with a
        snapshot pending are looked at, not every post of the last two weeks."""
        (first, _), (day, day_offset), (week, week_offset) = MARKS
        with self._lock:
            rows = self._db.execute(
                """SELECT id, account_id, platform, platform_id, mark, due_at, published_at FROM (
                     SELECT h.id, h.account_id, h.platform, h.platform_id, h.published_at,
                            CASE WHEN h.published_at + :week <= :now THEN :week_mark
                                 WHEN h.published_at + :day <= :now THEN :day_mark
                                 ELSE :first_mark END AS mark,
                            h.published_at + CASE WHEN h.published_at + :week <= :now THEN :week
                                 WHEN h.published_at + :day <= :now THEN :day ELSE :first END AS due_at
                     FROM metric_plan p JOIN history h ON h.id = p.history_id
                     WHERE p.next_at <= :now AND p.next_at > :now - :week - :catch_up
                       AND h.platform_id != '' AND h.via = 'api' AND h.published_at + :first <= :now
                       AND h.published_at + :week > :now - :catch_up) AS d
                   WHERE NOT EXISTS (SELECT 1 FROM metric_snapshots s WHERE s.history_id = d.id AND s.mark = d.mark)
                   ORDER BY due_at LIMIT :limit""",
                {
                    "now": now,
                    "first": MARKS[0][1],
                    "day": day_offset,
                    "week": week_offset,
                    "first_mark": first,
                    "day_mark": day,
                    "week_mark": week,
                    "catch_up": CATCH_UP_SECONDS,
                    "limit": limit,
                },
            ).fetchall()
        return [
            Due(
                r["id"],
                r["account_id"],
                r["platform"],
                r["platform_id"],
                r["mark"],
                r["due_at"],
                r["published_at"],
            )
            for r in rows
        ]

    def for_entries(self, history_ids: Iterable[str]) -> dict[str, list[Snapshot]]:
        """Every snapshot of these entries, oldest first."""
        ids = list(history_ids)
        out: dict[str, list[Snapshot]] = {i: [] for i in ids}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            with self._lock:
                rows = self._db.execute(
                    f"""SELECT history_id, mark, due_at, taken_at, metrics FROM metric_snapshots
                        WHERE history_id IN ({",".join("?" * len(chunk))}) ORDER BY taken_at""",
                    chunk,
                ).fetchall()
            for row in rows:
                out[row["history_id"]].append(
                    Snapshot(
                        row["history_id"],
                        row["mark"],
                        row["due_at"],
                        row["taken_at"],
                        {str(k): int(v) for k, v in json.loads(row["metrics"]).items()},
                    )
                )
        return out

    def published_between(self, start: float, end: float) -> list[HistoryEntry]:
        """History entries published in [start, end), oldest first (the monthly report)."""
        return self._entries(
            "SELECT * FROM history WHERE published_at >= ? AND published_at < ? ORDER BY published_at, platform",
            (start, end),
        )

    def entries(self, history_ids: Iterable[str]) -> list[HistoryEntry]:
        """These history entries (an on-demand snapshot), oldest first."""
        ids = list(history_ids)[:900]  # within SQLite's bound-parameter limit
        return self._entries(
            f"SELECT * FROM history WHERE id IN ({','.join('?' * len(ids))}) ORDER BY published_at",
            tuple(ids),
        )

    def _entries(self, query: str, params: tuple[object, ...]) -> list[HistoryEntry]:
        with self._lock:
            rows = self._db.execute(query, params).fetchall()
        out = []
        for row in rows:
            values = dict(row)
            values["media"] = json.loads(values["media"])
            out.append(HistoryEntry(**values))
        return out


def at_mark(snapshots: list[Snapshot], mark: str) -> Snapshot | None:
    return next((s for s in snapshots if s.mark == mark), None)
