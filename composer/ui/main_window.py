"""The main window: drafts on the left, the editor in the middle, every preview on the right."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QImage, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from composer import __version__, i18n
from composer.core.post import MediaItem, Post
from composer.i18n import _, describe_code
from composer.services import Services

if TYPE_CHECKING:
    from composer.ui.design_editor.editor import DesignEditor
from composer.store.drafts import DamagedDraftError
from composer.store.media import MediaError
from composer.store.settings import Preferences
from composer.store.workspace import Workspace
from composer.ui.drafts_panel import DraftsPanel
from composer.ui.edit_actions import EditActions
from composer.ui.editor import ComposerEditor
from composer.ui.preferences import PreferencesDialog
from composer.ui.previews.panel import PreviewsPanel
from composer.ui.screen_fit import fit_to_screen
from composer.ui.tasks import TaskRunner
from composer.ui.thumbnails import ThumbnailCache

log = logging.getLogger(__name__)
OUTBOX_TICK_MS = 10_000  # due retries and posts waiting for the connection are tried this often
HEALTH_CHECK_MS = 6 * 3600 * 1000  # tokens are re-checked this often while Siar is open
FIRST_HEALTH_CHECK_MS = 4000  # after start-up, when the window is already usable
AUTOSAVE_MS = 1000  # first unsaved change is on disk within this, well inside the 2 s promise


def _import_all(workspace: Workspace, files: list[Path]) -> list[MediaItem | BaseException]:
    results: list[MediaItem | BaseException] = []
    for path in files:
        try:
            results.append(workspace.media.import_file(path))
        except (MediaError, OSError) as exc:
            results.append(exc)
    return results


class MainWindow(QMainWindow):
    sig_preferences_changed = Signal(object)
    """(Preferences) saved from the Preferences dialog; the app re-applies language/theme."""

    def __init__(
        self, workspace: Workspace, runner: TaskRunner, prefs: Preferences, services: Services | None = None
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.runner = runner
        self.services = services or Services(workspace)
        # Network work (checks, connections, uploads) waits on the wire, not the CPU: its
        # own pool, so a slow platform never holds up thumbnails or rendering.
        self.net = TaskRunner(self, threads=6)
        self.prefs = prefs
        self.post: Post | None = None
        self.setWindowTitle("Siar")
        fit_to_screen(self)  # a 1366×768 laptop gets the whole screen, not a window past its edge

        self.thumbnails = ThumbnailCache(workspace.media, runner, self)
        self.drafts_panel = DraftsPanel()
        self.editor = ComposerEditor(self.thumbnails)
        self.previews = PreviewsPanel(self.thumbnails, prefs.office_name)
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
        self.saved_label = QLabel()
        self.statusBar().addPermanentWidget(self.saved_label)

        self._refresh = QTimer(self, singleShot=True, interval=0)  # coalesce keystrokes per frame
        self._refresh.timeout.connect(self.refresh_previews)
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)

        self.drafts_panel.sig_selected.connect(self.open_draft)
        self.drafts_panel.sig_new_requested.connect(self.new_draft)
        self.editor.sig_changed.connect(self._post_changed)
        self.editor.sig_attach_requested.connect(self.attach_files)
        self.editor.sig_image_pasted.connect(self.attach_image)
        self.previews.sig_enabled_toggled.connect(self._platform_toggled)
        self._open_dialog: QDialog | None = None  # the last dialog opened (tests, screenshots)
        self.accounts_label = QLabel()
        self.accounts_label.setTextFormat(Qt.TextFormat.RichText)
        self.accounts_label.linkActivated.connect(lambda _link: self.show_accounts())
        self.statusBar().addPermanentWidget(self.accounts_label)
        # Token health: checked soon after start and every few hours while the app is open.
        self._health_timer = QTimer(self, interval=HEALTH_CHECK_MS)
        self._health_timer.timeout.connect(self.check_accounts)
        self._health_timer.start()
        self._first_health = QTimer(self, singleShot=True, interval=FIRST_HEALTH_CHECK_MS)
        self._first_health.timeout.connect(self.check_accounts)
        self._first_health.start()
        self.outbox_label = QLabel()
        self.outbox_label.setTextFormat(Qt.TextFormat.RichText)
        self.outbox_label.linkActivated.connect(lambda _link: self.show_outbox())
        self.statusBar().addPermanentWidget(self.outbox_label)
        # The outbox sends by itself: queued posts, retries when they come due, and
        # whatever waited for the connection to come back.
        self._outbox_busy = False
        self._outbox_timer = QTimer(self, interval=OUTBOX_TICK_MS)
        self._outbox_timer.timeout.connect(self.run_outbox)
        self._outbox_timer.start()
        self._build_toolbar()
        self._build_menus()
        self._open_initial()

    @property
    def design_editor(self) -> DesignEditor:
        if self._design_editor is None:
            from composer.ui.design_editor.editor import DesignEditor

            editor = DesignEditor(self.workspace, self.runner)
            editor.sig_exported.connect(self._design_exported)
            layout = self._design_tab.layout()
            assert layout is not None
            layout.addWidget(editor)
            self._design_editor = editor
            editor.set_post(self.post)
        return self._design_editor

    # --- toolbar and menus ----------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = self.addToolBar(_("Posting"))
        bar.setObjectName("posting")
        bar.setMovable(False)
        self.post_button = QPushButton("  " + _("Post to all") + "  ")
        self.post_button.setObjectName("primary")
        self.post_button.setToolTip(_("Check the post for every account, then send it (Ctrl+Enter)"))
        self.post_button.setStyleSheet(
            "QPushButton#primary { background:#0B5CAD; color:white; font-weight:600; padding:6px 14px; border-radius:4px; }"
            "QPushButton#primary:hover { background:#0A4F96; }"
        )
        self.post_button.clicked.connect(self.post_to_all)
        bar.addWidget(self.post_button)
        bar.addSeparator()
        bar.addAction(_("Outbox"), self.show_outbox)
        bar.addAction(_("History"), lambda: self.show_outbox(tab=1))
        bar.addAction(_("Accounts"), self.show_accounts)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self._action(file_menu, _("&New draft"), self.new_draft, QKeySequence.StandardKey.New)
        self._action(file_menu, _("&Attach photos or videos…"), self.editor._choose_files, "Ctrl+Shift+A")
        self._action(file_menu, _("&Delete draft"), self.delete_draft)
        file_menu.addSeparator()
        self._action(file_menu, _("&Post to all…"), self.post_to_all, "Ctrl+Return")
        self._action(file_menu, _("&Outbox…"), self.show_outbox, "Ctrl+Shift+O")
        self._action(file_menu, _("&History…"), lambda: self.show_outbox(tab=1), "Ctrl+Shift+H")
        self._action(file_menu, _("A&ccounts…"), self.show_accounts, "Ctrl+Shift+K")
        file_menu.addSeparator()
        self._action(file_menu, _("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        edit_menu = self.menuBar().addMenu(_("&Edit"))
        self.edit_actions = EditActions(self, edit_menu)  # act on the focused editor: text or design
        edit_menu.addSeparator()
        self._action(
            edit_menu, _("&Preferences…"), self.edit_preferences, QKeySequence.StandardKey.Preferences
        )
        help_menu = self.menuBar().addMenu(_("&Help"))
        self._action(
            help_menu,
            _("&User guide (Bahasa Indonesia)"),
            self.show_guide,
            QKeySequence.StandardKey.HelpContents,
        )
        self._action(help_menu, _("Welcome and &first steps…"), self.show_first_run)
        help_menu.addSeparator()
        self._action(help_menu, _("&About Siar"), self._about)

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        # triggered(bool) would arrive as the slot's first argument (the guide took it for a page).
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    # --- drafts --------------------------------------------------------------------
    def _open_initial(self) -> None:
        drafts = self.workspace.drafts.list()
        ids = [d.id for d in drafts]
        if self.prefs.last_draft in ids:
            self.open_draft(self.prefs.last_draft)
        elif ids:
            self.open_draft(ids[0])
        else:
            self.new_draft()

    def open_draft(self, draft_id: str) -> None:
        if self.post is not None and self.post.id == draft_id:
            return
        self.save_now()
        try:
            post = self.workspace.drafts.load(draft_id)
        except DamagedDraftError:
            QMessageBox.warning(
                self,
                _("Draft cannot be opened"),
                _("This draft is damaged and cannot be opened. Your other drafts are safe."),
            )
            return
        self._show(post)

    def new_draft(self) -> None:
        self.save_now()
        post = Post()
        self.workspace.drafts.save(post)
        self._show(post)
        self.editor.text_edit.setFocus()

    def delete_draft(self) -> None:
        if self.post is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete draft"),
            _("Move “{title}” to the bin?").format(title=self.post.display_title() or _("(untitled)")),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.workspace.drafts.delete(self.post.id)
        self.post = None
        self._open_initial()

    def _show(self, post: Post) -> None:
        self.post = post
        self.editor.set_post(post)
        if self._design_editor is not None:
            self._design_editor.set_post(post)
        if self.prefs.last_draft != post.id:  # no disk write (and fsync) when reopening the same one
            self.prefs.last_draft = post.id
            self.workspace.settings.save(self.prefs)
        self.drafts_panel.show_drafts(self.workspace.drafts.list(), post.id)
        self.refresh_previews()

    # --- editing -------------------------------------------------------------------
    def _post_changed(self) -> None:
        self._refresh.start()
        if not self._autosave.isActive():
            self._autosave.start()
            self.saved_label.setText(_("Saving…"))

    def _platform_toggled(self, platform_id: str, enabled: bool) -> None:
        if self.post is not None:
            self.post.variant(platform_id).enabled = enabled
            self._post_changed()

    def refresh_previews(self) -> None:
        if self.post is not None:
            self.previews.show_post(self.post)

    def _design_exported(self, post_id: str, images: dict[str, MediaItem]) -> None:
        if self.post is None or self.post.id != post_id:
            return
        self.post.design_images = dict(images)
        self._post_changed()
        self.save_now()
        self.modes.setCurrentIndex(0)
        self.statusBar().showMessage(
            _("The infographic was added to {count} platform(s) in its size for each.").format(
                count=len(images)
            ),
            8000,
        )

    def save_now(self) -> None:
        self._autosave.stop()
        if self.post is None:
            return
        self.workspace.drafts.save(self.post)
        self.drafts_panel.rename(self.post.id, self.post.display_title(), self.post.updated_at)
        self.saved_label.setText(_("Saved {time}").format(time=self.post.updated_at[11:16] + " UTC"))

    # --- media ---------------------------------------------------------------------
    def attach_files(self, files: list[str]) -> None:
        """Import *files* off the GUI thread, in order; each refusal gets its own message."""
        if not files:
            return
        self.statusBar().showMessage(_("Adding {count} file(s)…").format(count=len(files)))
        self.runner.submit(
            _import_all, self.workspace, [Path(f) for f in files], on_done=self._imported, owner=self
        )

    def _imported(self, results: list[MediaItem | BaseException]) -> None:
        for result in results:
            if isinstance(result, MediaItem):
                self._media_added(result)
            else:
                self._media_failed(result)

    def attach_image(self, image: QImage) -> None:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, b"PNG")
        data = bytes(buffer.data().data())
        self.runner.submit(
            self.workspace.media.import_bytes,
            data,
            _("pasted-image") + ".png",
            on_done=self._media_added,
            on_error=self._media_failed,
            owner=self,
        )

    def _media_added(self, item: MediaItem) -> None:
        self.statusBar().clearMessage()
        self.editor.add_media(item)

    def _media_failed(self, exc: BaseException) -> None:
        self.statusBar().clearMessage()
        if isinstance(exc, MediaError):
            message = describe_code(exc.code, exc.params)
        else:
            log.error("import failed", exc_info=exc)
            message = _("The file could not be added.")
        QMessageBox.warning(self, _("Cannot attach file"), message)

    # --- preferences and closing -----------------------------------------------------
    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.prefs, self)
        if dialog.exec():
            prefs = dialog.values(self.prefs)
            self.workspace.settings.save(prefs)
            self.sig_preferences_changed.emit(prefs)

    def show_guide(self, page: str = "index.md") -> None:
        from composer.ui.guide import GuideDialog

        dialog = GuideDialog(self, page)
        dialog.show()

    def show_first_run(self) -> None:
        from composer.ui.first_run import FirstRunDialog

        dialog = FirstRunDialog(self.workspace, self)
        dialog.sig_done.connect(self._first_run_done)
        self._open_dialog = dialog
        dialog.show()  # not modal: the officer can start writing at once

    def _first_run_done(self, language: str, next_step: str) -> None:
        from composer.ui.first_run import NEXT_ACCOUNTS, NEXT_SANDBOX

        self.prefs = self.workspace.settings.load()
        self.previews.set_office(self.prefs.office_name)
        self.refresh_previews()
        if self._design_editor is not None:
            self._design_editor.set_brand(self.workspace.settings.load_brand())
        if next_step == NEXT_SANDBOX:
            self.start_sandbox()
        if language != i18n.current_language():
            self.sig_preferences_changed.emit(self.prefs)  # rebuilds the window in that language
            return
        if next_step == NEXT_ACCOUNTS:
            self.show_accounts()

    def start_sandbox(self) -> None:
        """Practice accounts on this computer: the fake servers and five Sandbox accounts."""
        from composer.demo import connect_sandbox
        from composer.sandbox import Sandbox

        if self.services.sandbox is None:
            self.services.sandbox = Sandbox.start()
        connect_sandbox(self.services.registry, self.services.sandbox)
        self.statusBar().showMessage(
            _("Sandbox accounts are ready: try Post to all — nothing leaves this computer."), 10000
        )

    def _about(self) -> None:
        QMessageBox.about(
            self,
            _("About Siar"),
            _("Siar {version}\nWrite a post once, see it on every platform, publish everywhere.").format(
                version=__version__
            ),
        )

    # --- accounts ----------------------------------------------------------------------
    def show_accounts(self) -> None:
        from composer.ui.accounts_dialog import AccountsDialog

        dialog = AccountsDialog(self.services.registry, self.net, self)
        dialog.sig_changed.connect(self._show_account_health)
        dialog.exec()

    def check_accounts(self) -> None:
        """Ask every platform about its account, off the GUI thread; tell about trouble."""
        if self.net.busy and not self.isVisible():
            return
        registry = self.services.registry
        self.net.submit(
            registry.check_all, on_done=lambda _a: self._show_account_health(), key="health", owner=self
        )

    def _show_account_health(self) -> None:
        from composer.ui.accounts_dialog import state_text

        accounts = self.services.registry.list()
        trouble = [a for a in accounts if a.health.state not in ("ok", "unchecked", "unreachable")]
        if not trouble:
            self.accounts_label.setText("")
            return
        first = trouble[0]
        text = _("{name}: {state}").format(name=first.name, state=state_text(first))
        if len(trouble) > 1:
            text += " " + _("(+{count} more)").format(count=len(trouble) - 1)
        self.accounts_label.setText(f"<a href='accounts' style='color:#B3261E'>⚠️ {text}</a>")
        self.accounts_label.setToolTip(_("Open Accounts to reconnect"))

    # --- posting -----------------------------------------------------------------------
    def post_to_all(self) -> None:
        from composer.ui.publish_dialog import PublishDialog

        if self.post is None:
            return
        self.save_now()
        dialog = PublishDialog(Post.from_dict(self.post.to_dict()), self.services, self.net, self)
        dialog.sig_reconnect.connect(self.show_accounts)
        dialog.sig_open_outbox.connect(self.show_outbox)
        dialog.sig_posted.connect(self.drafts_panel.set_posted)  # the "sent" mark in the list
        dialog.finished.connect(lambda _code: self._show_outbox_state())
        self._open_dialog = dialog
        dialog.open()

    def show_outbox(self, tab: int = 0) -> None:
        from composer.ui.outbox_dialog import OutboxDialog

        dialog = OutboxDialog(self.services, self.net, self, tab=tab)
        dialog.finished.connect(lambda _code: self._show_outbox_state())
        self._open_dialog = dialog
        dialog.open()

    def open_panel(self, name: str) -> QWidget:
        """A dialog by name, shown but not modal (tools/screenshot.py)."""
        if name == "post":
            self.post_to_all()
        else:
            self.show_outbox(tab=1 if name == "history" else 0)
        assert self._open_dialog is not None
        return self._open_dialog

    def run_outbox(self) -> None:
        if self._outbox_busy or not self.services.workspace.outbox.list(("queued", "waiting", "running")):
            self._show_outbox_state()
            return
        self._outbox_busy = True

        def done(_result: object) -> None:
            self._outbox_busy = False
            self._show_outbox_state()

        self.net.submit(
            self.services.outbox.run_due, on_done=done, on_error=lambda _e: done(None), owner=self
        )

    def _show_outbox_state(self) -> None:
        jobs = self.services.workspace.outbox.list(("queued", "waiting", "running", "needs_check", "failed"))
        if not jobs:
            self.outbox_label.setText("")
            return
        attention = sum(1 for j in jobs if j.state in ("needs_check", "failed"))
        text = _("Outbox: {count} waiting").format(count=len(jobs) - attention)
        if attention:
            text += " · " + _("{count} need you").format(count=attention)
        colour = "#B3261E" if attention else "#0B5CAD"
        self.outbox_label.setText(f"<a href='outbox' style='color:{colour}'>{text}</a>")

    def closeEvent(self, event: QCloseEvent) -> None:
        self._outbox_timer.stop()
        self._health_timer.stop()
        self._first_health.stop()
        self.save_now()
        if self._design_editor is not None:
            self._design_editor.save_now()
        super().closeEvent(event)
