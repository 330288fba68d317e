"""The snippets' dialogs: the palette (Ctrl+Space, or "/" at the start of a word) and
Sunting › Cuplikan dan tagar…. Loaded when one is first opened, not on the way to the
window's first paint (composer/ui/snippets.py wires them into the editor)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
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
from composer.i18n import _
from composer.plan.messages import Problem
from composer.plan.snippets import Library, PaletteItem, SnippetError


def _problem(exc: SnippetError) -> str:
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
            kind = f"{kind}: {item.note}" if item.note else kind
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
