"""Kalender: the month or week of posts beside the composer, coloured by platform.

One painted grid (no widget per post, so a month of 1,000 items opens at once): a cell per
day with a chip per (post, platform) — outlined for a draft, tinted for a scheduled post,
filled for a published one — and, when weekly targets are set, a column with each week's
gap. What is shown and how it moves is composer/plan/calendar.py; this module only draws
and forwards the officer's gestures.

Keys: arrows move between days (↑/↓ a week), Tab / Shift+Tab between the day's posts,
Enter opens the draft, Ctrl+arrows move the selected post (a day, or a week), Page Up /
Page Down change the month or week, Home goes to today. Dragging a chip to another day
moves it too.
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from composer import platforms
from composer.i18n import N_, _, describe_code
from composer.plan import calendar
from composer.plan.calendar import CalendarItem, NotMovableError, WeekGap

if TYPE_CHECKING:
    from composer.session import Session

MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip
WEEKDAYS_SHORT = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
MOVE_MESSAGES = {
    "calendar.published": N_("This post is already published; it cannot be moved."),
    "calendar.started": N_("The outbox has already started this post; it can no longer be moved."),
    "calendar.in_the_past": N_("A scheduled post can only be moved to a time that has not passed."),
}
HEADER_H = 22
TARGET_W = 120
DRAG_PX = 6


def accent(platform_id: str) -> QColor:
    """The platform's colour in the calendar (its card's, unless the registry gives one
    of its own: a month chip tells platforms apart by colour alone)."""
    entry = platforms.BY_ID.get(platform_id)
    return QColor((entry.card.calendar or entry.card.accent) if entry else "#555555")


def kind_text(item: CalendarItem) -> str:
    if item.kind == "scheduled":
        return _("scheduled on the platform") if item.native else _("scheduled in the outbox")
    return _("draft") if item.kind == "draft" else _("published")


class CalendarGrid(QWidget):
    sig_open = Signal(object)  # CalendarItem
    sig_move = Signal(object, object)  # CalendarItem, new date
    sig_selected = Signal(object)  # CalendarItem | None
    sig_page = Signal(int)  # -1 / +1: the previous or next month or week
    sig_today = Signal()  # Home: today's month or week, however far away the one shown is

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.days: list[date] = []
        self.month = 0
        self.by_day: dict[date, list[CalendarItem]] = {}
        self.gaps: dict[date, list[WeekGap]] = {}
        self.selected_day = date.today()
        self.selected_index = -1
        self.week_view = False
        self._press: tuple[QPoint, CalendarItem] | None = None
        self._drop_day: date | None = None
        self._chips: list[tuple[QRectF, date, int]] = []  # where each drawn chip is

    # --- data ----------------------------------------------------------------------------
    def show_items(
        self, days: list[date], month: int, items: list[CalendarItem], gaps: list[WeekGap], week_view: bool
    ) -> None:
        self.days, self.month, self.week_view = days, month, week_view
        self.by_day = {}
        for item in items:
            self.by_day.setdefault(item.day, []).append(item)
        self.gaps = {}
        for gap in gaps:
            self.gaps.setdefault(gap.week_start, []).append(gap)
        if self.selected_day not in days:
            self.selected_day = days[0] if month == 0 else next(d for d in days if d.month == month)
        count = len(self.by_day.get(self.selected_day, []))
        self.selected_index = min(self.selected_index, count - 1)
        self.update()
        self.sig_selected.emit(self.selected_item())

    def selected_item(self) -> CalendarItem | None:
        items = self.by_day.get(self.selected_day, [])
        return items[self.selected_index] if 0 <= self.selected_index < len(items) else None

    def select(self, day: date, index: int = -1) -> None:
        if day not in self.days:
            self.sig_page.emit(1 if day > self.days[-1] else -1)  # the panel reloads around it
        self.selected_day, self.selected_index = day, index
        self.update()
        self.sig_selected.emit(self.selected_item())

    # --- geometry ------------------------------------------------------------------------
    def _target_w(self) -> int:
        return TARGET_W if self.gaps else 0

    def cell_rect(self, day: date) -> QRect:
        index = self.days.index(day)
        rows = max(len(self.days) // 7, 1)
        width = (self.width() - self._target_w()) / 7
        height = (self.height() - HEADER_H) / rows
        col, row = index % 7, index // 7
        return QRect(int(col * width), int(HEADER_H + row * height), int(width), int(height))

    def day_at(self, pos: QPoint) -> date | None:
        for day in self.days:
            if self.cell_rect(day).contains(pos):
                return day
        return None

    def chip_at(self, pos: QPoint) -> tuple[date, int] | None:
        for rect, day, index in self._chips:
            if rect.contains(pos.toPointF()):
                return day, index
        return None

    def sizeHint(self) -> QSize:
        return QSize(900, 560)

    # --- drawing -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        dirty = event.rect()  # a drag repaints two cells; the chips' places are kept for all
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        base, text = palette.base().color(), palette.text().color()
        grid = QColor(text)
        grid.setAlpha(40)
        painter.fillRect(self.rect(), base)
        font = QFont(self.font())
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() - 1, 7))
        bold = QFont(font)
        bold.setBold(True)
        width = (self.width() - self._target_w()) / 7
        painter.setFont(bold)
        for col in range(7):
            painter.setPen(text)
            head = _(WEEKDAYS_SHORT[col])
            if self.week_view and self.days:
                head += f" {self.days[col].day}"
            painter.drawText(QRectF(col * width, 0, width, HEADER_H), Qt.AlignmentFlag.AlignCenter, head)
        if self._target_w():
            painter.drawText(
                QRectF(self.width() - TARGET_W, 0, TARGET_W, HEADER_H),
                Qt.AlignmentFlag.AlignCenter,
                _("Weekly target"),
            )
        self._chips = []
        today = date.today()
        line_h = 34 if self.week_view else 16
        for day in self.days:
            rect = self.cell_rect(day)
            chips = self._place_chips(day, rect, line_h)
            self._chips += [(chip, day, index) for index, chip in enumerate(chips)]
            if not rect.intersects(dirty):
                continue
            outside = self.month and day.month != self.month
            if outside:
                painter.fillRect(rect, QColor(text.red(), text.green(), text.blue(), 12))
            if day == self._drop_day:
                painter.fillRect(rect, QColor(11, 92, 173, 45))
            painter.setBrush(Qt.BrushStyle.NoBrush)  # the chips' fill must not fill the next cell
            painter.setPen(QPen(grid, 1))
            painter.drawRect(rect)
            if day == today:
                painter.setPen(QPen(QColor("#0B5CAD"), 2))
                painter.drawRect(rect.adjusted(1, 1, -1, -1))
            if day == self.selected_day:
                painter.setPen(QPen(QColor("#0B5CAD"), 2, Qt.PenStyle.DashLine))
                painter.drawRect(rect.adjusted(3, 3, -3, -3))
            painter.setFont(bold if day == today else font)
            number = QColor(text)
            number.setAlpha(110 if outside else 255)
            painter.setPen(number)
            if not self.week_view:
                painter.drawText(rect.adjusted(5, 1, -5, 0), Qt.AlignmentFlag.AlignLeft, str(day.day))
            items = self.by_day.get(day, [])
            painter.setFont(small)
            for index, (chip, item) in enumerate(zip(chips, items, strict=False)):
                self._draw_chip(
                    painter, chip, item, day == self.selected_day and index == self.selected_index
                )
            if len(chips) < len(items):
                painter.setPen(text)
                top = rect.top() + (4 if self.week_view else 18)
                more = QRectF(rect.left() + 5, top + len(chips) * (line_h + 1), rect.width() - 8, line_h)
                painter.drawText(
                    more,
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    _("+{count} more").format(count=len(items) - len(chips)),
                )
        self._draw_targets(painter, small, text, grid)
        painter.end()

    def _place_chips(self, day: date, rect: QRect, line_h: int) -> list[QRectF]:
        """Where *day*'s chips go in its cell; when they don't all fit, the last line says
        how many more. Kept for every cell, painted or not: clicks need them."""
        items = self.by_day.get(day, [])
        top = rect.top() + (4 if self.week_view else 18)
        room = max((rect.bottom() - top - 1) // (line_h + 1), 0)
        shown = len(items) if len(items) <= room else max(room - 1, 0)
        return [
            QRectF(rect.left() + 3, top + index * (line_h + 1), rect.width() - 6, line_h)
            for index in range(shown)
        ]

    def _draw_chip(self, painter: QPainter, rect: QRectF, item: CalendarItem, selected: bool) -> None:
        colour = accent(item.platform)
        if item.kind == "published":
            painter.setBrush(colour)
            pen_colour = colour
            fg = QColor("white")
        elif item.kind == "scheduled":
            tint = QColor(colour)
            tint.setAlpha(55)
            painter.setBrush(tint)
            pen_colour = colour
            fg = self.palette().text().color()
        else:
            painter.setBrush(self.palette().base().color())
            pen_colour = colour
            fg = self.palette().text().color()
        painter.setPen(QPen(QColor("#0B5CAD") if selected else pen_colour, 2.5 if selected else 1))
        painter.drawRoundedRect(rect, 3, 3)
        painter.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), colour)
        mark = {"published": "✓ ", "scheduled": "⏰ " if not item.native else "⏰▸ "}.get(item.kind, "")
        painter.setPen(fg)
        name = platforms.display_name(item.platform)
        inner = rect.adjusted(7, 0, -3, 0)
        if self.week_view:
            first = f"{mark}{item.time} · {name}"
            painter.drawText(
                inner.adjusted(0, 1, 0, -rect.height() / 2), Qt.AlignmentFlag.AlignVCenter, first
            )
            elided = painter.fontMetrics().elidedText(
                item.title, Qt.TextElideMode.ElideRight, int(inner.width())
            )
            painter.drawText(
                inner.adjusted(0, rect.height() / 2 - 1, 0, 0), Qt.AlignmentFlag.AlignVCenter, elided
            )
        else:
            label = f"{mark}{item.time} {item.title}"
            elided = painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, int(inner.width()))
            painter.drawText(inner, Qt.AlignmentFlag.AlignVCenter, elided)

    def _draw_targets(self, painter: QPainter, font: QFont, text: QColor, grid: QColor) -> None:
        if not self._target_w():
            return
        painter.setFont(font)
        for row in range(max(len(self.days) // 7, 1)):
            monday = self.days[row * 7]
            first = self.cell_rect(monday)
            rect = QRect(self.width() - TARGET_W, first.top(), TARGET_W, first.height())
            painter.setPen(QPen(grid, 1))
            painter.drawRect(rect)
            for index, gap in enumerate(self.gaps.get(monday, [])):
                painter.setPen(QColor("#B3261E") if gap.gap else QColor("#1E7B34"))
                label = f"{platforms.display_name(gap.platform)} {gap.planned}/{gap.target}"
                label += f" (−{gap.gap})" if gap.gap else " ✓"
                painter.drawText(
                    QRectF(rect.left() + 6, rect.top() + 4 + index * 18, TARGET_W - 8, 18),
                    Qt.AlignmentFlag.AlignVCenter,
                    label,
                )

    # --- mouse ---------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        pos = event.position().toPoint()
        hit = self.chip_at(pos)
        day = self.day_at(pos)
        if hit is not None:
            self.select(*hit)
            item = self.selected_item()
            self._press = (pos, item) if item is not None else None
        elif day is not None:
            self.select(day)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        start, item = self._press
        pos = event.position().toPoint()
        if (pos - start).manhattanLength() < DRAG_PX:
            return
        self.setCursor(Qt.CursorShape.ClosedHandCursor if item.movable else Qt.CursorShape.ForbiddenCursor)
        day = self.day_at(pos)
        if day != self._drop_day:
            # Only the cell the drop mark leaves and the one it enters are drawn again: a
            # month of 1,000 posts repainted whole took more than a frame per move.
            for changed in (self._drop_day, day):
                if changed is not None and changed in self.days:
                    self.update(self.cell_rect(changed))
            self._drop_day = day

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, drop = self._press, self._drop_day
        self._press, self._drop_day = None, None
        self.unsetCursor()
        self.update()
        if press is not None and drop is not None and drop != press[1].day:
            self.sig_move.emit(press[1], drop)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self.chip_at(event.position().toPoint())
        if hit is not None:
            self.select(*hit)
            item = self.selected_item()
            if item is not None:
                self.sig_open.emit(item)

    # --- keys ----------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        # Tab moves between the day's posts while there are more; then focus moves on.
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        ):
            count = len(self.by_day.get(self.selected_day, []))
            step = -1 if event.key() == Qt.Key.Key_Backtab else 1
            target = self.selected_index + step
            if step == -1 and self.selected_index == -1:
                target = count - 1
            if 0 <= target < count:
                self.select(self.selected_day, target)
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, ctrl = Qt.Key(event.key()), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        if key in steps:
            target = self.selected_day + timedelta(days=steps[key])
            item = self.selected_item()
            if ctrl and item is not None:
                self.sig_move.emit(item, target)
            else:
                self.select(target)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.selected_item()
            if item is not None:
                self.sig_open.emit(item)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.sig_page.emit(-1 if key == Qt.Key.Key_PageUp else 1)
        elif key == Qt.Key.Key_Home:
            self.sig_today.emit()
        else:
            super().keyPressEvent(event)


class CalendarPanel(QWidget):
    """The calendar with its month/week switch, navigation, legend and the selected post."""

    sig_open_draft = Signal(str)
    sig_moved = Signal(object)  # the CalendarItem where it now is

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendar")
        self.session = session
        self.anchor = date.today()
        self.items: list[CalendarItem] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        bar = QHBoxLayout()
        self.prev_button = QPushButton("◀")
        self.prev_button.setToolTip(_("Previous (Page Up)"))
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(_("Next (Page Down)"))
        self.today_button = QPushButton(_("Today"))
        self.title = QLabel()
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() + 3)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.month_button = QPushButton(_("Month"))
        self.week_button = QPushButton(_("Week"))
        group = QButtonGroup(self)
        for button in (self.month_button, self.week_button):
            button.setCheckable(True)
            group.addButton(button)
        self.month_button.setChecked(True)
        for widget in (self.prev_button, self.next_button, self.today_button):
            bar.addWidget(widget)
        bar.addSpacing(10)
        bar.addWidget(self.title, 1)
        self.targets_button = QPushButton(_("Weekly targets…"))
        self.targets_button.clicked.connect(self.edit_targets)
        bar.addWidget(self.targets_button)
        bar.addSpacing(10)
        bar.addWidget(self.month_button)
        bar.addWidget(self.week_button)
        layout.addLayout(bar)
        legend = QLabel(self._legend())
        legend.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(legend)
        self.grid = CalendarGrid()
        layout.addWidget(self.grid, 1)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setMinimumHeight(36)
        layout.addWidget(self.info)
        self.prev_button.clicked.connect(lambda: self.page(-1))
        self.next_button.clicked.connect(lambda: self.page(1))
        self.today_button.clicked.connect(self.go_today)
        self.month_button.toggled.connect(lambda _on: self.reload())
        self.grid.sig_page.connect(self.page)
        self.grid.sig_today.connect(self.go_today)
        self.grid.sig_selected.connect(self._describe)
        self.grid.sig_open.connect(lambda item: self.sig_open_draft.emit(item.post_id))
        self.grid.sig_move.connect(self.move_item)

    @staticmethod
    def _legend() -> str:
        chips = " ".join(
            f'<span style="color:{accent(e.id).name()}">■</span>&nbsp;{e.name}' for e in platforms.PLATFORMS
        )
        kinds = _("□ draft · ⏰ scheduled · ✓ published")
        return f"{chips}&nbsp;&nbsp;&nbsp;{kinds}"

    @property
    def week_view(self) -> bool:
        return self.week_button.isChecked()

    def days(self) -> list[date]:
        if self.week_view:
            return calendar.week_days(self.anchor)
        return calendar.month_grid(self.anchor.year, self.anchor.month)

    def reload(self) -> None:
        days = self.days()
        self.items = self.session.calendar_items(days[0], days[-1] + timedelta(days=1))
        mondays = [d for d in days if d.weekday() == 0]
        gaps = calendar.gaps(self.items, self.session.calendar_targets(), mondays)
        if self.week_view:
            end = days[-1]
            self.title.setText(
                _("Week of {start} – {end}").format(
                    start=f"{days[0].day} {_(MONTHS[days[0].month - 1])}",
                    end=f"{end.day} {_(MONTHS[end.month - 1])} {end.year}",
                )
            )
        else:
            self.title.setText(f"{_(MONTHS[self.anchor.month - 1])} {self.anchor.year}")
        if self.grid.selected_day not in days:
            self.grid.selected_day = self.anchor if self.anchor in days else days[0]
        self.grid.show_items(
            days, 0 if self.week_view else self.anchor.month, self.items, gaps, self.week_view
        )

    def show_month(self, year: int, month: int) -> None:
        self.anchor = date(year, month, 1)
        self.grid.selected_day, self.grid.selected_index = self.anchor, -1
        self.month_button.setChecked(True)
        self.reload()

    def page(self, step: int) -> None:
        if self.week_view:
            self.anchor += timedelta(days=7 * step)
        else:
            month = self.anchor.month - 1 + step
            self.anchor = date(self.anchor.year + month // 12, month % 12 + 1, 1)
        self.grid.selected_day, self.grid.selected_index = self.anchor, -1
        self.reload()

    def go_today(self) -> None:
        self.anchor = date.today()
        self.grid.selected_day, self.grid.selected_index = self.anchor, -1
        self.reload()

    def move_item(self, item: CalendarItem, day: date) -> None:
        try:
            moved = self.session.move_on_calendar(item, day)
        except NotMovableError as exc:
            known = MOVE_MESSAGES.get(exc.code)
            self.info.setText(_(known) if known else describe_code(exc.code, dict(exc.params)))
            return
        self.sig_moved.emit(moved)
        if day not in self.days():
            self.anchor = day
        self.reload()
        # keep the moved post selected, so Ctrl+arrows can move it again
        same = [
            i
            for i in self.grid.by_day.get(moved.day, [])
            if (i.post_id, i.platform) == (item.post_id, item.platform)
        ]
        index = self.grid.by_day.get(moved.day, []).index(same[0]) if same else -1
        self.grid.select(moved.day, index)
        self.info.setText(
            _("Moved “{title}” ({platform}) to {day} {time}.").format(
                title=item.title,
                platform=platforms.display_name(item.platform),
                day=day.isoformat(),
                time=moved.time,
            )
        )

    def edit_targets(self) -> TargetsDialog:
        dialog = TargetsDialog(self.session.calendar_targets(), self)

        def save() -> None:
            for platform_id, number in dialog.values().items():
                self.session.set_calendar_target(platform_id, number)
            self.reload()

        dialog.accepted.connect(save)
        dialog.open()
        return dialog

    def _describe(self, item: CalendarItem | None) -> None:
        if item is None:
            self.info.setText(
                _(
                    "Arrows: days · Tab: the day's posts · Enter: open · Ctrl+arrows or drag: move · Page Up/Down: month"
                )
            )
            return
        # The date as every other date in Siar (01-12-2026), and the title escaped: this is rich text.
        line = f"<b>{html.escape(item.title)}</b> — {platforms.display_name(item.platform)}, {item.day.strftime('%d-%m-%Y')} {item.time}, {kind_text(item)}."
        if item.kind == "scheduled":
            from composer.ui.publish_dialog import schedule_note

            line += " " + schedule_note(item.platform, item.native)
            line += " " + _("Drag it, or press Ctrl+arrows, to move it; Enter opens the draft.")
        elif item.movable:
            line += " " + _("Drag it, or press Ctrl+arrows, to move it; Enter opens the draft.")
        self.info.setText(line)


class TargetsDialog(QDialog):
    """Posts per week wanted on each platform (0 = no target)."""

    def __init__(self, current: dict[str, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Weekly targets"))
        form = QFormLayout(self)
        form.addRow(QLabel(_("Posts per week on each platform; the calendar shows each week's gap.")))
        self.spins: dict[str, QSpinBox] = {}
        for entry in platforms.PLATFORMS:
            spin = QSpinBox()
            spin.setRange(0, 50)
            spin.setValue(current.get(entry.id, 0))
            spin.setSpecialValueText(_("no target"))
            self.spins[entry.id] = spin
            form.addRow(entry.name, spin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, int]:
        return {platform_id: spin.value() for platform_id, spin in self.spins.items()}
