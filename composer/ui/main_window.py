"""The main window: drafts on the left, the editor in the middle, every preview on the right.

It only assembles the parts in composer/ui/window/, each with one concern, and offers
the actions a person (or a test) triggers from the menus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QImage
from PySide6.QtWidgets import QMainWindow, QSplitter, QTabWidget, QVBoxLayout, QWidget

from composer.core.post import Post
from composer.core.text import twitter_text
from composer.i18n import _
from composer.session import Preferences, Session
from composer.ui.drafts_panel import DraftsPanel
from composer.ui.editor import ComposerEditor
from composer.ui.previews.panel import PreviewsPanel
from composer.ui.screen_fit import fit_to_screen
from composer.ui.snippets import Snippets
from composer.ui.startup_probe import FirstPaint
from composer.ui.tasks import TaskRunner
from composer.ui.thumbnails import ThumbnailCache
from composer.ui.window import menus, preferences, sandbox
from composer.ui.window.account_health import AccountHealth
from composer.ui.window.autosave import Autosave
from composer.ui.window.calendar_tab import CalendarTab
from composer.ui.window.drafts import Drafts
from composer.ui.window.first_run import FirstRun
from composer.ui.window.inbox import Inbox
from composer.ui.window.media_import import MediaImport
from composer.ui.window.metrics import MetricsRuns
from composer.ui.window.outbox_status import OutboxStatus
from composer.ui.window.posting import Posting

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog  # an annotation: the class is not built for the first paint

    from composer.ui.design_editor.editor import DesignEditor


class MainWindow(QMainWindow):
    sig_preferences_changed = Signal(object)
    """(Preferences) saved from the Preferences dialog; the app re-applies language/theme."""

    def __init__(self, session: Session, prefs: Preferences) -> None:
        super().__init__()
        self.session = session
        # All background work of this window and its dialogs runs on the session's pool;
        # closing the window (or the session) drops every result not yet delivered.
        self.tasks = TaskRunner(session, self)
        self.prefs = prefs
        self.setWindowTitle("Siar")
        fit_to_screen(self)  # a 1366×768 laptop gets the whole screen, not a window past its edge

        self.thumbnails = ThumbnailCache(session.media, self.tasks, self)
        self.drafts_panel = DraftsPanel(session.drafts)
        self.editor = ComposerEditor(self.thumbnails)
        self.previews = PreviewsPanel(self.thumbnails, prefs.office_name)
        # The first previews match links with patterns of their own few top-level domains;
        # the pattern of every one (tens of ms to compile) is built once the window is
        # painted, by a worker: on this thread it would hold up the first keys typed.
        self._link_patterns = FirstPaint(self, self._warm_up)
        # The infographic editor (and the renderer behind it) is built the first time its
        # tab is opened: nothing of it is needed to start writing.
        self._design_editor: DesignEditor | None = None
        self._design_tab = QWidget()
        QVBoxLayout(self._design_tab).setContentsMargins(0, 0, 0, 0)
        writing = QSplitter(Qt.Orientation.Horizontal)
        writing.addWidget(self.editor)
        writing.addWidget(self.previews)
        writing.setStretchFactor(0, 1)
        writing.setStretchFactor(1, 2)
        writing.setSizes([400, 790])
        # Two modes for the open draft: writing with every preview, and its infographic.
        self.modes = QTabWidget()
        self.modes.setDocumentMode(True)
        self.modes.addTab(writing, _("Write and preview"))
        self.modes.addTab(self._design_tab, _("Infographic"))
        self.modes.currentChanged.connect(lambda index: self.design_editor if index == 1 else None)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.drafts_panel)
        splitter.addWidget(self.modes)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([170, 1400])
        self.setCentralWidget(splitter)

        self.drafts = Drafts(self)
        self.autosave = Autosave(self)
        self.media_import = MediaImport(self)
        self.posting = Posting(self)
        self.first_run = FirstRun(self)
        self.snippets = Snippets(self)
        self.calendar = CalendarTab(self)
        self.drafts_panel.sig_selected.connect(self.open_draft)
        self.drafts_panel.sig_new_requested.connect(self.new_draft)
        self.editor.sig_changed.connect(self.autosave.changed)
        self.editor.sig_attach_requested.connect(self.attach_files)
        self.editor.sig_image_pasted.connect(self.attach_image)
        self.previews.sig_enabled_toggled.connect(self.drafts.platform_toggled)
        self.account_health = AccountHealth(self)
        self.outbox_status = OutboxStatus(self)
        self.post_button = menus.build_toolbar(self)
        self.inbox = Inbox(self)
        self.metrics_runs = MetricsRuns(self)
        menus.build_menus(self)
        self.drafts.open_initial()

    def _warm_up(self) -> None:
        self.tasks.submit(twitter_text.warm_up)

    @property
    def runner(self) -> TaskRunner:
        """The window's task runner (the same as ``tasks``)."""
        return self.tasks

    @property
    def post(self) -> Post | None:
        """The open draft."""
        return self.drafts.post

    @property
    def design_editor(self) -> DesignEditor:
        if self._design_editor is None:
            from composer.ui.design_editor.editor import DesignEditor

            editor = DesignEditor(self.session, self.tasks)
            editor.sig_exported.connect(self.drafts.design_exported)
            layout = self._design_tab.layout()
            assert layout is not None
            layout.addWidget(editor)
            self._design_editor = editor
            editor.set_post(self.post)
        return self._design_editor

    @property
    def design_editor_if_built(self) -> DesignEditor | None:
        return self._design_editor

    @property
    def _refresh(self) -> QTimer:
        return self.autosave.refresh_timer

    @property
    def _open_dialog(self) -> QDialog | None:
        return self.posting.open_dialog

    # --- what the menus, toolbar and panels trigger ------------------------------------
    def open_draft(self, draft_id: str) -> None:
        self.drafts.open_draft(draft_id)

    def new_draft(self) -> None:
        self.drafts.new_draft()

    def save_now(self) -> None:
        self.autosave.save_now()

    def refresh_previews(self) -> None:
        self.autosave.refresh_previews()

    def attach_files(self, files: list[str]) -> None:
        self.media_import.attach_files(files)

    def attach_image(self, image: QImage) -> None:
        self.media_import.attach_image(image)

    def edit_preferences(self) -> None:
        preferences.edit_preferences(self)

    def show_first_run(self) -> None:
        self.first_run.show()

    def start_sandbox(self) -> None:
        sandbox.start_sandbox(self)

    def show_accounts(self) -> None:
        self.account_health.show_accounts()

    def post_to_all(self) -> None:
        self.posting.post_to_all()

    def show_outbox(self, tab: int = 0) -> None:
        self.posting.show_outbox(tab)

    def open_panel(self, name: str) -> QWidget:
        """A dialog by name, shown but not modal (tools/screenshot.py)."""
        return self.posting.open_panel(name)

    def run_outbox(self) -> None:
        self.outbox_status.run_outbox()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_now()  # (nothing to do when it closes a second time, or after the session)
        if self._design_editor is not None:
            self._design_editor.save_now()
        self.tasks.close()  # stops the timers; nothing calls back into a closed window
        super().closeEvent(event)
