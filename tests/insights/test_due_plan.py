"""What is due is read from each post's planned next mark (``metric_plan``): an upgraded
workspace plans its old posts from the snapshots they already have, and a run's look-up
does not grow with the posts measured long ago."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from composer.store import db as dbmod
from composer.store.metrics import MARKS, Snapshot
from composer.store.outbox import HistoryEntry
from composer.store.workspace import Workspace

P = 1_795_000_000.0
HOUR, DAY = 3600.0, 86400.0


def test_an_upgraded_workspace_plans_its_old_posts_from_their_snapshots(tmp_path: Path) -> None:
    path = tmp_path / "siar.db"
    old = sqlite3.connect(path)
    old.isolation_level = None
    before = dbmod.MIGRATIONS.index(dbmod._metric_plan)
    for migration in dbmod.MIGRATIONS[:before]:
        migration(old)
    old.execute(f"PRAGMA user_version={before}")
    taken = {"none": [], "early": ["1h"], "all": ["1h", "24h", "7d"], "late": ["24h"], "manual": []}
    for name, marks in taken.items():
        old.execute(
            "INSERT INTO history (id, post_id, account_id, account_name, platform, text, platform_id,"
            " published_at, via) VALUES (?, 'p', 'acc', 'Kanim', 'x', 't', '7', ?, ?)",
            (name, P, "manual" if name == "manual" else "api"),
        )
        for mark in marks:
            old.execute(
                "INSERT INTO metric_snapshots (history_id, mark, due_at, taken_at, metrics) VALUES (?, ?, ?, ?, '{}')",
                (name, mark, P + dict(MARKS)[mark], P + dict(MARKS)[mark]),
            )
    old.close()
    workspace = Workspace(data=tmp_path, cache=tmp_path / "cache")
    try:
        assert {(d.history_id, d.mark) for d in workspace.metrics.due(P + 2 * DAY)} == {
            ("none", "24h"),
            ("early", "24h"),
        }
        assert {(d.history_id, d.mark) for d in workspace.metrics.due(P + 8 * DAY)} == {
            ("none", "7d"),
            ("early", "7d"),
            ("late", "7d"),
        }
        assert workspace.metrics.due(P + 15 * DAY) == []  # a week late at the most
    finally:
        workspace.close()


def _published(workspace: Workspace, when: float) -> HistoryEntry:
    entry = HistoryEntry(
        uuid.uuid4().hex, uuid.uuid4().hex, "acc", "Kanim", "facebook", "Kabar",
        platform_id=f"1_{uuid.uuid4().int % 10**9}", published_at=when,
    )  # fmt: skip
    workspace.outbox.record(entry)
    return entry


def _steps_of_due(workspace: Workspace, now: float) -> int:
    """SQLite virtual-machine steps (in units of 100) the look-up takes: a count, not a time."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    workspace.db.set_progress_handler(count, 100)
    try:
        workspace.metrics.due(now)
    finally:
        workspace.db.set_progress_handler(None, 100)
    return steps[0]


def test_the_due_look_up_reads_the_pending_posts_not_every_measured_one(workspace: Workspace) -> None:
    now = P + 8 * DAY
    pending = [_published(workspace, now - 2 * HOUR) for _ in range(5)]
    alone = _steps_of_due(workspace, now)
    measured = [_published(workspace, P + i * 600) for i in range(1000)]  # all within the last two weeks
    workspace.metrics.add_all(
        Snapshot(e.id, mark, e.published_at + offset, e.published_at + offset, {"views": 1})
        for e in measured
        for mark, offset in MARKS
    )
    due = workspace.metrics.due(now)
    assert {d.history_id for d in due} == {e.id for e in pending}
    assert _steps_of_due(workspace, now) <= 2 * alone + 5  # was ~1,000 rows scanned and probed
