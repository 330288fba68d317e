"""All enabled platforms side by side: a grid of cards that reflows with the width.

A keystroke updates only the cards on screen; a card scrolled out of view (or the whole
panel, while the infographic tab is open) is marked stale and brought up to date the
moment it comes into view, before it is painted.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, Signal
from PySide6.QtGui import QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from composer.core.platforms import PLATFORMS
from composer.core.post import Post
from composer.core.preview import is_enabled, preview_for
from composer.ui.previews.card import CARD_WIDTH, PreviewCard, cards_style_sheet
from composer.ui.previews.tiles import TileCache
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
        # A viewport made here, the same as QScrollArea's own (its name, no background role
        # of its own, filled): Qt's is created in C++, and the first time Python is handed
        # it, PySide6 walks every QWidget class to find its type, creating ~40 classes and
        # their enums on the way to the first paint (issue 17, start-up).
        viewport = QWidget()
        viewport.setObjectName("qt_scrollarea_viewport")
        viewport.setBackgroundRole(QPalette.ColorRole.NoRole)
        viewport.setAutoFillBackground(True)
        self.setViewport(viewport)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet(cards_style_sheet(platform.id for platform in PLATFORMS))
        self._inner: QWidget | None = None
        self._row: QHBoxLayout | None = None  # the columns, side by side, in _inner
        self._stacks: list[QVBoxLayout] = []
        self.tiles = TileCache(thumbnails.runner, self)
        self.cards: dict[str, PreviewCard] = {}
        for platform in PLATFORMS:
            card = PreviewCard(platform, thumbnails.get, office, self.tiles)
            card.sig_enabled_toggled.connect(self.sig_enabled_toggled)
            card.sig_moved.connect(self._card_moved)  # a stale card moving into view is brought up to date
            self.cards[platform.id] = card
        self._post: Post | None = None
        self._stale: set[str] = set()
        self._catching_up = False
        # The columns are laid out at the panel's first resize, which Qt sends before it
        # shows the panel's children: built here, at a width the panel never has, they were
        # built twice on the way to the first paint (issue 17, start-up).
        self._columns = 0
        self.verticalScrollBar().valueChanged.connect(self._catch_up)
        self.horizontalScrollBar().valueChanged.connect(self._catch_up)
        thumbnails.sig_loaded.connect(self._media_ready)
        self.tiles.sig_ready.connect(self._media_ready)

    def set_office(self, office: str) -> None:
        """The account name the cards show (the office's name, from the first run or Preferences)."""
        for card in self.cards.values():
            card.office = office

    def card(self, platform_id: str) -> PreviewCard:
        return self.cards[platform_id]

    def show_post(self, post: Post) -> None:
        """Bring the cards on screen up to date with *post*; the others when they show."""
        self._post = post
        self._stale = set(self.cards)
        self._catch_up()

    def is_stale(self, platform_id: str) -> bool:
        """The card waits, off screen, to be updated."""
        return platform_id in self._stale

    def busy(self) -> bool:
        """Work for the cards on screen is still in flight (image tiles being scaled)."""
        return self.tiles.busy

    def on_screen(self, card: PreviewCard) -> bool:
        if not card.isVisible():
            return False
        viewport = self.viewport()
        return viewport.rect().intersects(QRect(card.mapTo(viewport, QPoint(0, 0)), card.size()))

    def _catch_up(self) -> None:
        post = self._post
        if post is None or not self._stale or self._catching_up:
            return
        self._catching_up = True  # the layout activated below moves cards: no nested catch-up
        try:
            for platform in PLATFORMS:
                card = self.cards[platform.id]
                if platform.id in self._stale and self.on_screen(card):
                    self._stale.discard(platform.id)
                    first = card.revision == 0
                    enabled = is_enabled(post, platform)
                    preview = preview_for(post, platform) if enabled else None
                    card.show_preview(preview, post.media_for(platform.id), enabled)
                    if first and self._stale:
                        self._lay_out_columns()
        finally:
            self._catching_up = False

    def _lay_out_columns(self) -> None:
        """Lay the columns out now: a card filled for the first time grows from its empty
        size (the card lays itself out at once), and the cards below it are judged on screen
        or not where it pushes them, not where they stood. Without this every card of the
        first show looked on screen, and all six previews were computed for the first paint."""
        if self._row is not None:
            self._row.activate()  # the columns measured again (in the widget's old height)
            # The scroll area sizes its widget to the new columns now (what it does at its
            # next layout request): resized, the widget lays the columns out unsqueezed.
            QCoreApplication.sendEvent(self, QEvent(QEvent.Type.LayoutRequest))

    def _media_ready(self, media_id: str) -> None:
        for card in self.cards.values():
            if card.shows_media(media_id):
                card.media_box.update()

    def _card_moved(self) -> None:
        if self._stale:
            self._catch_up()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._columns:  # (a resize always comes first: Qt sends it with the first show)
            self._relayout()
        super().showEvent(event)
        self._catch_up()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()
        self._catch_up()

    def _relayout(self) -> None:
        # Scroll bar width counted in always: the column count must not flip when it appears.
        available = self.width() - self.verticalScrollBar().sizeHint().width() - SPACING
        columns, width = card_layout(available, len(self.cards))
        if columns != self._columns:
            self._columns = columns
            self._build_columns(columns)
        # After the cards are in the panel: a card measures its header in the panel's style.
        for card in self.cards.values():
            card.set_card_width(width)

    def _build_columns(self, columns: int) -> None:
        # Independent columns, so a short card never leaves a hole beside a tall one.
        row = self._row
        if row is None:
            inner = QWidget()
            row = self._row = QHBoxLayout(inner)
            row.setSpacing(SPACING)
            row.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
            row.addStretch(1)
            self.setWidget(inner)
            self._inner = inner
        # New columns in the same widget: the cards keep their parent, so a new column count
        # (the first show passes through one or two widths) does not re-style every card.
        for stack in self._stacks:
            for card in self.cards.values():
                stack.removeWidget(card)
            row.removeItem(stack)
            stack.deleteLater()
        self._stacks = [QVBoxLayout() for _ in range(columns)]
        for index, stack in enumerate(self._stacks):
            stack.setSpacing(SPACING)
            row.insertLayout(index, stack)  # attached first, so adding a card parents it to inner
        for index, card in enumerate(self.cards.values()):
            self._stacks[index % columns].addWidget(card)
        for stack in self._stacks:
            stack.addStretch(1)
