"""The start the guide's screenshot tools share: Siar's window stack offscreen (the office
laptop's 1366×768 is each tool's own), light theme, in the asked language, over a
throwaway SIAR_HOME so a real workspace and the real keyring-backed accounts are never
touched."""

from __future__ import annotations

import os
import pathlib
import tempfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from composer.session import Session
    from composer.store.settings import Preferences


@dataclass
class Started:
    app: QApplication
    session: Session
    prefs: Preferences  # saved: the language chosen, the first-run page done
    home: pathlib.Path  # the throwaway SIAR_HOME


def start(lang: str, *, qt_catalogue: bool = True) -> Started:
    """QApplication, bundled fonts, the UI language (and Qt's own words in it when
    *qt_catalogue*), the light theme, then a Session in a fresh temporary home."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = pathlib.Path(tempfile.mkdtemp(prefix="siar-shot-"))
    os.environ["SIAR_HOME"] = str(home)

    from PySide6.QtWidgets import QApplication

    from composer import i18n
    from composer.session import Session
    from composer.ui.fonts import load_bundled_fonts
    from composer.ui.qt_translations import install_qt_catalogue
    from composer.ui.theme import apply_theme

    app = QApplication([])
    load_bundled_fonts()
    i18n.set_language(lang)
    if qt_catalogue:
        install_qt_catalogue()
    apply_theme(app, "light")
    session = Session()
    prefs = session.preferences()
    prefs.language, prefs.first_run_done = lang, "1"
    session.save_preferences(prefs)
    return Started(app, session, prefs, home)
