"""Thumbnails for the previews and the media strip, made off the GUI thread and cached."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QPixmap

from composer.core.post import MediaItem
from composer.session import MediaStore
from composer.ui.tasks import TaskRunner

THUMB_PX = 720


def _load(store: MediaStore, item: MediaItem) -> QImage | None:
    path = store.thumbnail(item, THUMB_PX)
    if path is None:
        return None
    image = QImage(str(path))  # QImage (unlike QPixmap) may be made on a worker thread
    return None if image.isNull() else image


class ThumbnailCache(QObject):
    sig_loaded = Signal(str)
    """(media id) once a thumbnail is ready to draw."""

    def __init__(self, store: MediaStore, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._pixmaps: dict[str, QPixmap] = {}
        self._loading: set[str] = set()

    @property
    def runner(self) -> TaskRunner:
        """The window's runner (the tiles of the previews share it)."""
        return self._runner

    def get(self, item: MediaItem) -> QPixmap | None:
        pixmap = self._pixmaps.get(item.id)
        if pixmap is None and item.kind == "image" and item.id not in self._loading:
            self._loading.add(item.id)
            media_id = item.id

            def done(image: QImage | None) -> None:
                self._loaded(media_id, image)

            def failed(_exc: BaseException) -> None:
                self._loading.discard(media_id)

            self._runner.submit(
                _load, self._store, item, on_done=done, on_error=failed, owner=self, lane="images"
            )
        return pixmap

    def _loaded(self, media_id: str, image: QImage | None) -> None:
        self._loading.discard(media_id)
        if image is not None:
            self._pixmaps[media_id] = QPixmap.fromImage(image)
            self.sig_loaded.emit(media_id)
