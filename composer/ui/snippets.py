"""Snippets in the editor: the palette (Ctrl+Space, or "/" at the start of a word) that
inserts saved text or a hashtag set, the per-post "add the signature" switch, and
Sunting › Cuplikan dan tagar… to manage them. What is saved lives in
composer/plan/snippets.py; this module only shows it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from composer import platforms
from composer.core.post import Post
from composer.i18n import _
from composer.plan.snippets import Library, PaletteItem, SnippetError

if TYPE_CHECKING:
    from composer.ui.main_window import MainWindow


def _problem(exc: SnippetError) -> str:
    # The plan's messages (and their table of codes) are loaded only when one is shown,
    # not on the way to the first paint (tests/ui/test_startup_imports.py).
    from composer.plan.messages import Problem

    return Problem(0, "", exc.code, exc.params).message()


class SnippetPalette(QDialog):
    """A filter box over the saved snippets and hashtag sets; Enter inserts the first match."""

    sig_chosen = Signal(object)  # PaletteItem

    def __init__(self, items: list[PaletteItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Insert a snippet"))
        self.setObjectName("snippet-palette")
        self.items = items
        layout = QVBoxLayout(self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Type to filter; Enter inserts, Esc closes"))
        layout.addWidget(self.filter)
        self.list = QListWidget()
        layout.addWidget(self.list)
        self.filter.textChanged.connect(self._fill)
        self.filter.returnPressed.connect(self._choose)
        self.list.itemActivated.connect(lambda _item: self._choose())
        self.filter.installEventFilter(self)
        self._fill("")
        self.resize(460, 320)

    def _fill(self, text: str) -> None:
        self.list.clear()
        wanted = text.strip().casefold()
        for item in self.items:
            if wanted and wanted not in item.name.casefold() and wanted not in item.text.casefold():
                continue
            kind = {"hashtags": _("Hashtag set"), "suggestion": _("Used before")}.get(item.kind, _("Snippet"))
            preview = " ".join(item.text.split())
            row = QListWidgetItem(f"{item.name} — {preview[:70]}{'…' if len(preview) > 70 else ''}  [{kind}]")
            row.setData(Qt.ItemDataRole.UserRole, item)
            row.setToolTip(item.text)
            self.list.addItem(row)
        if self.list.count():
            self.list.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up/Down in the filter box move through the list, so the hands stay on the keys.
        if watched is self.filter and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
                self.list.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def _choose(self) -> None:
        row = self.list.currentItem()
        if row is None:
            return
        self.sig_chosen.emit(row.data(Qt.ItemDataRole.UserRole))
        self.accept()


class Snippets(QObject):
    """Wires the palette and the signature switch into the window's editor."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library = Library(window.workspace.settings)
        self.palette: SnippetPalette | None = None
        editor = window.editor.text_edit
        shortcut = QShortcut(QKeySequence("Ctrl+Space"), editor)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(lambda: self.open_palette(slash=False))
        editor.installEventFilter(self)
        self.signature_box = QCheckBox(_("Signature"))
        self.signature_box.toggled.connect(self._signature_toggled)
        # beside the tags field: the editor keeps its height on the 768-pixel screen
        layout = window.editor.layout()
        tags = window.editor.tags_edit
        if isinstance(layout, QVBoxLayout) and layout.indexOf(tags) >= 0:
            index = layout.indexOf(tags)
            layout.removeWidget(tags)
            row = QHBoxLayout()
            row.addWidget(tags, 1)
            row.addWidget(self.signature_box)
            layout.insertLayout(index, row)
        self._update_signature_box(None)

    # --- the palette ---------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.text() == "/"
            and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            and self._at_word_start()
            and self.library.palette()
        ):
            self.open_palette(slash=True)
            return True
        return super().eventFilter(watched, event)

    def _at_word_start(self) -> bool:
        cursor = self.window.editor.text_edit.textCursor()
        if cursor.hasSelection():
            return False
        block = cursor.block().text()
        column = cursor.positionInBlock()
        return column == 0 or block[column - 1].isspace()

    def open_palette(self, *, slash: bool) -> SnippetPalette | None:
        """Show the palette; with *slash* (typed "/"), closing it without a choice types the "/"."""
        editor = self.window.editor.text_edit
        if self.window.post is None:
            return None
        items = self.library.palette()
        from composer.plan.snippets import suggested_hashtags

        saved = {t.casefold() for i in items for t in i.text.split() if i.kind == "hashtags"}
        items += [
            PaletteItem("suggestion", tag, tag + " ")
            for tag in suggested_hashtags(self.window.workspace.outbox)
            if tag.casefold() not in saved
        ]
        if not items:
            self.window.statusBar().showMessage(
                _("No snippets saved yet: add them in Edit › Snippets and hashtag sets…"), 8000
            )
            return None
        palette = SnippetPalette(items, self.window)
        chosen: list[PaletteItem] = []
        palette.sig_chosen.connect(chosen.append)

        def closed(_code: int) -> None:
            if chosen:
                editor.insertPlainText(chosen[0].text)
            elif slash:
                editor.insertPlainText("/")
            editor.setFocus()
            self.palette = None

        palette.finished.connect(closed)
        self.palette = palette
        palette.open()
        palette.filter.setFocus()
        return palette

    # --- signatures ----------------------------------------------------------------------
    def post_shown(self, post: Post) -> None:
        """A draft was opened: bring its copy of the signatures up to date."""
        if self.library.sign(post):
            self.window.autosave.changed()
        self._update_signature_box(post)

    def _update_signature_box(self, post: Post | None) -> None:
        signatures = self.library.signatures()
        self.signature_box.blockSignals(True)
        self.signature_box.setChecked(post is not None and post.signature)
        self.signature_box.blockSignals(False)
        self.signature_box.setEnabled(post is not None and bool(signatures))
        if signatures:
            self.signature_box.setToolTip(
                _("Append each platform's signature to this post:")
                + "\n"
                + "\n".join(f"{platforms.display_name(k)}: {v}" for k, v in sorted(signatures.items()))
            )
        else:
            self.signature_box.setToolTip(_("No signature saved yet: Edit › Snippets and hashtag sets…"))

    def _signature_toggled(self, on: bool) -> None:
        post = self.window.post
        if post is not None:
            post.signature = on
            self.window.autosave.changed()

    # --- managing ------------------------------------------------------------------------
    def manage(self) -> SnippetsDialog:
        dialog = SnippetsDialog(self.library, self.window)
        dialog.finished.connect(lambda _code: self._refresh_after_manage())
        dialog.open()
        return dialog

    def _refresh_after_manage(self) -> None:
        post = self.window.post
        if post is not None:
            self.post_shown(post)
            self.window.refresh_previews()


