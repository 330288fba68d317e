"""Draws a post's images exactly as the preview's tiles say: cell, crop, overlay."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from composer.core.platforms.base import Tile
from composer.core.post import MediaItem
from composer.ui.previews.tiles import TileCache, crop_rect

PixmapSource = Callable[[MediaItem], QPixmap | None]
GAP = 2.0


class MediaBox(QWidget):
    def __init__(self, pixmaps: PixmapSource, tiles: TileCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmaps = pixmaps
        self._tile_cache = tiles
        self._tiles: tuple[Tile, ...] = ()
        self._media: tuple[MediaItem, ...] = ()
        self._aspect = 16 / 9
        self._rounded = False
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)  # (QWidget.hasHeightForWidth says so: no Python override)
        self.setSizePolicy(policy)

    def set_content(
        self, tiles: tuple[Tile, ...], media: tuple[MediaItem, ...], aspect: float, rounded: bool
    ) -> bool:
        """Show these tiles; True when that changed what the box draws."""
        changed = (tiles, media, aspect, rounded) != (self._tiles, self._media, self._aspect, self._rounded)
        self._tiles, self._media, self._aspect, self._rounded = tiles, media, aspect, rounded
        visible = bool(tiles) or any(m.kind == "video" for m in media)
        if self.isHidden() == visible:
            self.setVisible(visible)
            changed = True
        if changed:
            # The height follows the new aspect now: resizeEvent fits it only when the width
            # changes, and a box laid out before its first content would keep the default's.
            if self.width() > 0:
                self.setFixedHeight(self.heightForWidth(self.width()))
            self.updateGeometry()
            self.update()
        return changed

    def heightForWidth(self, width: int) -> int:
        return round(width / self._aspect)

    def sizeHint(self) -> QSize:
        width = max(self.width(), 300)
        return QSize(width, self.heightForWidth(width))

    def resizeEvent(self, event: object) -> None:
        self.setFixedHeight(self.heightForWidth(self.width()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = float(self.width()), float(self.height())
        if self._rounded:
            clip = QPainterPath()
            clip.addRoundedRect(QRectF(0, 0, w, h), 14, 14)
            painter.setClipPath(clip)
        tiles = self._tiles
        if not tiles:  # a video with no picture: a player-like placeholder
            self._placeholder(painter, QRectF(0, 0, w, h), video=True, label="")
            return
        if len(tiles) == 1 and (tiles[0].cell.w < 0.999 or tiles[0].cell.h < 0.999):
            painter.fillRect(QRectF(0, 0, w, h), QColor("black"))  # letterboxed (TikTok): bars
        for tile in tiles:
            cell = tile.cell
            target = QRectF(cell.x * w, cell.y * h, cell.w * w, cell.h * h)
            target = target.adjusted(
                GAP / 2 if cell.x > 0 else 0,
                GAP / 2 if cell.y > 0 else 0,
                -GAP / 2 if cell.x + cell.w < 0.999 else 0,
                -GAP / 2 if cell.y + cell.h < 0.999 else 0,
            )
            item = self._media[tile.media_index] if tile.media_index < len(self._media) else None
            pixmap = self._pixmaps(item) if item is not None else None
            if item is None or pixmap is None or pixmap.isNull():
                self._placeholder(
                    painter,
                    target,
                    video=bool(item and item.kind == "video"),
                    label=item.filename if item else "",
                )
            else:
                self._draw_tile(painter, item, pixmap, tile, target)
            if tile.overlay:
                painter.fillRect(target, QColor(0, 0, 0, 110))
                font = QFont(self.font())
                font.setPointSizeF(font.pointSizeF() * 2.2)
                font.setBold(True)
                painter.setFont(font)
                painter.setPen(QColor("white"))
                painter.drawText(target, Qt.AlignmentFlag.AlignCenter, tile.overlay)

    def shows(self, media_id: str) -> bool:
        return any(m.id == media_id for m in self._media)

    def _draw_tile(
        self, painter: QPainter, item: MediaItem, pixmap: QPixmap, tile: Tile, target: QRectF
    ) -> None:
        ratio = self.devicePixelRatioF()
        width, height = max(1, round(target.width() * ratio)), max(1, round(target.height() * ratio))
        scaled = self._tile_cache.get(item, pixmap, tile, width, height)
        if scaled is not None:
            scaled.setDevicePixelRatio(ratio)
            painter.drawPixmap(target.topLeft(), scaled)
            return
        # Still being scaled on a worker: a fast, unsmoothed scale for this frame.
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawPixmap(target, pixmap, QRectF(crop_rect(pixmap.width(), pixmap.height(), tile)))
        painter.restore()

    def _placeholder(self, painter: QPainter, rect: QRectF, *, video: bool, label: str) -> None:
        painter.fillRect(rect, QColor("#20242a") if video else QColor("#d0d7de"))
        painter.setPen(QColor("white") if video else QColor("#57606a"))
        text = "▶" if video else label
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
