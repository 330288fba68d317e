"""Composition root of the desktop app: paths, language, theme, workspace, main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from composer import APP_ID


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="siar")
    parser.add_argument("--demo", action="store_true", help="open the bundled demo workspace")
    parser.add_argument("--home", help="keep the workspace in this folder (same as SIAR_HOME)")
    return parser.parse_args(list(argv))


def main(argv: Sequence[str] = ()) -> int:
    args = _parse(argv)
    if args.home:
        os.environ["SIAR_HOME"] = str(Path(args.home).expanduser().resolve())
    from composer import logs

    logs.setup(logging.INFO)

    from PySide6.QtWidgets import QApplication, QMessageBox

    from composer import i18n
    from composer.store.db import NewerWorkspaceError
    from composer.store.settings import Preferences
    from composer.store.workspace import Workspace
    from composer.ui.fonts import load_bundled_fonts
    from composer.ui.main_window import MainWindow
    from composer.ui.tasks import TaskRunner
    from composer.ui.theme import apply_theme

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Siar")
    app.setOrganizationName("Siar")
    app.setDesktopFileName(APP_ID)
    load_bundled_fonts()
    try:
        workspace = Workspace()
    except NewerWorkspaceError:
        QMessageBox.critical(None, "Siar", "This workspace was saved by a newer Siar. Please update Siar.")
        return 1
    from composer.services import Services

    services = Services(workspace)
    if args.demo:
        from composer.demo import connect_sandbox, seed
        from composer.sandbox import Sandbox

        seed(workspace)
        services.sandbox = Sandbox.start()
        connect_sandbox(services.registry, services.sandbox)
    prefs = workspace.settings.load()
    runner = TaskRunner(app)
    state: dict[str, MainWindow] = {}

    def build(current: Preferences | None = None) -> None:
        """Show a main window in the current language; rebuilt when preferences change."""
        nonlocal prefs
        if current is not None:
            prefs = current
        i18n.set_language(i18n.system_language() if prefs.language == "auto" else prefs.language)
        apply_theme(app, prefs.theme)
        old = state.get("window")
        geometry = None
        if old is not None:
            old.save_now()  # the new window reads the draft back from the workspace
            geometry = old.saveGeometry()
        window = MainWindow(workspace, runner, prefs, services)
        window.sig_preferences_changed.connect(build)
        if geometry is not None:
            window.restoreGeometry(geometry)
        window.show()
        state["window"] = window
        if old is not None:
            old.close()
            old.deleteLater()

    build()
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app, prefs.theme))
    code = app.exec()
    runner.wait(5000)
    services.close()
    workspace.close()
    return int(code)
