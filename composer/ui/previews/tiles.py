"""Image tiles for the preview cards, cropped and scaled once per size, off the GUI thread.

A smooth rescale of a 720 px thumbnail costs milliseconds; done in a paint event it
would hold up the frame. The cache scales each (image, crop, size) once on a worker and
keeps the result for every card that shows the same tile; until it arrives, a card
draws the thumbnail with a fast (unsmoothed) scale, then repaints.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtGui import QImage, QPixmap

from composer.core.platforms.base import Tile
from composer.core.post import MediaItem
from composer.ui.tasks import TaskRunner

PixmapSource = Callable[[MediaItem], QPixmap | None]
MAX_TILES = 64  # 5 cards × up to 10 tiles each, plus a resize or two
TileKey = tuple[str, int, tuple[float, float, float, float], int, int]


def crop_rect(image_width: int, image_height: int, tile: Tile) -> QRect:
    crop = tile.crop
    return QRect(
        round(crop.x * image_width),
        round(crop.y * image_height),
        max(1, round(crop.w * image_width)),
        max(1, round(crop.h * image_height)),
    )


def _scale(image: QImage, rect: QRect, width: int, height: int) -> QImage:
    # Runs on a worker: QImage (unlike QPixmap) may be used off the GUI thread.
    return image.copy(rect).scaled(
        width, height, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class TileCache(QObject):
    sig_ready = Signal(str)
    """(media id) a scaled tile of this image is ready: repaint the boxes that show it."""

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The window's runner: scaling shares the session's one pool (issue 11), and a
        # result for a closed window is dropped like any other.
        self._runner = runner
        self._tiles: OrderedDict[TileKey, QPixmap] = OrderedDict()
        self._images: dict[tuple[str, int], QImage] = {}
        self._pending: set[TileKey] = set()
        self.scaled_count = 0
        """How many tiles were scaled so far (tests: a repaint must not rescale)."""

    def get(self, item: MediaItem, pixmap: QPixmap, tile: Tile, width: int, height: int) -> QPixmap | None:
        """The tile at this size in device pixels, or None while it is being scaled."""
        crop = tile.crop
        key: TileKey = (item.id, pixmap.cacheKey(), (crop.x, crop.y, crop.w, crop.h), width, height)
        scaled = self._tiles.get(key)
        if scaled is not None:
            self._tiles.move_to_end(key)
            return scaled
        if key not in self._pending:
            self._pending.add(key)
            self.scaled_count += 1
            image = self._image(item.id, pixmap)
            rect = crop_rect(image.width(), image.height(), tile)

            def done(result: QImage) -> None:
                self._finished(key)
                self._tiles[key] = QPixmap.fromImage(result)
                while len(self._tiles) > MAX_TILES:
                    self._tiles.popitem(last=False)
                self.sig_ready.emit(item.id)

            def failed(_exc: BaseException) -> None:
                self._finished(key)

            self._runner.submit(
                _scale, image, rect, width, height, on_done=done, on_error=failed, owner=self, lane="images"
            )
        return None

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self) -> None:
        """Block until no tile is being scaled (tests, shutdown)."""
        self._runner.wait()

    def _image(self, media_id: str, pixmap: QPixmap) -> QImage:
        # One QImage per thumbnail while its tiles are being scaled, made on the GUI
        # thread (QPixmap lives there) and shared read-only by the workers.
        key = (media_id, pixmap.cacheKey())
        image = self._images.get(key)
        if image is None:
            image = pixmap.toImage()
            self._images[key] = image
        return image

    def _finished(self, key: TileKey) -> None:
        self._pending.discard(key)
        source = key[:2]
        if not any(pending[:2] == source for pending in self._pending):
            self._images.pop(source, None)  # not kept beside the thumbnail it copies
