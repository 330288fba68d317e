"""The open design: the current immutable ``Design``, its undo stack and canvas size.

Every edit is a ``composer.design.commands`` command pushed through ``push``; the Qt
undo stack only wraps them (``DesignUndoCommand``), so undo/redo is exact and testable
without a screen. ``sig_changed`` fires after every change, undo and redo included.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from composer.core.platforms.base import ImageSpec
from composer.design.commands import Command, apply, merge
from composer.design.model import Design, family
from composer.design.sizes import SIZES

_gestures = itertools.count(1)


def new_gesture() -> int:
    """An id for one drag or one typing burst: its commands merge into one undo step."""
    return next(_gestures)


class DesignUndoCommand(QUndoCommand):
    MERGE_ID = 4242

    def __init__(self, document: DesignDocument, command: Command, gesture: int | None, text: str) -> None:
        super().__init__(text)
        self._document = document
        self.command = command
        self.gesture = gesture
        self._inverse: Command | None = None

    def redo(self) -> None:
        design, self._inverse = apply(self._document.design, self.command)
        self._document._set(design)

    def undo(self) -> None:
        assert self._inverse is not None
        design, _ = apply(self._document.design, self._inverse)
        self._document._set(design)

    def id(self) -> int:
        return self.MERGE_ID if self.gesture is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, DesignUndoCommand) or other.gesture != self.gesture:
            return False
        merged = merge(self.command, other.command)
        if merged is None:
            return False
        self.command = merged  # our inverse still restores the state before the gesture
        return True


class DesignDocument(QObject):
    sig_changed = Signal()
    """The design or the canvas size changed."""

    def __init__(self, design: Design, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.design = design
        self.spec: ImageSpec = SIZES[1] if len(SIZES) > 1 else SIZES[0]
        self.undo_stack = QUndoStack(self)

    @property
    def family(self) -> str:
        return family(self.spec.width, self.spec.height)

    def push(self, command: Command, text: str = "", gesture: int | None = None) -> None:
        self.undo_stack.push(DesignUndoCommand(self, command, gesture, text))

    def replace(self, design: Design) -> None:
        """Load another design (a template, another post): a fresh undo history."""
        self.undo_stack.clear()
        self._set(design)

    def set_spec(self, spec: ImageSpec) -> None:
        self.spec = spec
        self.sig_changed.emit()

    def _set(self, design: Design) -> None:
        self.design = design
        self.sig_changed.emit()
