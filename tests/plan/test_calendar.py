"""The content calendar: drafts with a date, scheduled posts (held by the outbox or by the
platform) and the history, per day and platform; moving; weekly targets; the CLI."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date, datetime

import pytest

from composer import cli
from composer.core.post import Post
from composer.plan import calendar
from composer.store.job_state import JobState
from composer.store.outbox import HistoryEntry
from composer.store.workspace import Workspace

NOW = datetime(2026, 11, 20, 12, 0).timestamp()


@pytest.fixture
def ws() -> Iterator[Workspace]:
    workspace = Workspace(clock=lambda: NOW)
    yield workspace
    workspace.close()


def _ts(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


def _draft(ws: Workspace, title: str, at: str, platforms: tuple[str, ...]) -> Post:
    post = Post(title=title, text=title, planned_at=at)
    for platform in ("facebook", "instagram", "x", "youtube", "wordpress"):
        post.variant(platform).enabled = platform in platforms
    ws.drafts.save(post)
    return post


def _month(ws: Workspace) -> list[calendar.CalendarItem]:
    return calendar.items_between(ws, date(2026, 12, 1), date(2027, 1, 1))


def test_the_month_shows_drafts_scheduled_and_published_once_each(ws: Workspace) -> None:
    planned = _draft(ws, "Libur Natal", "2026-12-15T09:30", ("facebook", "instagram"))
    # the Instagram part of the same post is already held by the outbox for the 16th
    held = ws.outbox.add(
        planned.id, "acc-ig", "instagram", {"text": "x"}, scheduled_at=_ts("2026-12-16T08:00")
    )
    video = _draft(ws, "Video layanan", "2026-12-20T10:00", ("youtube",))
    ws.outbox.add(video.id, "acc-yt", "youtube", {"publish_at": _ts("2026-12-21T19:00")})
    ws.outbox.record(
        HistoryEntry(
            "h1", "p-old", "acc-fb", "Kanim", "facebook", "Sudah terbit", published_at=_ts("2026-12-02T11:00")
        )
    )
    _draft(ws, "Bulan depan", "2027-01-02T09:00", ("x",))
    got = [(i.day.day, i.time, i.platform, i.kind, i.native, i.title) for i in _month(ws)]
    assert got == [
        (2, "11:00", "facebook", "published", False, "Sudah terbit"),
        (15, "09:30", "facebook", "draft", False, "Libur Natal"),
        (16, "08:00", "instagram", "scheduled", False, "Libur Natal"),
        (21, "19:00", "youtube", "scheduled", True, "Video layanan"),
    ]
    assert [i.job_id for i in _month(ws) if i.platform == "instagram"] == [held.id]


def test_moving_a_draft_changes_its_planned_date(ws: Workspace) -> None:
    post = _draft(ws, "Libur Natal", "2026-12-15T09:30", ("x",))
    [item] = _month(ws)
    moved = calendar.move(ws, item, date(2026, 12, 17), "14:00")
    assert ws.drafts.load(post.id).planned_at == "2026-12-17T14:00"
    assert [(i.day, i.time) for i in _month(ws)] == [(moved.day, "14:00")]


def test_moving_a_held_post_moves_its_job(ws: Workspace) -> None:
    job = ws.outbox.add("p1", "acc-x", "x", {"text": "Halo"}, scheduled_at=_ts("2026-12-10T09:00"))
    [item] = _month(ws)
    assert item.movable
    calendar.move(ws, item, date(2026, 12, 12))
    stored = ws.outbox.get(job.id)
    assert stored is not None and stored.next_at == _ts("2026-12-12T09:00")
    assert stored.data["scheduled_at"] == _ts("2026-12-12T09:00") and stored.state == JobState.WAITING
    with pytest.raises(calendar.NotMovableError) as past:
        calendar.move(ws, item, date(2026, 11, 1))
    assert past.value.code == "calendar.in_the_past"


def test_a_native_post_moves_and_a_started_one_does_not(ws: Workspace) -> None:
    """Issue 16: a post the platform holds moves too (not sent yet: it goes with the new
    time; once there, an outbox step tells the platform — tests/publish/test_schedule_change.py)."""
    native_job = ws.outbox.add("p1", "acc-yt", "youtube", {"publish_at": _ts("2026-12-21T19:00")})
    job = ws.outbox.add("p2", "acc-x", "x", {"text": "Halo"}, scheduled_at=_ts("2026-12-10T09:00"))
    native, held = sorted(_month(ws), key=lambda i: i.native, reverse=True)
    assert native.movable and native.native
    calendar.move(ws, native, date(2026, 12, 22))
    assert ws.outbox.get(native_job.id).payload["publish_at"] == _ts("2026-12-22T19:00")  # type: ignore[union-attr]
    claimed = ws.outbox.claim(job, "other-process", NOW)  # the outbox started sending it
    assert claimed is not None
    with pytest.raises(calendar.NotMovableError) as started:
        calendar.move(ws, held, date(2026, 12, 12))
    assert started.value.code == "calendar.started"
    assert ws.outbox.get(job.id).next_at == _ts("2026-12-10T09:00")  # type: ignore[union-attr]


def test_weekly_targets_show_the_gap(ws: Workspace) -> None:
    calendar.set_target(ws, "instagram", 3)
    calendar.set_target(ws, "x", 0)  # 0 = no target
    for day in (7, 9):
        _draft(ws, f"Unggahan {day}", f"2026-12-{day:02d}T09:00", ("instagram",))
    weeks = [date(2026, 12, 7), date(2026, 12, 14)]
    gaps = calendar.gaps(_month(ws), calendar.targets(ws), weeks)
    assert [(g.week_start.day, g.platform, g.planned, g.gap) for g in gaps] == [
        (7, "instagram", 2, 1),
        (14, "instagram", 0, 3),
    ]


def test_cli_prints_the_month_and_json(ws: Workspace) -> None:
    _draft(ws, "Libur Natal", "2026-12-15T09:30", ("facebook", "instagram"))
    out = io.StringIO()
    assert cli.main(["calendar", "--month", "2026-12", "--target", "instagram=3"], out) == 0
    text = out.getvalue()
    assert "2026-12-15 (Tuesday)" in text and "09:30  Instagram  Libur Natal  [draft]" in text
    assert "week of 2026-12-14: Instagram 1/3 (short by 2)" in text
    out = io.StringIO()
    assert cli.main(["calendar", "--month", "2026-12", "--json"], out) == 0
    data = json.loads(out.getvalue())
    assert [(i["day"], i["platform"], i["kind"]) for i in data["items"]] == [
        ("2026-12-15", "facebook", "draft"),
        ("2026-12-15", "instagram", "draft"),
    ]
    assert data["targets"] == {"instagram": 3}


@pytest.mark.parametrize("args", [["--month", "2026-13"], ["--month", "Desember"], ["--target", "myspace=3"]])
def test_cli_bad_month_or_target_is_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["calendar", *args], io.StringIO()) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_the_demo_drafts_fill_the_weeks_ahead(ws: Workspace) -> None:
    from composer import demo

    demo.seed(ws, today=date(2026, 12, 1))
    planned = sorted({(i.day, i.title) for i in _month(ws) if i.kind == "draft"})
    assert [d.day for d, _title in planned] == [3, 6, 9, 12]
    assert {t for _d, t in planned} == {d.title for d in demo.DRAFTS}
