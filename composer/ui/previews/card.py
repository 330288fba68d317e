"""One platform's preview card: header, account line, text, media, counters and findings."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QMoveEvent, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from composer.core.findings import Finding, Severity
from composer.core.platforms.base import Counter, Platform, Preview
from composer.core.post import MediaItem
from composer.i18n import _, current_language, describe
from composer.ui.previews.media_box import MediaBox, PixmapSource
from composer.ui.previews.rich_text import escape, hidden_characters, hidden_html, preview_html
from composer.ui.previews.styles import DEFAULT_STYLE, STYLES, CardStyle
from composer.ui.previews.text_block import TextBlock
from composer.ui.previews.tiles import TileCache

CARD_WIDTH = 312
BODY_MARGIN = 12
# Width of a text line inside the card (card frame is 1 px each side).
TEXT_WIDTH = CARD_WIDTH - 2 * BODY_MARGIN - 2
_ICONS = {Severity.ERROR: "⛔", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
_COLORS = {Severity.ERROR: "#cf222e", Severity.WARNING: "#9a6700", Severity.INFO: "#57606a"}


def format_counter(counter: Counter) -> str:
    label = f"{_(counter.label)}: " if counter.label else ""
    unit = _(counter.unit)
    if counter.limit is None:
        return f"{label}{counter.value:,} {unit}".replace(",", ".")
    return f"{label}{counter.value:,}/{counter.limit:,} {unit}".replace(",", ".")


def _set(label: QLabel, text: str) -> bool:
    if label.text() == text:
        return False
    label.setText(text)
    return True


_DIGIT = re.compile(r"\d")
DIGIT_SLACK = 3  # px a digit may be wider than the one it replaces (proportional figures)


class CounterLabel(QLabel):
    """A one-line counter that changes on every key without laying the card out again.

    A QLabel whose text changes asks its parents to lay out again, unless its size is
    fixed; so the label is fixed to its text's size, with room for its digits to change,
    and measured again only when the text changes shape (not just its digits)."""

    def __init__(self) -> None:
        super().__init__()
        self._shape = ""
        self.max_width = 10_000  # the room beside the platform's name (narrow cards set it)

    def set_counter(self, text: str) -> bool:
        if not _set(self, text):
            return False
        shape = _DIGIT.sub("0", text)
        if shape == self._shape:
            return True
        self._shape = shape
        self.ensurePolished()  # the style sheet's font, before measuring
        margins = self.contentsMargins()
        needed = (
            self.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right() + 2 * self.margin()
        )
        needed += DIGIT_SLACK * (len(text) - len(_DIGIT.sub("", text)))
        if needed <= self.width() <= min(needed + 24, self.max_width) and self.height() > 0:
            return True  # fits, and not much too wide: no new layout
        hint = self.sizeHint()
        self.setFixedSize(min(max(needed, hint.width()), self.max_width), hint.height())
        return True

    def refit(self) -> None:
        """Measure again after the font changed (narrower cards use a smaller one)."""
        text, self._shape = self.text(), ""
        self.setText("")
        self.set_counter(text)


class HeaderCounter(CounterLabel):
    """The count in a card's header, painting its own background: the header's colour,
    the one plain colour behind it (it sits below the header's rounded corners). Opaque,
    a new count repaints this label alone; transparent, each of the six counters
    repainted the rounded header, the card and the panel behind it on every key, ~0.8 ms
    of a key's 4-5 (issue 17)."""

    def __init__(self, color: str) -> None:
        super().__init__()
        self._backdrop = QColor(color)  # the header's, as cards_style_sheet paints it
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self._backdrop)
        painter.end()
        super().paintEvent(event)


def _show(widget: QWidget, visible: bool) -> bool:
    if widget.isHidden() != visible:  # already as asked
        return False
    widget.setVisible(visible)
    return True


_FINDINGS_HTML: dict[tuple[object, ...], str] = {}


