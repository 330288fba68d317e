"""Bundled fonts for the UI: colour emoji, so previews show emoji on any machine."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from composer.paths import assets_dir

log = logging.getLogger(__name__)
_loaded = False


def load_bundled_fonts() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    font_id = QFontDatabase.addApplicationFont(str(assets_dir() / "fonts" / "NotoColorEmoji.ttf"))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("bundled emoji font could not be loaded")
        return
    if hasattr(QFontDatabase, "addApplicationEmojiFontFamily"):  # Qt >= 6.9
        QFontDatabase.addApplicationEmojiFontFamily(families[0])