class SnippetsDialog(QDialog):
    """Sunting › Cuplikan dan tagar…: snippets, hashtag sets, and a signature per platform."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Snippets and hashtag sets"))
        self.library = library
        self.resize(640, 480)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.snippet_page = _NamedTexts(
            library.snippets, library.add_snippet, lambda n: library.remove("snippet", n), self
        )
        self.hashtag_page = _NamedTexts(
            lambda: {k: " ".join(v) for k, v in library.hashtag_sets().items()},
            library.add_hashtag_set,
            lambda n: library.remove("hashtags", n),
            self,
        )
        self.tabs.addTab(self.snippet_page, _("Snippets"))
        self.tabs.addTab(self.hashtag_page, _("Hashtag sets"))
        signatures = QWidget()
        form = QFormLayout(signatures)
        form.addRow(
            QLabel(_("Appended to what each platform receives (switch it off per post in the editor)."))
        )
        self.signature_edits: dict[str, QPlainTextEdit] = {}
        saved = library.signatures()
        for entry in platforms.PLATFORMS:
            edit = QPlainTextEdit(saved.get(entry.id, ""))
            edit.setFixedHeight(52)
            self.signature_edits[entry.id] = edit
            form.addRow(entry.name, edit)
        self.tabs.addTab(signatures, _("Signatures"))
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save signatures and close"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Close"))
        buttons.accepted.connect(self._save_signatures)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _save_signatures(self) -> None:
        try:
            for platform_id, edit in self.signature_edits.items():
                self.library.set_signature(platform_id, edit.toPlainText())
        except SnippetError as exc:
            QMessageBox.warning(self, _("Cannot save"), _problem(exc))
            return
        self.accept()


class _NamedTexts(QWidget):
    """A list of named texts with a name field, a text field, Save and Remove."""

    def __init__(
        self,
        load: Callable[[], dict[str, str]],
        save: Callable[[str, str], object],
        remove: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._load, self._save, self._remove = load, save, remove
        layout = QHBoxLayout(self)
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        side = QVBoxLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Name"))
        self.text = QPlainTextEdit()
        self.save_button = QPushButton(_("Save"))
        self.remove_button = QPushButton(_("Remove"))
        side.addWidget(self.name)
        side.addWidget(self.text, 1)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.remove_button)
        side.addLayout(row)
        layout.addLayout(side, 2)
        self.list.currentTextChanged.connect(self._show)
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove)
        self.refresh()

    def _values(self) -> dict[str, str]:
        return self._load()

    def refresh(self) -> None:
        self.list.clear()
        self.list.addItems(list(self._values()))

    def _show(self, name: str) -> None:
        values = self._values()
        if name in values:
            self.name.setText(name)
            self.text.setPlainText(values[name])

    def save(self) -> None:
        try:
            self._save(self.name.text(), self.text.toPlainText())
        except SnippetError as exc:
            QMessageBox.warning(self, _("Cannot save"), _problem(exc))
            return
        self.refresh()

    def remove(self) -> None:
        try:
            self._remove(self.name.text())
        except SnippetError as exc:
            QMessageBox.warning(self, _("Cannot remove"), _problem(exc))
            return
        self.name.clear()
        self.text.clear()
        self.refresh()