def _findings_html(findings: tuple[Finding, ...]) -> str:
    # Cached: most keystrokes leave a platform's findings as they were. The key holds the
    # parameters (a Finding compares without them) and the UI language.
    key = (
        current_language(),
        *((f.code, f.severity, f.about, tuple(sorted(f.params.items()))) for f in findings),
    )
    found = _FINDINGS_HTML.get(key)
    if found is None:
        rows = [
            f'<div style="color:{_COLORS[f.severity]}">{_ICONS[f.severity]} {escape(describe(f))}</div>'
            for f in sorted(findings, key=lambda f: ("error", "warning", "info").index(str(f.severity)))
        ]
        if len(_FINDINGS_HTML) >= 64:
            _FINDINGS_HTML.clear()
        found = _FINDINGS_HTML[key] = "".join(rows)
    return found


NARROW_COUNTER = "font-size: 7.5pt;"  # the count must fit a narrow card's header


def cards_style_sheet(platform_ids: Iterable[str]) -> str:
    """One style sheet for every card, set on the panel that holds them: parsed and
    matched once rather than three or four sheets per card (issue 17, start-up)."""
    rules = [
        f"#card_{pid} {{ border: 1px solid palette(mid); border-radius: 10px; }}"
        f" #card_{pid} #strip {{ background: {STYLES.get(pid, DEFAULT_STYLE).accent}; }}"
        for pid in platform_ids
    ]
    return "\n".join(
        [
            *rules,
            "#strip { border-top-left-radius: 9px; border-top-right-radius: 9px; }",
            "#strip QLabel, #strip QCheckBox { color: white; font-weight: 600; }",
            "#counters { color: palette(placeholder-text); font-size: 8.5pt; }",
        ]
    )


class CardBody(QWidget):
    """What a card shows under its header: the account line, title, text, media, fields,
    counters and findings, in the platform's order."""

    def __init__(self, style: CardStyle, pixmaps: PixmapSource, tiles: TileCache, width: int) -> None:
        super().__init__()
        body = QVBoxLayout(self)
        body.setContentsMargins(BODY_MARGIN, 2, BODY_MARGIN, 0)
        body.setSpacing(6)
        self.account_label = QLabel()
        self.account_label.setTextFormat(Qt.TextFormat.RichText)
        self.title_label = TextBlock(width)
        title_font = self.title_label.font()
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
        self.title_label.setFont(title_font)
        self.text_label = TextBlock(width)
        self.text_label.setObjectName("preview_text")
        self.hidden_label = TextBlock(width)  # "… +N more characters" under a cut tail
        self.media_box = MediaBox(pixmaps, tiles)
        # At its width in the card from the start: its height follows its width, and a box
        # resized only by the first layout asked the card for a second one.
        self.media_box.resize(width, self.media_box.heightForWidth(width))
        self.fields_label = TextBlock(width)
        self.counters_label = CounterLabel()
        self.counters_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.counters_label.setObjectName("counters")
        self.findings_label = TextBlock(width)
        self.findings_label.setObjectName("findings")

        blocks: list[QWidget] = [self.account_label]
        if style.media_first:
            blocks += [self.media_box, self.title_label, self.text_label, self.hidden_label]
        else:
            blocks += [self.title_label, self.text_label, self.hidden_label, self.media_box]
        blocks += [self.fields_label, self.counters_label, self.findings_label]
        for widget in blocks:
            body.addWidget(widget)

    def lay_out(self) -> None:
        layout = self.layout()
        if layout is not None:
            layout.activate()

    def set_text_width(self, width: int) -> None:
        for block in (
            self.title_label,
            self.text_label,
            self.hidden_label,
            self.fields_label,
            self.findings_label,
        ):
            block.set_width(width)


