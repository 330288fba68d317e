"""One platform's preview card: header, account line, text, media, counters and findings."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from composer.core.findings import Severity
from composer.core.platforms.base import Counter, Platform, Preview
from composer.core.post import MediaItem
from composer.i18n import _, describe
from composer.ui.previews.media_box import MediaBox, PixmapSource
from composer.ui.previews.rich_text import preview_html
from composer.ui.previews.styles import DEFAULT_STYLE, STYLES
from composer.ui.previews.text_block import TextBlock

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


def _set(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)


class PreviewCard(QFrame):
    """Shows a ``Preview``; the officer can switch the platform on or off for this post."""

    sig_enabled_toggled = Signal(str, bool)
    """(platform id, enabled) when the officer ticks or unticks the platform."""

    def __init__(
        self, platform: Platform, pixmaps: PixmapSource, office: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.platform = platform
        self.style_ = STYLES.get(platform.id, DEFAULT_STYLE)
        self.office = office
        self.setObjectName(f"card_{platform.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(CARD_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Maximum)
        self.setStyleSheet(f"#card_{platform.id} {{ border: 1px solid palette(mid); border-radius: 10px; }}")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 8)
        outer.setSpacing(6)

        strip = QWidget()
        strip.setObjectName("strip")
        strip.setStyleSheet(
            f"#strip {{ background: {self.style_.accent}; border-top-left-radius: 9px; border-top-right-radius: 9px; }}"
            " QLabel, QCheckBox { color: white; font-weight: 600; }"
        )
        strip_row = QHBoxLayout(strip)
        strip_row.setContentsMargins(10, 5, 10, 5)
        self.enabled_box = QCheckBox(_(platform.name))
        self.enabled_box.setToolTip(_("Post to {platform}").format(platform=_(platform.name)))
        self.enabled_box.toggled.connect(lambda on: self.sig_enabled_toggled.emit(platform.id, on))
        self.counter_label = QLabel()
        self.counter_label.setObjectName("counter")
        strip_row.addWidget(self.enabled_box)
        strip_row.addStretch(1)
        strip_row.addWidget(self.counter_label)
        outer.addWidget(strip)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(BODY_MARGIN, 2, BODY_MARGIN, 0)
        body.setSpacing(6)
        self.account_label = QLabel()
        self.account_label.setTextFormat(Qt.TextFormat.RichText)
        self.title_label = TextBlock(TEXT_WIDTH)
        title_font = self.title_label.font()
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
        self.title_label.setFont(title_font)
        self.text_label = TextBlock(TEXT_WIDTH)
        self.text_label.setObjectName("preview_text")
        self.media_box = MediaBox(pixmaps)
        self.fields_label = TextBlock(TEXT_WIDTH)
        self.counters_label = QLabel()
        self.counters_label.setStyleSheet("color: palette(placeholder-text); font-size: 8.5pt;")
        self.findings_label = TextBlock(TEXT_WIDTH)
        self.findings_label.setObjectName("findings")

        blocks: list[QWidget] = [self.account_label]
        if self.style_.media_first:
            blocks += [self.media_box, self.title_label, self.text_label]
        else:
            blocks += [self.title_label, self.text_label, self.media_box]
        blocks += [self.fields_label, self.counters_label, self.findings_label]
        for widget in blocks:
            body.addWidget(widget)
        outer.addWidget(self.body)
        self.preview: Preview | None = None

    def show_preview(self, preview: Preview | None, media: tuple[MediaItem, ...], enabled: bool) -> None:
        self.enabled_box.blockSignals(True)
        self.enabled_box.setChecked(enabled)
        self.enabled_box.blockSignals(False)
        self.body.setVisible(enabled and preview is not None)
        self.preview = preview
        if preview is None or not enabled:
            _set(self.counter_label, _("off"))
            return
        main = preview.counters[0]
        _set(self.counter_label, format_counter(main) + (" ⛔" if not preview.valid else ""))
        self._show_account()
        title = preview.title
        if not title and self.platform.has_title:
            title = _("(no title)")
        self._set_wrapped(self.title_label, html.escape(title))
        prefix = f"<b>{html.escape(self._handle())}</b> " if self.platform.id == "instagram" else ""
        self._set_wrapped(
            self.text_label,
            preview_html(
                preview, self.style_, _(self.style_.fold_label), prefix, _("+{count} more characters")
            ),
            visible=bool(preview.text) or bool(prefix),
        )
        self.media_box.set_content(preview.tiles, media, preview.media_aspect, self.style_.rounded_media)
        fields = []
        for name, value in preview.fields:
            if name == "carousel":
                fields.append(
                    "● " + "○ " * (int(value) - 1) + _("{count} photos in the carousel").format(count=value)
                )
            elif value:
                fields.append(f"{_(name)}: {value}")
        self._set_wrapped(
            self.fields_label,
            f'<span style="color:#65676b">{html.escape(chr(10).join(fields))}</span>'.replace(chr(10), "<br>")
            if fields
            else "",
        )
        counters = " · ".join(format_counter(c) for c in preview.counters[1:])
        _set(self.counters_label, counters)
        self.counters_label.setVisible(bool(counters))
        rows = [
            f'<div style="color:{_COLORS[f.severity]}">{_ICONS[f.severity]} {html.escape(describe(f))}</div>'
            for f in sorted(
                preview.findings, key=lambda f: ("error", "warning", "info").index(str(f.severity))
            )
        ]
        self._set_wrapped(self.findings_label, "".join(rows))

    @staticmethod
    def _set_wrapped(block: TextBlock, text: str, visible: bool | None = None) -> None:
        block.setVisible(bool(text) if visible is None else visible)
        block.setText(text)

    def _handle(self) -> str:
        return "".join(ch for ch in self.office.lower() if ch.isalnum()) or "kantor"

    def _show_account(self) -> None:
        initials = "".join(w[0] for w in self.office.split()[:2]).upper() or "S"
        avatar = f'<span style="background:{self.style_.accent};color:white;font-weight:700">&nbsp;{html.escape(initials)}&nbsp;</span>'
        name = html.escape(self.office)
        meta = _(self.style_.meta)
        if self.platform.id == "x":
            meta = f"@{self._handle()} · {meta}"
        _set(
            self.account_label,
            f'{avatar}&nbsp; <b>{name}</b><br><span style="color:#65676b">{html.escape(meta)}</span>',
        )
