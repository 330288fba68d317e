"""Practice accounts from the window: the fake servers on this computer and five Sandbox
accounts connected to them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from composer.i18n import _

if TYPE_CHECKING:
    from composer.ui.main_window import MainWindow


def start_sandbox(window: MainWindow) -> None:
    """Practice accounts on this computer: the fake servers and five Sandbox accounts."""
    window.session.start_sandbox()
    window.statusBar().showMessage(
        _("Sandbox accounts are ready: try Post to all — nothing leaves this computer."), 10000
    )
