"""Preferences from the window: the dialog, saved, then announced so the app re-applies
language and theme."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from composer.ui.main_window import MainWindow


def edit_preferences(window: MainWindow) -> None:
    from composer.ui.preferences import PreferencesDialog  # loaded when first opened

    dialog = PreferencesDialog(window.prefs, window)
    if dialog.exec():
        prefs = dialog.values(window.prefs)
        window.session.save_preferences(prefs)
        window.sig_preferences_changed.emit(prefs)
