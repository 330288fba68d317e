"""Sunting (Edit) › Undo, Redo, Delete, Duplicate: one set of actions for the whole window,
acting on whichever editor has the keyboard focus.

- A text field (post text, title, alt text, a form field) keeps its own undo history and
  handles Ctrl+Z / Ctrl+Y / Delete itself (Qt gives it those keys first); the menu items do
  the same to it.
- The infographic editor (or any widget that implements ``Editable``) gets the menu items
  *and* the shortcuts when its canvas or layer list has the focus. Before, its actions
  lived only on its toolbar, so Ctrl+Z, Ctrl+Y, Delete and Ctrl+D did nothing on the canvas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QWidget

from composer.i18n import _

if TYPE_CHECKING:
    # No QTextEdit is on the window at its first paint: the class (and its enums, ~3 ms)
    # is built when the Edit menu is first used (issue 17, start-up).
    from PySide6.QtWidgets import QTextEdit

UNDO, REDO, DELETE, DUPLICATE = "undo", "redo", "delete", "duplicate"


@runtime_checkable
class Editable(Protocol):
    """An editor that answers the Edit menu (the infographic editor)."""

    def edit_available(self, command: str) -> bool: ...

    def edit_run(self, command: str) -> None: ...


class _TextTarget:
    """A text field, with the same two methods."""

    def __init__(self, widget: QLineEdit | QPlainTextEdit | QTextEdit) -> None:
        self.widget = widget

    def edit_available(self, command: str) -> bool:
        w = self.widget
        if isinstance(w, QLineEdit):
            return {UNDO: w.isUndoAvailable(), REDO: w.isRedoAvailable(), DELETE: w.hasSelectedText()}.get(
                command, False
            )
        doc = w.document()
        return {
            UNDO: doc.isUndoAvailable(),
            REDO: doc.isRedoAvailable(),
            DELETE: w.textCursor().hasSelection(),
        }.get(command, False)

    def edit_run(self, command: str) -> None:
        w = self.widget
        if command == UNDO:
            w.undo()
        elif command == REDO:
            w.redo()
        elif command == DELETE:
            if isinstance(w, QLineEdit):
                w.del_()
            else:
                w.textCursor().removeSelectedText()


def focused_target() -> Editable | None:
    """The text field with the focus, else the nearest Editable around the focus."""
    from PySide6.QtWidgets import QTextEdit

    widget: QWidget | None = QApplication.focusWidget()
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)) and not (
        isinstance(widget, (QPlainTextEdit, QTextEdit)) and widget.isReadOnly()
    ):
        return _TextTarget(widget)
    while widget is not None:
        if isinstance(widget, Editable):
            return widget
        widget = widget.parentWidget()
    return None


class EditActions(QObject):
    """The Edit menu's Undo/Redo/Delete/Duplicate, with window-wide shortcuts."""

    def __init__(self, window: QWidget, menu: QMenu) -> None:
        super().__init__(window)
        self.undo = self._add(window, menu, _("&Undo"), UNDO, QKeySequence.StandardKey.Undo)
        self.redo = self._add(window, menu, _("&Redo"), REDO, QKeySequence.StandardKey.Redo)
        menu.addSeparator()
        self.delete = self._add(window, menu, _("De&lete"), DELETE, QKeySequence(Qt.Key.Key_Delete))
        self.duplicate = self._add(window, menu, _("D&uplicate"), DUPLICATE, QKeySequence("Ctrl+D"))
        self._actions = {UNDO: self.undo, REDO: self.redo, DELETE: self.delete, DUPLICATE: self.duplicate}
        # Greyed out while the menu is open; always armed otherwise, so a shortcut works
        # right after an edit that made it possible (no refresh on every keystroke).
        menu.aboutToShow.connect(self._show_availability)
        menu.aboutToHide.connect(self._arm)

    def _add(
        self,
        window: QWidget,
        menu: QMenu,
        text: str,
        command: str,
        keys: QKeySequence | QKeySequence.StandardKey,
    ) -> QAction:
        action = QAction(text, window)
        action.setShortcut(keys)
        # Window-wide; a focused text field still takes these keys first (ShortcutOverride).
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: self.run(command))
        menu.addAction(action)
        return action

    def _arm(self) -> None:
        for action in self._actions.values():
            action.setEnabled(True)

    def run(self, command: str) -> None:
        target = focused_target()
        if target is not None and target.edit_available(command):
            target.edit_run(command)

    def _show_availability(self) -> None:
        target = focused_target()
        for command, action in self._actions.items():
            action.setEnabled(target is not None and target.edit_available(command))
