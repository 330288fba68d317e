"""Photos and videos into the open draft: chosen files and pasted images are imported off
the GUI thread, in order, on the session's imports thread (never behind uploads); each
refusal gets its own message."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QImage

from composer.core.post import MediaItem
from composer.i18n import _, describe_code
from composer.session import MediaError

if TYPE_CHECKING:
    from composer.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class MediaImport:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def attach_files(self, files: list[str]) -> None:
        """Import *files* off the GUI thread, in order; each refusal gets its own message."""
        if not files:
            return
        window = self.window
        window.statusBar().showMessage(_("Adding {count} file(s)…").format(count=len(files)))
        window.tasks.submit(
            window.session.import_files,
            [Path(f) for f in files],
            on_done=self._imported,
            owner=window,
            lane="imports",
        )

    def _imported(self, results: list[MediaItem | BaseException]) -> None:
        for result in results:
            if isinstance(result, MediaItem):
                self._media_added(result)
            else:
                self._media_failed(result)

    def attach_image(self, image: QImage) -> None:
        from PySide6.QtCore import QBuffer, QIODevice  # on first paste, not for the first paint

        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # The format as str: PySide6 6.11 refuses the bytes its own stubs ask for here.
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        data = bytes(buffer.data().data())
        self.window.tasks.submit(
            self.window.session.import_bytes,
            data,
            _("pasted-image") + ".png",
            on_done=self._media_added,
            on_error=self._media_failed,
            owner=self.window,
            lane="imports",
        )

    def _media_added(self, item: MediaItem) -> None:
        self.window.statusBar().clearMessage()
        self.window.editor.add_media(item)

    def _media_failed(self, exc: BaseException) -> None:
        self.window.statusBar().clearMessage()
        if isinstance(exc, MediaError):
            message = describe_code(exc.code, exc.params)
        else:
            log.error("import failed", exc_info=exc)
            message = _("The file could not be added.")
        # Imported on first use: not built for the first paint (issue 17, start-up).
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self.window, _("Cannot attach file"), message)
