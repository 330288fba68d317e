"""Snippets in the editor: the palette (Ctrl+Space, or "/" at the start of a word) that
inserts saved text or a hashtag set, the per-post "add the signature" switch, and
Sunting › Cuplikan dan tagar… to manage them. What is saved lives in
composer/plan/snippets.py; the dialogs are in composer/ui/snippet_dialogs.py, loaded when
first opened; this module wires them into the editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout

from composer import platforms
from composer.core.post import Post
from composer.i18n import _
from composer.plan.snippets import PaletteItem

if TYPE_CHECKING:
    from composer.ui.main_window import MainWindow
    from composer.ui.snippet_dialogs import SnippetPalette, SnippetsDialog


class Snippets(QObject):
    """Wires the palette and the signature switch into the window's editor."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library = window.session.snippet_library()
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
        saved = {t.casefold() for i in items for t in i.text.split() if i.kind == "hashtags"}
        items += [
            PaletteItem("suggestion", s.tag, s.tag + " ", _suggestion_note(s.uses, s.interactions))
            for s in self.window.session.hashtag_suggestions()
            if s.tag.casefold() not in saved
        ]
        if not items:
            self.window.statusBar().showMessage(
                _("No snippets saved yet: add them in Edit › Snippets and hashtag sets…"), 8000
            )
            return None
        from composer.ui.snippet_dialogs import SnippetPalette

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
        from composer.ui.snippet_dialogs import SnippetsDialog

        dialog = SnippetsDialog(self.library, self.window)
        dialog.finished.connect(lambda _code: self._refresh_after_manage())
        dialog.open()
        return dialog

    def _refresh_after_manage(self) -> None:
        post = self.window.post
        if post is not None:
            self.post_shown(post)
            self.window.refresh_previews()


def _suggestion_note(uses: int, interactions: float | None) -> str:
    if interactions is None:
        return f"{uses}×"
    return _("{count}×, {mean} interactions per post in 24 h").format(count=uses, mean=round(interactions))
