"""The Kalender tab, driven by the menu action, the keys and the mouse a person uses."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from composer.core.post import Post
from composer.demo import connect_sandbox
from composer.sandbox import Sandbox
from composer.session import Session
from composer.ui.calendar_view import CalendarPanel
from composer.ui.main_window import MainWindow
from tests.memory_keyring import MemoryKeyring

FUTURE = date.today().year + 1  # scheduled posts must lie ahead of the real clock


def _draft(window: MainWindow, title: str, at: str, platforms: tuple[str, ...]) -> Post:
    post = Post(title=title, text=title, planned_at=at)
    for platform in ("facebook", "instagram", "x", "youtube", "wordpress"):
        post.variant(platform).enabled = platform in platforms
    window.session.workspace.drafts.save(post)
    return post


def _open(qtbot: QtBot, window: MainWindow, year: int, month: int) -> CalendarPanel:
    [action] = [a for a in window.findChildren(QAction) if a.text() == "Ca&lendar"]
    action.trigger()
    panel = window.calendar.panel
    assert panel is not None and window.modes.currentIndex() == window.calendar.index
    panel.show_month(year, month)
    return panel


def _chip_center(qtbot: QtBot, panel: CalendarPanel, day: date, index: int = 0) -> QPoint:
    """Where the chip is on screen, once the grid has been painted."""

    def drawn() -> list[QPoint]:
        return [r.center().toPoint() for r, d, i in panel.grid._chips if d == day and i == index]

    qtbot.waitUntil(lambda: bool(drawn()))
    return drawn()[0]


def test_keys_walk_to_a_post_open_it_and_move_it(qtbot: QtBot, window: MainWindow) -> None:
    post = _draft(window, "Libur Natal", f"{FUTURE}-12-15T09:30", ("instagram",))
    panel = _open(qtbot, window, FUTURE, 12)
    grid = panel.grid
    assert [(i.day.day, i.platform, i.kind) for i in panel.items] == [(15, "instagram", "draft")]
    grid.setFocus()
    # from the 1st: two weeks down, and right to the 15th
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down):
        qtbot.keyClick(grid, key)
    while grid.selected_day.day < 15:
        qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert grid.selected_day == date(FUTURE, 12, 15) and grid.selected_item() is None
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert grid.selected_item() is not None and "Libur Natal" in panel.info.text()
    qtbot.keyClick(grid, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert window.session.workspace.drafts.load(post.id).planned_at == f"{FUTURE}-12-16T09:30"
    assert grid.selected_day == date(FUTURE, 12, 16) and grid.selected_item() is not None
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert window.modes.currentIndex() == 0 and window.post is not None and window.post.id == post.id


def test_dragging_a_held_post_moves_its_job(qtbot: QtBot, window: MainWindow) -> None:
    at = datetime(FUTURE, 12, 10, 9, 0).timestamp()
    job = window.session.workspace.outbox.add("p1", "acc-x", "x", {"text": "Halo"}, scheduled_at=at)
    panel = _open(qtbot, window, FUTURE, 12)
    grid = panel.grid
    start = _chip_center(qtbot, panel, date(FUTURE, 12, 10))
    target = grid.cell_rect(date(FUTURE, 12, 17)).center()
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(grid, start + QPoint(20, 20))
    qtbot.mouseMove(grid, target)
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=target)
    stored = window.session.workspace.outbox.get(job.id)
    assert stored is not None and stored.next_at == datetime(FUTURE, 12, 17, 9, 0).timestamp()
    assert [(i.day.day, i.kind) for i in panel.items] == [(17, "scheduled")]


def test_dragging_a_post_the_platform_holds_moves_it_there(
    qtbot: QtBot, sandbox: Sandbox, memory_keyring: MemoryKeyring
) -> None:
    """Issue 16: Facebook holds the post (scheduled_publish_time); dragging its chip to the
    next day changes the time on Facebook, through the outbox."""
    session = Session()
    connect_sandbox(session.registry, sandbox)
    window = MainWindow(session, session.preferences())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    try:
        day = date.today() + timedelta(days=3)
        at = datetime.combine(day, datetime.min.time()).replace(hour=10).timestamp()
        post = Post(title="Layanan Sabtu", text="Layanan paspor buka Sabtu pukul 08.00")
        session.save_draft(post)
        facebook = [a for a in session.accounts() if a.platform == "facebook"]
        session.post(session.plan_post(post, facebook, at))
        session.run_until_settled()
        (held,) = sandbox.graph.pages["1090000001"].scheduled
        panel = _open(qtbot, window, day.year, day.month)
        grid = panel.grid
        target = day + timedelta(days=1)
        if target not in grid.days:
            target = day - timedelta(days=1)
        assert [(i.day, i.platform, i.kind, i.native) for i in panel.items] == [
            (day, "facebook", "scheduled", True)
        ]
        start = _chip_center(qtbot, panel, day)
        drop = grid.cell_rect(target).center()
        qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(grid, start + QPoint(20, 20))
        qtbot.mouseMove(grid, drop)
        qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=drop)
        expected = int(datetime.combine(target, datetime.min.time()).replace(hour=10).timestamp())
        assert [(i.day, i.native) for i in panel.items] == [(target, True)]  # shown at once
        qtbot.waitUntil(lambda: held["scheduled_publish_time"] == expected, timeout=10000)
        qtbot.waitUntil(lambda: not window.tasks.busy, timeout=5000)
        assert sandbox.graph.pages["1090000001"].posts == []  # still held, not published
    finally:
        window.close()
        session.close()


def test_page_down_and_the_week_view(qtbot: QtBot, window: MainWindow) -> None:
    _draft(window, "Imlek", f"{FUTURE + 1}-01-20T09:00", ("x",))
    panel = _open(qtbot, window, FUTURE, 12)
    assert panel.items == []
    panel.grid.setFocus()
    qtbot.keyClick(panel.grid, Qt.Key.Key_PageDown)
    assert panel.title.text() == f"January {FUTURE + 1}"
    assert [i.title for i in panel.items] == ["Imlek"]
    qtbot.mouseClick(panel.week_button, Qt.MouseButton.LeftButton)
    assert len(panel.grid.days) == 7 and date(FUTURE + 1, 1, 1) in panel.grid.days and panel.items == []
    for _week in range(3):
        qtbot.keyClick(panel.grid, Qt.Key.Key_PageDown)
    assert [i.title for i in panel.items] == ["Imlek"]


def test_moving_the_open_draft_is_not_undone_by_autosave(qtbot: QtBot, window: MainWindow) -> None:
    post = _draft(window, "Libur Natal", f"{FUTURE}-12-15T09:30", ("x",))
    window.open_draft(post.id)
    panel = _open(qtbot, window, FUTURE, 12)
    panel.grid.setFocus()
    panel.grid.select(date(FUTURE, 12, 15), 0)
    qtbot.keyClick(panel.grid, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    window.modes.setCurrentIndex(0)
    qtbot.keyClicks(window.editor.text_edit, " besok")  # an edit, then the autosave
    window.save_now()
    assert window.session.workspace.drafts.load(post.id).planned_at == f"{FUTURE}-12-16T09:30"


def test_weekly_targets_are_set_in_the_calendar_and_the_gap_is_drawn(
    qtbot: QtBot, window: MainWindow
) -> None:
    from composer.plan import calendar
    from composer.ui.calendar_view import TargetsDialog

    day = date(FUTURE, 12, 7)
    _draft(window, "Satu", f"{day.isoformat()}T09:00", ("instagram",))
    panel = _open(qtbot, window, FUTURE, 12)
    assert panel.grid.gaps == {}
    qtbot.mouseClick(panel.targets_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(TargetsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.spins["instagram"].setValue(3)
    dialog.accept()
    assert calendar.targets(window.session.workspace) == {"instagram": 3}
    monday = day - timedelta(days=day.weekday())
    assert [(g.platform, g.planned, g.gap) for g in panel.grid.gaps[monday]] == [("instagram", 1, 2)]


def _lab(colour: QColor) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour: distances in it follow what the eye tells apart."""

    def linear(c: float) -> float:
        return ((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92

    r, g, b = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    x = (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047
    y = r * 0.2126 + g * 0.7152 + b * 0.0722
    z = (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_each_platform_has_a_colour_of_its_own_in_the_calendar() -> None:
    # A month chip has no room for the platform's name: its colour is all that tells X from
    # TikTok. CIE76 ΔE ≥ 20 is "clearly another colour" even on a 4-pixel bar; and white
    # text on a published chip keeps WCAG's 3:1 for bold text.
    from itertools import combinations

    from composer import platforms
    from composer.ui.calendar_view import accent

    colours = {p: accent(p) for p in platforms.ids()}
    for a, b in combinations(colours, 2):
        distance = sum((p - q) ** 2 for p, q in zip(_lab(colours[a]), _lab(colours[b]), strict=True)) ** 0.5
        assert distance >= 20, (a, b, round(distance, 1))
    for platform_id, colour in colours.items():
        luminance = _lab(colour)[0]
        assert luminance <= 62, platform_id  # L* 62 ≈ 3:1 against white


def test_home_shift_tab_and_an_arrow_past_the_month(qtbot: QtBot, window: MainWindow) -> None:
    _draft(window, "Pagi", f"{FUTURE}-12-31T08:00", ("instagram", "x"))
    panel = _open(qtbot, window, FUTURE, 12)
    grid = panel.grid
    grid.setFocus()
    grid.select(date(FUTURE, 12, 31))
    # Shift+Tab from the day itself picks its last post, then the one before
    qtbot.keyClick(grid, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert grid.selected_index == 1
    qtbot.keyClick(grid, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert grid.selected_index == 0 and "Pagi" in panel.info.text()
    # a week on from the last row of December is in January's page
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert panel.title.text() == f"January {FUTURE + 1}" and grid.selected_day == date(FUTURE + 1, 1, 14)
    # Home comes back to today from a month more than a year away
    qtbot.keyClick(grid, Qt.Key.Key_Home)
    today = date.today()
    assert grid.selected_day == today and today in grid.days


def test_a_drag_repaints_only_the_cells_it_crosses_and_every_chip_stays_clickable(
    qtbot: QtBot, window: MainWindow
) -> None:
    for day in (3, 10, 24):
        _draft(window, f"Rencana {day}", f"{FUTURE}-12-{day:02d}T09:00", ("facebook",))
    panel = _open(qtbot, window, FUTURE, 12)
    grid = panel.grid
    start = _chip_center(qtbot, panel, date(FUTURE, 12, 10))
    regions: list[tuple[int, int]] = []
    original = grid.paintEvent

    def spy(event):  # type: ignore[no-untyped-def]
        regions.append((event.rect().width(), event.rect().height()))
        original(event)

    grid.paintEvent = spy  # type: ignore[method-assign]
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(grid, start + QPoint(20, 20))
    qtbot.waitUntil(lambda: bool(regions))
    for _ in range(3):  # the press selected the chip: the info line and its whole repaint first
        QApplication.processEvents()
    regions.clear()
    qtbot.mouseMove(grid, grid.cell_rect(date(FUTURE, 12, 11)).center())
    qtbot.waitUntil(lambda: bool(regions))
    cell = grid.cell_rect(date(FUTURE, 12, 11))
    # A month of posts repainted whole took more than a frame per move: only the two cells.
    assert all(w <= 2 * cell.width() + 2 and h <= cell.height() + 2 for w, h in regions), regions
    # The cells this paint left alone keep their chips' places: the 24th is still clickable.
    far = grid.cell_rect(date(FUTURE, 12, 24))
    assert grid.chip_at(far.topLeft() + QPoint(12, 26)) == (date(FUTURE, 12, 24), 0)
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=start)
    grid.paintEvent = original  # type: ignore[method-assign]
