"""The welcome dialog from the window, and what its last page asks for next: practice
accounts, the Accounts dialog, or a window in the chosen language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from composer import i18n

if TYPE_CHECKING:
    from composer.ui.main_window import MainWindow


class FirstRun:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def show(self) -> None:
        from composer.ui.first_run import FirstRunDialog

        dialog = FirstRunDialog(self.window.session, self.window)
        dialog.sig_done.connect(self._done)
        self.window.posting.open_dialog = dialog
        dialog.show()  # not modal: the officer can start writing at once

    def _done(self, language: str, next_step: str) -> None:
        from composer.ui.first_run import NEXT_ACCOUNTS, NEXT_SANDBOX

        window = self.window
        window.prefs = window.session.preferences()
        window.previews.set_office(window.prefs.office_name)
        window.refresh_previews()
        if window.design_editor_if_built is not None:
            window.design_editor_if_built.set_brand(window.session.brand())
        if next_step == NEXT_SANDBOX:
            window.start_sandbox()
        if language != i18n.current_language():
            window.sig_preferences_changed.emit(window.prefs)  # rebuilds the window in that language
            return
        if next_step == NEXT_ACCOUNTS:
            window.show_accounts()
