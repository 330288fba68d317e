"""Practice accounts from the window: the fake servers on this computer and five Sandbox
accounts connected to them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from composer.i18n import _

if TYPE_CHECKING:
    from composer.ui.main_window import MainWindow


def start_sandbox(window: MainWindow) -> None:
    """Practice accounts on this computer: the fake servers and five Sandbox accounts."""
    from composer.demo import connect_sandbox
    from composer.sandbox import Sandbox

    services = window.services
    if services.sandbox is None:
        services.sandbox = Sandbox.start()
    connect_sandbox(services.registry, services.sandbox)
    window.statusBar().showMessage(
        _("Sandbox accounts are ready: try Post to all — nothing leaves this computer."), 10000
    )