class PreviewCard(QFrame):
    """Shows a ``Preview``; the officer can switch the platform on or off for this post."""

    sig_enabled_toggled = Signal(str, bool)
    """(platform id, enabled) when the officer ticks or unticks the platform."""
    sig_moved = Signal()
    """The card moved or was shown: it may have come into view. From moveEvent and
    showEvent, not an event filter, which Qt would call (through PySide6) for each of the
    ~30 events a card gets before the first paint (issue 17, start-up)."""

    def __init__(
        self,
        platform: Platform,
        pixmaps: PixmapSource,
        office: str,
        tiles: TileCache,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.platform = platform
        self.style_ = STYLES.get(platform.id, DEFAULT_STYLE)
        self.office = office
        self.setObjectName(f"card_{platform.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(CARD_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Maximum)
        # Drawn by the previews panel's one style sheet (cards_style_sheet), by object name.

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 8)
        outer.setSpacing(6)

        strip = QWidget()
        strip.setObjectName("strip")
        strip_row = QHBoxLayout(strip)
        strip_row.setContentsMargins(10, 5, 10, 5)
        self.enabled_box = QCheckBox(_(platform.name))
        self.enabled_box.setToolTip(_("Post to {platform}").format(platform=_(platform.name)))
        self.enabled_box.toggled.connect(lambda on: self.sig_enabled_toggled.emit(platform.id, on))
        self.counter_label = HeaderCounter(self.style_.accent)
        self._narrow_counter = False
        self.counter_label.setObjectName("counter")
        self.counter_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        strip_row.addWidget(self.enabled_box)
        strip_row.addStretch(1)
        strip_row.addWidget(self.counter_label)
        outer.addWidget(strip)

        self._outer = outer
        self._pixmaps = pixmaps
        self._tiles = tiles
        self._body: CardBody | None = None
        self.preview: Preview | None = None
        self._inputs: tuple[object, ...] | None = None
        self.revision = 0
        """Bumped each time what the card draws changes (tests and the latency benchmark)."""

    def show_preview(self, preview: Preview | None, media: tuple[MediaItem, ...], enabled: bool) -> None:
        """Show *preview*; a no-op when nothing it draws changed.

        Only the blocks whose content changed are touched, so a keystroke that leaves this
        platform's text as it was (an override elsewhere) costs no layout and no paint."""
        # The same Preview object (the core caches one per content), not just an equal one:
        # findings compare without their parameters.
        inputs = (media, enabled, self.office)
        if preview is self.preview and inputs == self._inputs:
            return
        self._inputs = inputs
        self.enabled_box.blockSignals(True)
        changed = self.enabled_box.isChecked() != enabled
        self.enabled_box.setChecked(enabled)
        self.enabled_box.blockSignals(False)
        shown = enabled and preview is not None
        built = self._body is None and shown
        if shown or self._body is not None:
            changed |= _show(self.body, shown)
        self.preview = preview
        if preview is None or not enabled:
            changed |= self.counter_label.set_counter(_("off"))
        else:
            changed |= self._fill(preview, media)
        if built:
            # Laid out now: the paint can come before the new body's layout requests, and
            # its image was drawn over its text for a frame.
            self.body.lay_out()
            outer = self.layout()
            if outer is not None:
                outer.activate()
        if changed:
            self.revision += 1

    @property
    def body(self) -> CardBody:
        """The card under its header, built when first asked for: on the way to the first
        paint, a card off screen or switched off builds none (issue 17, start-up: nine
        widgets and a layout each)."""
        if self._body is None:
            body = self._body = CardBody(self.style_, self._pixmaps, self._tiles, self._text_width())
            body.hide()  # until show_preview shows it: asked for by anything else, it stays out of sight
            self._outer.addWidget(body)
        return self._body

    @property
    def text_label(self) -> TextBlock:
        return self.body.text_label

    @property
    def findings_label(self) -> TextBlock:
        return self.body.findings_label

    @property
    def media_box(self) -> MediaBox:
        return self.body.media_box

    def shows_media(self, media_id: str) -> bool:
        return self._body is not None and self._body.media_box.shows(media_id)

    def _text_width(self) -> int:
        width = getattr(self, "_card_width", None)
        return TEXT_WIDTH if width is None else width - 2 * BODY_MARGIN - 2

    def _fill(self, preview: Preview, media: tuple[MediaItem, ...]) -> bool:
        body = self.body
        main = preview.counters[0]
        changed = self.counter_label.set_counter(format_counter(main) + (" ⛔" if not preview.valid else ""))
        changed |= self._show_account()
        title = preview.title
        if not title and self.platform.has_title:
            title = _("(no title)")
        changed |= self._set_wrapped(body.title_label, escape(title))
        prefix = f"<b>{escape(self._handle())}</b> " if self.style_.handle_first else ""
        changed |= self._set_wrapped(
            body.text_label,
            preview_html(preview, self.style_, _(self.style_.fold_label), prefix),
            visible=bool(preview.text) or bool(prefix),
        )
        changed |= self._set_wrapped(
            body.hidden_label, hidden_html(hidden_characters(preview), _("+{count} more characters"))
        )
        changed |= body.media_box.set_content(
            preview.tiles, media, preview.media_aspect, self.style_.rounded_media
        )
        fields = []
        for name, value in preview.fields:
            if name == "carousel":
                fields.append(
                    "● " + "○ " * (int(value) - 1) + _("{count} photos in the carousel").format(count=value)
                )
            elif value:
                fields.append(f"{_(name)}: {value}")
        changed |= self._set_wrapped(
            body.fields_label,
            f'<span style="color:#65676b">{escape(chr(10).join(fields))}</span>'.replace(chr(10), "<br>")
            if fields
            else "",
        )
        counters = " · ".join(format_counter(c) for c in preview.counters[1:])
        changed |= body.counters_label.set_counter(counters)
        changed |= _show(body.counters_label, bool(counters))
        changed |= self._set_wrapped(body.findings_label, _findings_html(preview.findings))
        return changed

    @staticmethod
    def _set_wrapped(block: TextBlock, text: str, visible: bool | None = None) -> bool:
        changed = _show(block, bool(text) if visible is None else visible)
        return block.setText(text) or changed

    def _handle(self) -> str:
        return "".join(ch for ch in self.office.lower() if ch.isalnum()) or "kantor"

    def _show_account(self) -> bool:
        initials = "".join(w[0] for w in self.office.split()[:2]).upper() or "S"
        avatar = f'<span style="background:{self.style_.accent};color:white;font-weight:700">&nbsp;{escape(initials)}&nbsp;</span>'
        name = escape(self.office)
        meta = _(self.style_.meta)
        if self.style_.handle_in_meta:
            meta = f"@{self._handle()} · {meta}"
        return _set(
            self.body.account_label,
            f'{avatar}&nbsp; <b>{name}</b><br><span style="color:#65676b">{escape(meta)}</span>',
        )

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        self.sig_moved.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.sig_moved.emit()

    def set_card_width(self, width: int) -> None:
        """Narrower cards let three previews stand side by side on a 1366 px screen; the
        media box follows by its height-for-width."""
        if width == getattr(self, "_card_width", None):
            return
        self._card_width = width
        self.setFixedWidth(width)
        if self._body is not None:
            self._body.set_text_width(self._text_width())
        # "1.234/63.206 karakter" beside the platform's name must still fit the header: a
        # narrow card's counter gets a one-rule sheet of its own. Qt re-styles a widget for
        # a new sheet by itself; a property the panel's sheet matched needed
        # style().unpolish/polish, and PySide6 builds the QStyle class and its dozen enums
        # the first time Python asks for a style (issue 17, start-up: before the paint).
        narrow = width < CARD_WIDTH
        if narrow != self._narrow_counter:
            self._narrow_counter = narrow
            self.counter_label.setStyleSheet(NARROW_COUNTER if narrow else "")
        # Beside the name, inside the header's 10 px margins and 6 px spacing; the name's
        # size in the panel's style sheet (bold), also before the card was first shown.
        self.enabled_box.ensurePolished()
        self.counter_label.max_width = width - 26 - self.enabled_box.sizeHint().width()
        self.counter_label.refit()
