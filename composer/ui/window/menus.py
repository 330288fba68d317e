"""The window's posting toolbar and its File, Edit and Help menus, with their shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton

from composer import __version__
from composer.i18n import _
from composer.ui.edit_actions import EditActions

if TYPE_CHECKING:
    from composer.ui.main_window import MainWindow


def build_toolbar(window: MainWindow) -> QPushButton:
    bar = window.addToolBar(_("Posting"))
    bar.setObjectName("posting")
    bar.setMovable(False)
    post_button = QPushButton("  " + _("Post to all") + "  ")
    post_button.setObjectName("primary")
    post_button.setToolTip(_("Check the post for every account, then send it (Ctrl+Enter)"))
    post_button.setStyleSheet(
        "QPushButton#primary { background:#0B5CAD; color:white; font-weight:600; padding:6px 14px; border-radius:4px; }"
        "QPushButton#primary:hover { background:#0A4F96; }"
    )
    post_button.clicked.connect(window.post_to_all)
    bar.addWidget(post_button)
    bar.addSeparator()
    bar.addAction(_("Outbox"), window.show_outbox)
    bar.addAction(_("History"), lambda: window.show_outbox(tab=1))
    bar.addAction(_("Accounts"), window.show_accounts)
    return post_button


def build_menus(window: MainWindow) -> None:
    file_menu = window.menuBar().addMenu(_("&File"))
    _action(window, file_menu, _("&New draft"), window.new_draft, QKeySequence.StandardKey.New)
    _action(window, file_menu, _("&Attach photos or videos…"), window.editor._choose_files, "Ctrl+Shift+A")
    _action(window, file_menu, _("&Delete draft"), window.drafts.delete_draft)
    _action(window, file_menu, _("&Import a plan…"), lambda: _import_plan(window), "Ctrl+Shift+I")
    _action(window, file_menu, _("Ca&lendar"), lambda: window.calendar.show(), "Ctrl+Shift+L")
    file_menu.addSeparator()
    _action(window, file_menu, _("&Post to all…"), window.post_to_all, "Ctrl+Return")
    _action(window, file_menu, _("&Outbox…"), window.show_outbox, "Ctrl+Shift+O")
    _action(window, file_menu, _("&History…"), lambda: window.show_outbox(tab=1), "Ctrl+Shift+H")
    _action(window, file_menu, _("In&box…"), window.inbox.show, "Ctrl+Shift+B")
    accounts_menu = file_menu.addMenu(_("A&ccounts"))
    _action(window, accounts_menu, _("A&ccounts…"), window.show_accounts, "Ctrl+Shift+K")
    _action(window, accounts_menu, _("&Import profile…"), window.account_health.import_profile)
    _action(window, file_menu, _("Monthly &report…"), lambda: _report(window), "Ctrl+Shift+M")
    file_menu.addSeparator()
    _action(window, file_menu, _("&Quit"), window.close, QKeySequence.StandardKey.Quit)
    edit_menu = window.menuBar().addMenu(_("&Edit"))
    EditActions(window, edit_menu)  # acts on the focused editor, text or design (owned by the window)
    edit_menu.addSeparator()
    _action(window, edit_menu, _("&Snippets and hashtag sets…"), lambda: window.snippets.manage())
    _action(
        window, edit_menu, _("&Preferences…"), window.edit_preferences, QKeySequence.StandardKey.Preferences
    )
    help_menu = window.menuBar().addMenu(_("&Help"))
    _action(
        window,
        help_menu,
        _("&User guide (Bahasa Indonesia)"),
        lambda: show_guide(window),
        QKeySequence.StandardKey.HelpContents,
    )
    _action(window, help_menu, _("Welcome and &first steps…"), window.show_first_run)
    help_menu.addSeparator()
    _action(window, help_menu, _("&About Siar"), lambda: _about(window))


def _report(window: MainWindow) -> None:
    from composer.ui.report_dialog import show_report

    show_report(window, window.session)


def _action(
    window: MainWindow,
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence.StandardKey | str | None = None,
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    # triggered(bool) would arrive as the slot's first argument (the guide took it for a page).
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def _import_plan(window: MainWindow) -> None:
    from composer.ui.plan_import import choose_and_import

    choose_and_import(window)


def show_guide(window: MainWindow, page: str = "index.md") -> None:
    from composer.ui.guide import GuideDialog

    dialog = GuideDialog(window, page)
    dialog.show()


def _about(window: MainWindow) -> None:
    # Imported on first use: not built for the first paint (issue 17, start-up).
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(
        window,
        _("About Siar"),
        _("Siar {version}\nWrite a post once, see it on every platform, publish everywhere.").format(
            version=__version__
        ),
    )
