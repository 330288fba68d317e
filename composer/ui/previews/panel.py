"""All enabled platforms side by side: a grid of cards that reflows with the width."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from composer.core.platforms import PLATFORMS
from composer.core.post import Post
from composer.core.preview import is_enabled, preview_for
from composer.ui.previews.card import CARD_WIDTH, PreviewCard
from composer.ui.thumbnails import ThumbnailCache

SPACING = 12
# Cards may narrow down to this so that a third column fits beside the editor on a
# 1366 px laptop screen (issue 12.8); wider screens keep CARD_WIDTH.
COMPACT_CARD_WIDTH = 240


def card_layout(available: int, cards: int) -> tuple[int, int]:
    """(columns, card width) for *available* pixels: as many columns as fit at the compact
    width, each as wide as fits up to CARD_WIDTH."""
    columns = max(1, min(cards, available // (COMPACT_CARD_WIDTH + SPACING)))
    width = min(CARD_WIDTH, available // columns - SPACING)
    return columns, max(width, COMPACT_CARD_WIDTH)


class PreviewsPanel(QScrollArea):
    sig_enabled_toggled = Signal(str, bool)
    """(platform id, enabled) from a card's checkbox."""

    def __init__(self, thumbnails: ThumbnailCache, office: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._inner: QWidget | None = None
        self.cards: dict[str, PreviewCard] = {}
        for platform in PLATFORMS:
            card = PreviewCard(platform, thumbnails.get, office)
            card.sig_enabled_toggled.connect(self.sig_enabled_toggled)
            self.cards[platform.id] = card
        self._columns = 0
        self._relayout()
        thumbnails.sig_loaded.connect(lambda _id: [c.media_box.update() for c in self.cards.values()])

    def set_office(self, office: str) -> None:
        """The account name the cards show (the office's name, from the first run or Preferences)."""
        for card in self.cards.values():
            card.office = office

    def card(self, platform_id: str) -> PreviewCard:
        return self.cards[platform_id]

    def show_post(self, post: Post) -> None:
        """Recompute and redraw every card (core caches unchanged platforms)."""
        for platform in PLATFORMS:
            enabled = is_enabled(post, platform)
            preview = preview_for(post, platform) if enabled else None
            self.cards[platform.id].show_preview(preview, post.media_for(platform.id), enabled)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def _relayout(self) -> None:
        # Scroll bar width counted in always: the column count must not flip when it appears.
        available = self.width() - self.verticalScrollBar().sizeHint().width() - SPACING
        columns, width = card_layout(available, len(self.cards))
        for card in self.cards.values():
            card.set_card_width(width)
        if columns == self._columns:
            return
        self._columns = columns
        # Independent columns, so a short card never leaves a hole beside a tall one.
        inner = QWidget()
        row = QHBoxLayout(inner)
        row.setSpacing(SPACING)
        row.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        stacks = [QVBoxLayout() for _ in range(columns)]
        for stack in stacks:
            stack.setSpacing(SPACING)
            row.addLayout(stack)  # attached first, so adding a card reparents it to inner
        row.addStretch(1)
        for index, card in enumerate(self.cards.values()):
            stacks[index % columns].addWidget(card)
        for stack in stacks:
            stack.addStretch(1)
        old = self.takeWidget()
        self.setWidget(inner)
        self._inner = inner
        if old is not None:
            old.deleteLater()
