"""When the workspace cannot be opened: a dialog that says why, in the UI language, and
offers what can be done (restore the latest automatic backup, start empty with the
damaged file kept aside, try again once the disk has room or the folder is writable).

Without it a damaged, read-only or full workspace made the window exit silently, and a
Windows build without a console would simply not start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from composer import i18n
from composer.i18n import _
from composer.session import Workspace
from composer.session import workspace_problems as backups
from composer.session.workspace_problems import BUSY, DAMAGED, FULL, NEWER, READ_ONLY, WorkspaceError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPushButton, QWidget

RESTORE, FRESH, RETRY, QUIT = "restore", "fresh", "retry", "quit"


def open_workspace(parent: QWidget | None = None) -> Workspace | None:
    """The workspace, once it opens; None when the officer chose to quit."""
    while True:
        try:
            return Workspace()
        except WorkspaceError as problem:
            # The officer's language is a preference inside the workspace that just failed
            # to open: the system's choice is the best guess (the CLI does the same).
            i18n.set_language(i18n.system_language())
            choice = ask(problem, parent)
            if choice == RESTORE and problem.backup is not None:
                backups.restore(problem.path, problem.backup)
            elif choice == FRESH:
                backups.set_aside(problem.path)
            elif choice != RETRY:
                return None


def _explain(problem: WorkspaceError) -> tuple[str, str]:
    """(headline, what it means and what to do) for *problem*."""
    folder = str(problem.path.parent)
    if problem.code == DAMAGED:
        if problem.backup is not None:
            date = problem.backup.stem.removeprefix("siar-")
            return _("Siar's workspace file is damaged."), _(
                "Siar keeps an automatic backup every day. Restore the one of {date}: work saved after it "
                "is lost, and the damaged file is kept beside it ({path}.damaged-…) in case it is needed."
            ).format(date=date, path=problem.path)
        return _("Siar's workspace file is damaged."), _(
            "There is no automatic backup yet. Siar can put the damaged file aside ({path}.damaged-…) "
            "and start with an empty workspace."
        ).format(path=problem.path)
    if problem.code == READ_ONLY:
        return _("Siar cannot write its workspace."), _(
            "The folder {folder} is read-only (or on a read-only disk). Make it writable and try again, "
            "or start Siar with --home pointing at a folder you can write to."
        ).format(folder=folder)
    if problem.code == FULL:
        return _("The disk is full."), _(
            "The disk holding {folder} has no room left. Free some space and try again; nothing was saved half-way."
        ).format(folder=folder)
    if problem.code == BUSY:
        return _("Another Siar is using the workspace."), _(
            "Close the other Siar window (or wait a moment) and try again."
        )
    if problem.code == NEWER:
        return _("This workspace was saved by a newer Siar."), _(
            "Please update Siar. Your drafts are untouched."
        )
    return _("Siar cannot open its workspace."), _(
        "A disk error stopped Siar reading {folder}. Check the disk and try again."
    ).format(folder=folder)


def ask(problem: WorkspaceError, parent: QWidget | None = None) -> str:
    """Show the dialog; returns RESTORE, FRESH, RETRY or QUIT."""
    headline, details = _explain(problem)
    # Imported here: a workspace that opens needs no dialog class built (issue 17, start-up).
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Siar")
    box.setText(headline)
    box.setInformativeText(details)
    choices: list[tuple[QPushButton, str]] = []
    if problem.code == DAMAGED and problem.backup is not None:
        choices.append((box.addButton(_("Restore the backup"), QMessageBox.ButtonRole.AcceptRole), RESTORE))
    elif problem.code == DAMAGED:
        label = _("Start with an empty workspace")
        choices.append((box.addButton(label, QMessageBox.ButtonRole.AcceptRole), FRESH))
    elif problem.code != NEWER:
        choices.append((box.addButton(_("Try again"), QMessageBox.ButtonRole.AcceptRole), RETRY))
    quit_button = box.addButton(_("Quit Siar"), QMessageBox.ButtonRole.RejectRole)
    choices.append((quit_button, QUIT))
    box.setDefaultButton(choices[0][0])
    box.setEscapeButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    return next((choice for button, choice in choices if button is clicked), QUIT)
