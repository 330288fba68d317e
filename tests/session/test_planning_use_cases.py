"""The calendar, plan, report, snippet and inbox use cases on the session: the window's
panels call these, never the workspace (issue 11)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import composer
from composer.core.post import Post
from composer.session import Session


def test_the_calendar_through_the_session(session: Session) -> None:
    post = Post(title="Libur nasional", text="Kantor tutup", planned_at="2031-03-10T09:00")
    session.save_draft(post)
    items = session.calendar_items(date(2031, 3, 1), date(2031, 4, 1))
    assert items and {i.post_id for i in items} == {post.id}  # one per platform it goes to
    item = items[0]
    assert item.movable
    moved = session.move_on_calendar(item, date(2031, 3, 12))
    assert moved.day == date(2031, 3, 12)
    assert session.open_draft(post.id).planned_at == "2031-03-12T09:00"
    session.set_calendar_target("instagram", 3)
    assert session.calendar_targets() == {"instagram": 3}


def test_snippets_the_report_and_the_inbox_through_the_session(session: Session, tmp_path: Path) -> None:
    session.snippet_library().add_hashtag_set("Kampanye", "#ImigrasiMelayani")
    assert session.snippet_library().hashtag_sets() == {"Kampanye": ["#ImigrasiMelayani"]}
    assert session.hashtag_suggestions() == []
    made = session.write_report("2031-02", csv=tmp_path / "laporan.csv")
    assert made.total_uploads() == 0 and (tmp_path / "laporan.csv").is_file()
    assert session.metrics_settings().enabled("x")
    assert session.inbox() is session.inbox()  # one service per session
    assert session.unanswered_comments() == 0


def test_no_widget_reads_the_workspace_behind_the_window() -> None:
    """The window has no ``workspace`` of its own: panels get the session."""
    from composer.ui.main_window import MainWindow

    assert not hasattr(MainWindow, "workspace")
    ui = Path(composer.__file__).parent / "ui"
    for path in ui.rglob("*.py"):
        assert not re.search(r"window\.workspace\b", path.read_text(encoding="utf-8")), path
